import { expect, it } from 'vitest';
import { namesOfAnswer } from './contact-names';

it('reads the names of the Contacts app’s answer for the numbers asked, and nothing else', () => {
  const names = namesOfAnswer(
    { '5550002': 'Bea Stone', '5550100003': 'Al', '5550004': 42, '5550005': '', '5550009': 'not asked' },
    ['5550002', '5550100003', '5550004', '5550005', '5550006', '__proto__', 'constructor'],
  );
  expect([...names]).toEqual([
    ['5550002', 'Bea Stone'],
    ['5550100003', 'Al'],
  ]);
});

it('has no names for an answer that is not an object', () => {
  for (const answer of [undefined, null, false, 'Bea', 5550002]) expect(namesOfAnswer(answer, ['5550002']).size).toBe(0);
});
