import { expect, it } from 'vitest';
import { namesByNumber } from './contact-names';

it('reads the names of the Contacts app’s PhoneContact list by the contacts’ digits', () => {
  const contact = { id: 1, number: '555-0001', firstname: 'Bea', lastname: '', notes: '', image: null, isBlocked: false, favorite: false };
  const names = namesByNumber([
    { ...contact, contactNumber: '555-0002', name: 'Bea Stone' },
    { ...contact, contactNumber: '(555) 010-0003', name: 'Al' },
    { ...contact, contactNumber: 5550004, name: 'not a contact: its number is no string' },
    { ...contact, contactNumber: '555-0005', name: '' },
    null,
    'Mallory',
  ]);
  expect([...names]).toEqual([
    ['5550002', 'Bea Stone'],
    ['5550100003', 'Al'],
  ]);
});

it('has no names for an answer that is not a list', () => {
  for (const answer of [undefined, null, false, {}, { 1: { contactNumber: '5550002', name: 'Bea' } }]) expect(namesByNumber(answer).size).toBe(0);
});
