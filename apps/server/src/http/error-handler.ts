import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorStatus, type ErrorCode } from '@custodian/shared/errors.ts';

interface Issue {
  path: string;
  message: string;
}

/** Fastify's own error codes for bad requests, mapped to ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_VALIDATION: 'validation_failed',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
};

const messages: Partial<Record<ErrorCode, string>> = {
  payload_too_large: 'The request is too large.',
  unsupported_media_type: 'Send the request body as JSON (Content-Type: application/json).',
  malformed_json: 'The request body is not valid JSON.',
  bad_request: 'The request could not be understood.',
  rate_limited: 'Too many requests. Wait a minute and try again.',
};

function zodIssues(error: FastifyError): Issue[] {
  const validation = (error as { validation?: Array<{ instancePath?: string; message?: string; params?: { issue?: { path?: PropertyKey[] } } }> }).validation ?? [];
  return validation.map((item) => {
    const path = item.params?.issue?.path?.map(String).join('.') ?? (item.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    return { path, message: item.message ?? 'is invalid' };
  });
}

function send(reply: FastifyReply, code: ErrorCode, message: string, details?: unknown): FastifyReply {
  return reply
    .status(errorStatus[code])
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ error: { code, message, ...(details === undefined ? {} : { details }) } }));
}

/**
 * The one error handler. Expected failures (AppError, validation, malformed input) become a 4xx with a
 * message a person can act on; anything else is logged with its request id and answered with an opaque 500.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) return send(reply, error.code, error.message, error.details);
  const replyIssues = (error as { replyIssues?: unknown }).replyIssues;
  if (replyIssues !== undefined) {
    request.log.error({ err: error, issues: replyIssues }, 'response did not match its contract');
    return send(reply, 'internal', `Something went wrong on our side. Quote reference ${request.id}.`);
  }
  // A unique key that a parallel request claimed first: the same answer as a rule the service checks.
  if ((error as { code?: string }).code === '23505') {
    request.log.warn({ err: error }, 'unique key taken by a parallel request');
    return send(reply, 'conflict', 'Someone else saved the same thing at the same moment. Reload the page and check before trying again.');
  }
  const mapped = error.code ? fastifyCodes[error.code] : undefined;
  if (mapped) {
    const details = mapped === 'validation_failed' ? zodIssues(error) : undefined;
    return send(reply, mapped, messages[mapped] ?? error.message, details);
  }
  if (error.statusCode === 429) return send(reply, 'rate_limited', messages.rate_limited ?? 'Too many requests.');
  if (error instanceof SyntaxError && error.statusCode === 400) return send(reply, 'malformed_json', messages.malformed_json ?? '');
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return send(reply, 'bad_request', messages.bad_request ?? 'Bad request.');
  }
  request.log.error({ err: error }, 'unhandled error');
  if (process.env.DEBUG_500) console.error(error);
  return send(reply, 'internal', `Something went wrong on our side. Quote reference ${request.id}.`);
}

/** Unknown API routes: the same envelope, 404. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(reply, 'not_found', `There is no API route ${request.method} ${request.url.split('?')[0] ?? ''}.`);
}
