import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost: about 40 ms and 16 MiB a check, on the libuv pool rather than the server's thread. */
const SCRYPT: ScryptOptions = { N: 2 ** 14, r: 8, p: 1 };
const KEY_BYTES = 32;
const MAX_LOCKOUT_MS = 24 * 60 * 60_000;

function derive(code: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(code, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** `scrypt$N$r$p$salt$key` (base64): the parameters travel with the hash, so raising them later keeps old ones valid. */
export async function hashPasscode(code: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(code, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPasscode(code: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(code, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The server owner's rule for wrong passcodes: `attempts` free tries, then a lockout that doubles with each failure. */
export interface LockoutPolicy {
  attempts: number;
  lockoutSeconds: number;
}

/** How long the phone stays locked after `failures` wrong passcodes in a row: 0, then 30 s, 60 s, 120 s … up to a day. */
export function lockoutMs(failures: number, policy: LockoutPolicy): number {
  if (failures < policy.attempts) return 0;
  return Math.min(policy.lockoutSeconds * 1000 * 2 ** Math.min(failures - policy.attempts, 20), MAX_LOCKOUT_MS);
}
