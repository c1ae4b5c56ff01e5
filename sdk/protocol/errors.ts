/**
 * The closed set of error codes Handset answers with, on every boundary: app requests, exports, net events.
 *
 * @example
 * if (!answer.ok && answer.error.code === 'RATE_LIMITED') retryLater();
 */
export const ERROR_CODES = [
  /** The input failed validation: wrong type, missing field, bad format. */
  'INVALID_INPUT',
  /** The input is larger than the boundary accepts. */
  'PAYLOAD_TOO_LARGE',
  /** The caller may not do this (not the owner, not permitted, not installed). */
  'FORBIDDEN',
  /** The thing addressed does not exist (app, action, record). */
  'NOT_FOUND',
  /** Creating something that already exists. */
  'ALREADY_EXISTS',
  /** Too many calls in too short a time. */
  'RATE_LIMITED',
  /** A per-character storage limit is reached. */
  'QUOTA_EXCEEDED',
  /** The target cannot take it now: app not open, phone in airplane mode, player offline. */
  'UNAVAILABLE',
  /** No answer in time. */
  'TIMEOUT',
  /** Something failed on Handset's side; details are in the server log, not the answer. */
  'INTERNAL',
] as const;
/**
 * One code of {@link ERROR_CODES}.
 *
 * @example
 * const code: ErrorCode = 'NOT_FOUND';
 */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An error as it travels on the wire.
 *
 * @example
 * const body: ErrorBody = { code: 'FORBIDDEN', message: 'not your order' };
 */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/**
 * Every answer across a Handset boundary: data, or one error with a code from {@link ERROR_CODES}.
 *
 * @example
 * const answer: Answer<number> = { ok: true, data: 120 };
 */
export type Answer<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/**
 * Thrown by server code to answer a request with a specific code.
 *
 * @example
 * throw new HandsetError('NOT_FOUND', 'no such order');
 */
export class HandsetError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HandsetError';
  }

  /** The error as it travels on the wire: its code and message, without the stack. */
  toBody(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}
