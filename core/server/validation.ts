import { z } from 'zod';

/** A player's server id, as a number or the string FiveM's `source` and GetPlayers() give. */
export const playerIdSchema = z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d{0,9}$/).transform(Number)]);

/** The first problem zod found, as `path: message`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** Bytes of a value as JSON; Infinity when it is not JSON (cycles, BigInt). */
export function jsonSize(value: unknown): number {
  try {
    return new TextEncoder().encode(JSON.stringify(value ?? null)).length;
  } catch {
    return Infinity;
  }
}

/** A framework's character identifier (citizenid, license, char id), as admin exports and commands take it. */
export const identifierSchema = z.string().trim().min(1).max(96);
