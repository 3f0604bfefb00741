import { z } from 'zod';

/**
 * The one mapping from contract (zod) issues to plain Australian English: every message names the field
 * and says what to do ("Enter your name.", "Use at least 12 characters for the password."). The server's
 * validation envelope and the web forms' own checks both use it, so a person reads the same words
 * whichever side noticed the problem.
 */

/** One issue as the API reports it: the field's path (dot-joined) and the message. */
export type PlainIssue = {
  path: string;
  message: string;
};

/**
 * How a field is named in a message, by its key, when its schema has no description. A schema's
 * `.describe('the organisation’s name')` wins, so a key that means different things in different
 * contracts (name) can be named for each.
 */
const fieldNouns: Record<string, string> = {
  name: 'your name',
  email: 'your e-mail address',
  newEmail: 'your new e-mail address',
  password: 'your password',
  organisationName: 'the name of your organisation',
  token: 'the link from the e-mail',
  code: 'the authentication code',
  version: 'the version of the record you edited',
  status: 'a status',
  ownerUserId: 'an owner',
  targetDate: 'a target date',
  notes: 'notes',
  justification: 'a justification',
  role: 'a role',
  timeZone: 'a time zone',
  isMfaRequired: 'whether two-step verification is required',
  orgId: 'an organisation',
  q: 'the search text',
  cursor: 'the page link',
  limit: 'the number of rows per page',
  sort: 'a column to sort by',
  order: 'a sort order',
};

type Issue = z.core.$ZodIssue;

function humanise(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `the ${words}`;
}

function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let current = schema;
  for (let i = 0; i < 10 && current; i += 1) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) current = current.unwrap() as z.core.$ZodType;
    else if (current instanceof z.ZodPipe) current = current.in as z.core.$ZodType;
    else break;
  }
  return current;
}

function descriptionOf(schema: z.core.$ZodType | undefined): string | undefined {
  let current = schema;
  for (let i = 0; i < 10 && current; i += 1) {
    const description = z.globalRegistry.get(current)?.description;
    if (description) return description;
    const inner = unwrap(current);
    if (inner === current) return undefined;
    current = inner;
  }
  return undefined;
}

/** The schema of the field an issue is about (objects and arrays are followed; wrappers looked through). */
function fieldSchema(root: z.core.$ZodType | undefined, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let current = root;
  for (const key of path) {
    const inner = unwrap(current);
    if (inner instanceof z.ZodObject) current = (inner.shape as Record<PropertyKey, z.core.$ZodType | undefined>)[key];
    else if (inner instanceof z.ZodArray) current = inner.element as z.core.$ZodType;
    else return undefined;
  }
  return current;
}

/** How the field of an issue is named in a sentence ("your name", "the organisation’s name"). */
export function fieldNoun(path: readonly PropertyKey[], schema?: z.core.$ZodType): string {
  const described = path.length > 0 ? descriptionOf(fieldSchema(schema, path)) : undefined;
  if (described) return described;
  const key = [...path].reverse().find((part) => typeof part === 'string');
  if (key === undefined) return 'this form';
  return fieldNouns[key] ?? humanise(key);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** zod's own wording, which is for developers ("Too small: expected string to have >=1 characters"). */
function isZodDefault(message: string): boolean {
  return /^(Too small|Too big|Invalid|Unrecognized|Expected)\b/.test(message);
}

function authored(message: string, noun: string): string | null {
  if (isZodDefault(message)) return null;
  const sentence = /^[a-z]/.test(message) ? `${capitalise(noun)} ${message}` : message;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

function characters(n: number): string {
  return n === 1 ? '1 character' : `${n} characters`;
}

function sizeMessage(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, noun: string): string {
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const isMin = issue.code === 'too_small';
  if (issue.origin === 'string') {
    if (isMin && limit <= 1) return `Enter ${noun}.`;
    return `Use ${isMin ? 'at least' : 'at most'} ${characters(limit)} for ${noun}.`;
  }
  if (issue.origin === 'array' || issue.origin === 'set') return `Choose ${isMin ? 'at least' : 'at most'} ${limit} for ${noun}.`;
  return `Enter a number ${isMin ? 'of at least' : 'no larger than'} ${limit} for ${noun}.`;
}

function formatMessage(issue: Extract<Issue, { code: 'invalid_format' }>, noun: string): string {
  if (issue.format === 'email') return `Enter ${noun} in the form name@example.com.au.`;
  if (issue.format === 'uuid' || issue.format === 'guid') return `Choose ${noun} from the list.`;
  if (issue.format === 'date') return authored(issue.message, noun) ?? `Enter ${noun} as a real calendar date.`;
  return authored(issue.message, noun) ?? `Check ${noun}: it is not in the expected form.`;
}

function typeMessage(issue: Extract<Issue, { code: 'invalid_type' }>, noun: string): string {
  const isMissing = /received undefined/.test(issue.message);
  if (issue.expected === 'boolean') return `Choose ${noun}.`;
  if (isMissing) return `Enter ${noun}.`;
  if (issue.expected === 'number' || issue.expected === 'int') return `Enter ${noun} as a number.`;
  return `Enter ${noun} as text.`;
}

/** The plain message of one contract issue. Pass the contract so a described field is named as described. */
export function plainIssueMessage(issue: Issue, schema?: z.core.$ZodType): string {
  const noun = fieldNoun(issue.path, schema);
  switch (issue.code) {
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue, noun);
    case 'invalid_format':
      return formatMessage(issue, noun);
    case 'invalid_type':
      return typeMessage(issue, noun);
    case 'invalid_value':
      return `Choose one of the listed options for ${noun}.`;
    case 'unrecognized_keys':
      return `Leave out ${issue.keys.map((key) => `“${key}”`).join(', ')}: ${issue.keys.length === 1 ? 'it is' : 'they are'} not part of this form.`;
    default:
      return authored(issue.message, noun) ?? `Check ${noun}.`;
  }
}

/** Every issue of a failed parse, each with its path and plain message. */
export function plainIssues(error: z.ZodError, schema?: z.core.$ZodType): PlainIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: plainIssueMessage(issue, schema) }));
}

/** The one-line summary of a failed form: the message itself when there is one, else how many to fix. */
export function plainSummary(issues: readonly PlainIssue[]): string {
  if (issues.length === 1 && issues[0]) return issues[0].message;
  return `${issues.length} answers need attention: ${issues.map((issue) => issue.message).join(' ')}`;
}
