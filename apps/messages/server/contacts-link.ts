import { z } from 'zod';
import { isNumberBlocked } from '@handset/sdk/server';

/** The names a phone gave its contacts, by the contacts' digits. */
export type ContactNames = ReadonlyMap<string, string>;

export const NO_NAMES: ContactNames = new Map();

/** What Messages asks of the Contacts app: names as each owner saved numbers, and who blocked whom. */
export interface ContactsLink {
  /** The names the phone `ownerNumber` gave these numbers (the ones on the answer being built, never its whole book). */
  names(ownerNumber: string, numbers: readonly string[]): Promise<ContactNames>;
  /** Whether the phone `ownerNumber` blocked `number`. */
  isBlocked(ownerNumber: string, number: string): Promise<boolean>;
}

// The CitizenFX global, declared here so that tests outside the game type-check this module.
declare const exports: Record<string, Record<string, ((...args: unknown[]) => unknown) | undefined> | undefined>;

const contactName = z.string().min(1);

/**
 * The names in an answer of the Contacts app's `contactNames` export (`{ [digits]: name }`), keeping only the
 * numbers asked for. The answer crosses from another resource's export: entries that are not names are skipped.
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

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Calls Handset's export `name`; `absent` when no app answers it (Contacts disabled or left out). */
async function handsetExport<T>(name: string, args: unknown[], absent: T, read: (answer: unknown) => T): Promise<T> {
  const call = exports['handset']?.[name];
  if (!call) return absent;
  try {
    return read(await call(...args));
  } catch (error) {
    if (/No such export|is not running/.test(errorText(error))) return absent;
    throw error;
  }
}

/** The Contacts app through Handset's exports, as any resource reaches it: nobody is named or blocked without it. */
export const contactsThroughExports: ContactsLink = {
  names: (ownerNumber, numbers) =>
    numbers.length === 0 ? Promise.resolve(NO_NAMES) : handsetExport('contactNames', [ownerNumber, [...new Set(numbers)]], NO_NAMES, (answer) => namesOfAnswer(answer, numbers)),
  isBlocked: isNumberBlocked,
};
