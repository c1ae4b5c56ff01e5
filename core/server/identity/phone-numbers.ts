import { randomInt } from 'node:crypto';

export { canonicalNumber, formatNumber } from '../../../sdk/app/phone-number';

/** A new number in `format` (see `config.ts`): each `#` a random digit, other digits kept, the rest dropped. */
export function generateNumber(format: string): string {
  let digits = '';
  for (const char of format) {
    if (char === '#') digits += randomInt(10);
    else if (char >= '0' && char <= '9') digits += char;
  }
  return digits;
}

/** How many different numbers `format` can produce. */
export function numberCount(format: string): number {
  return 10 ** (format.match(/#/g) ?? []).length;
}
