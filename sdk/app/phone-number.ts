const DIGIT_SLOT = /[0-9#]/;

/**
 * The canonical form of a phone number: its digits only.
 *
 * @example
 * canonicalNumber('555-0123'); // '5550123'
 */
export function canonicalNumber(text: string): string {
  return text.replace(/\D/g, '');
}

/**
 * A number laid out in the server's format (`numberFormat` in the phone's settings, each `#` a digit). A number
 * whose digits do not fill the format (typed halfway, generated under an earlier format) or a code with `*` or `#`
 * comes back as given.
 *
 * @example
 * formatNumber('5550123', app.info.numberFormat); // '555-0123' on a server whose format is '555-####'
 */
export function formatNumber(number: string, format: string): string {
  const digits = canonicalNumber(number);
  const slots = [...format].filter((char) => DIGIT_SLOT.test(char)).length;
  if (digits.length !== slots || /[*#]/.test(number)) return number;
  let next = 0;
  return [...format].map((char) => (DIGIT_SLOT.test(char) ? digits[next++] : char)).join('');
}
