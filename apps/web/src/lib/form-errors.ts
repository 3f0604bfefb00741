import type { z } from 'zod';
import { plainIssues, plainSummary } from '@custodian/shared/field-messages.ts';
import { ApiError, type FieldIssue } from '../api/api-error.ts';

/**
 * The per-field messages of an error, keyed by field name. Short zod-style messages ("must be at least
 * 12 characters") get the field's label in front so they read as a sentence.
 */
export function fieldErrorsOf(error: unknown, labels: Record<string, string>): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const result: Record<string, string> = {};
  for (const [key, message] of Object.entries(error.fieldErrors)) {
    const label = labels[key];
    result[key] = label && /^[a-z]/.test(message) ? `${label} ${message}` : message;
  }
  return result;
}

/**
 * Runs a zod contract on the client first, turning its issues into the same ApiError, with the same
 * plain messages, that the server sends (packages/shared/src/field-messages.ts).
 */
export function validateWith<T extends z.ZodType>(schema: T, value: unknown): ApiError | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  const issues: FieldIssue[] = plainIssues(result.error, schema);
  return new ApiError(400, 'validation_failed', plainSummary(issues), issues);
}
