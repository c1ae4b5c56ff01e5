import { describe, expect, it } from 'vitest';
import { canonicalNumber, formatNumber, generateNumber, numberCount } from '../../../core/server/identity/phone-numbers';

describe('generateNumber', () => {
  it('keeps the fixed digits, fills each # with a digit and drops the display characters', () => {
    for (let i = 0; i < 200; i++) expect(generateNumber('(555) 0##-#9#')).toMatch(/^5550\d\d\d9\d$/);
  });

  it('draws every digit at every # position', () => {
    const seen = [new Set<string>(), new Set<string>()];
    for (let i = 0; i < 500; i++) {
      const [first = '', second = ''] = generateNumber('1##').slice(1);
      seen[0]!.add(first);
      seen[1]!.add(second);
    }
    expect(seen.map((digits) => [...digits].sort().join(''))).toEqual(['0123456789', '0123456789']);
  });
});

describe('numberCount', () => {
  it('is 10 to the number of #', () => {
    expect(numberCount('555-####')).toBe(10_000);
    expect(numberCount('555-###-####')).toBe(10_000_000);
    expect(numberCount('5550123')).toBe(1);
  });
});

describe('canonicalNumber', () => {
  it('keeps the digits only', () => {
    expect(canonicalNumber('(555) 012-3456')).toBe('5550123456');
    expect(canonicalNumber('+1 555 0123')).toBe('15550123');
    expect(canonicalNumber('5550123')).toBe('5550123');
    expect(canonicalNumber('call me')).toBe('');
  });
});

describe('formatNumber', () => {
  it('lays the digits out in the format', () => {
    expect(formatNumber('5550123456', '555-###-####')).toBe('555-012-3456');
    expect(formatNumber('5550123456', '(555) ###-####')).toBe('(555) 012-3456');
    expect(formatNumber('5550123', '555####')).toBe('5550123');
  });

  it('shows a number of another length (from an earlier format) as its digits', () => {
    expect(formatNumber('5550123', '555-###-####')).toBe('5550123');
    expect(formatNumber('5550123456789', '555-###-####')).toBe('5550123456789');
  });

  it('round-trips with canonicalNumber', () => {
    const format = '(555) ###-####';
    const number = generateNumber(format);
    expect(canonicalNumber(formatNumber(number, format))).toBe(number);
  });
});
