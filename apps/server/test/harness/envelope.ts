import { errorStatus, type ErrorCode } from '@custodian/shared/errors.ts';
import type { SentResponse } from './http.ts';

const envelopeKeys = new Set(['code', 'message', 'details']);
const stackTrace = /\bat [^\n]*\.(ts|js|mjs|cjs):\d+|node_modules\//;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * What is wrong with an error reply, or [] when it is exactly {"error":{"code","message","details"?}}
 * as JSON, with a known code whose status is the one sent, a message, and no stack trace.
 */
export function envelopeProblems(response: Pick<SentResponse, 'status' | 'contentType' | 'text'>): string[] {
  const problems: string[] = [];
  if (!response.contentType.startsWith('application/json')) problems.push(`content-type is "${response.contentType}", not application/json`);
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    return [...problems, `body is not JSON: ${response.text.slice(0, 200)}`];
  }
  if (!isRecord(body) || Object.keys(body).join(',') !== 'error' || !isRecord(body.error)) {
    return [...problems, `body is not {"error":{…}}: ${response.text.slice(0, 200)}`];
  }
  const error = body.error;
  const extra = Object.keys(error).filter((key) => !envelopeKeys.has(key));
  if (extra.length > 0) problems.push(`error has unexpected keys ${extra.join(', ')}`);
  if (typeof error.code !== 'string' || !(error.code in errorStatus)) problems.push(`error.code ${JSON.stringify(error.code)} is not a known code`);
  else if (errorStatus[error.code as ErrorCode] !== response.status)
    problems.push(`error.code ${error.code} means ${errorStatus[error.code as ErrorCode]}, but the status is ${response.status}`);
  if (typeof error.message !== 'string' || error.message.trim().length === 0) problems.push('error.message is missing or empty');
  if (stackTrace.test(response.text)) problems.push('the reply contains a stack trace');
  return problems;
}
