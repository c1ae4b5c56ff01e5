import { z } from 'zod';

/** The names a phone gave its contacts, by the contacts' digits. */
export type ContactNames = ReadonlyMap<string, string>;

export const NO_NAMES: ContactNames = new Map();

const contactName = z.string().min(1);

/**
 * The names in an answer of the Contacts app's `contactNames` export (`{ [digits]: name }`), keeping only the
 * numbers asked for. The answer crosses from another resource's export: entries that are not names are skipped,
 * and anything but an object has no names.
 */
export function namesOfAnswer(answer: unknown, asked: readonly string[]): ContactNames {
  const names = new Map<string, string>();
  if (typeof answer !== 'object' || answer === null) return names;
  for (const number of asked) {
    const name = contactName.safeParse(Object.hasOwn(answer, number) ? (answer as Record<string, unknown>)[number] : undefined);
    if (name.success) names.set(number, name.data);
  }
  return names;
}
