import { randomInt } from 'node:crypto';

const DIGIT_SLOT = /[0-9#]/;

/** A new number in `format` (see `config.ts`): each `#` a random digit, other digits kept, the rest dropped. */
export function generateNumber(format: string): string {
  let digits = '';
  for (const char of format) {
    if (char === '#') digits += randomInt(10);
    else if (DIGIT_SLOT.test(char)) digits += char;
  }
  return digits;
}

/** How many different numbers `format` can produce. */
export function numberCount(format: string): number {
  return 10 ** (format.match(/#/g) ?? []).length;
}

/** The canonical form of a phone number: its digits only (`555-0123` → `5550123`). */
export function canonicalNumber(text: string): string {
  return text.replace(/\D/g, '');
}

/**
 * `digits` laid out for display in `format` (`5550123`, `555-####` → `555-0123`); a number whose length
 * does not fit the format (generated under an earlier one) is shown as its bare digits.
 */
export function formatNumber(digits: string, format: string): string {
  const slots = [...format].filter((char) => DIGIT_SLOT.test(char)).length;
  if (digits.length !== slots) return digits;
  let next = 0;
  return [...format].map((char) => (DIGIT_SLOT.test(char) ? digits[next++] : char)).join('');
}
