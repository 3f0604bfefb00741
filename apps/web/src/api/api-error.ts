import type { ErrorCode } from '@custodian/shared/errors.ts';

export interface FieldIssue {
  path: string;
  message: string;
}

/** A failed API call, carrying the server's code, message and per-field problems. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network_error' | 'unexpected_reply' | 'unknown';
  readonly issues: FieldIssue[];
  /** The error's details as the server sent them (for example the current record of an edit conflict). */
  readonly details: unknown;

  constructor(status: number, code: ApiError['code'], message: string, issues: FieldIssue[] = [], details: unknown = undefined) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.details = details;
  }

  /** Per-field messages keyed by the top-level field name (e.g. "password"). */
  get fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const issue of this.issues) {
      const key = issue.path.split('.')[0] ?? '';
      if (key && result[key] === undefined) result[key] = issue.message;
    }
    return result;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toIssues(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  const issues: FieldIssue[] = [];
  for (const item of details) {
    if (!isRecord(item) || typeof item.message !== 'string') continue;
    const rawPath = item.path;
    const path = Array.isArray(rawPath) ? rawPath.map(String).join('.') : typeof rawPath === 'string' ? rawPath : '';
    issues.push({ path: path.replace(/^\//, '').replace(/\//g, '.').replace(/^body\./, ''), message: item.message });
  }
  return issues;
}

/** Builds an ApiError from a response body that may or may not be the error envelope. */
export function toApiError(status: number, body: unknown): ApiError {
  const envelope = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (!envelope) {
    return new ApiError(status, 'unknown', `Something went wrong (HTTP ${status}). Please try again.`);
  }
  const code = typeof envelope.code === 'string' ? (envelope.code as ApiError['code']) : 'unknown';
  const message = typeof envelope.message === 'string' ? envelope.message : `Something went wrong (HTTP ${status}).`;
  return new ApiError(status, code, message, toIssues(envelope.details), envelope.details);
}

/** The message to show for any error thrown while talking to the API. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Please try again.';
}
