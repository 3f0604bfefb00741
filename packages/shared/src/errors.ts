/**
 * The one error type of Custodian and the one table that maps its codes to HTTP statuses.
 * The server's error handler and the web client both read this table.
 */
export const errorStatus = {
  validation_failed: 400,
  malformed_json: 400,
  bad_request: 400,
  unauthenticated: 401,
  mfa_required: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  email_not_verified: 403,
  /** A sensitive action needs the person to confirm it's them again (password or passkey) first. */
  step_up_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  edit_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  account_locked: 423,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type ErrorDetails = Record<string, unknown> | Array<Record<string, unknown>> | undefined;

/** An expected failure with a message a practice manager can act on. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** Shorthand for the 404 every cross-organisation access must produce. */
export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} was not found.`);
}
