import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { mfaConfirmBody, signUpBody } from './contracts/auth.ts';
import { updateGapBody } from './contracts/gap.ts';
import { createOrgBody } from './contracts/org.ts';
import { plainIssues, plainSummary } from './field-messages.ts';

function messagesOf(schema: z.ZodType, value: unknown): Record<string, string> {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected the value to be refused');
  return Object.fromEntries(plainIssues(parsed.error, schema).map((issue) => [issue.path, issue.message]));
}

describe('plain messages for contract issues', () => {
  it('says what to do with each sign-up field, naming it', () => {
    expect(messagesOf(signUpBody, { name: ' ', email: 'casey', password: 'short', organisationName: 'X' })).toEqual({
      name: 'Enter your name.',
      email: 'Enter your e-mail address in the form name@example.com.au.',
      password: 'Use at least 12 characters for your password.',
      organisationName: 'Use at least 2 characters for the name of your organisation.',
    });
  });

  it('asks for a missing field and names an unexpected one', () => {
    expect(messagesOf(signUpBody, { email: 'casey@clinic.example', password: 'harbour lights at dusk', organisationName: 'Clinic', extra: 1 })).toEqual({
      name: 'Enter your name.',
      '': 'Leave out “extra”: it is not part of this form.',
    });
  });

  it('uses a field’s description where one key means different things (an organisation’s name)', () => {
    expect(messagesOf(createOrgBody, { name: '' })).toEqual({ name: 'Use at least 2 characters for the organisation’s name.' });
  });

  it('keeps a rule’s own sentence and turns a fragment into one with the field in front', () => {
    expect(messagesOf(updateGapBody, { version: 1, status: 'not_applicable', justification: '  ' })).toEqual({
      justification: 'A justification is required when an item is marked not applicable.',
    });
    expect(messagesOf(updateGapBody, { version: 1, targetDate: '2027-02-30' })).toEqual({ targetDate: 'A target date must be a date (yyyy-mm-dd).' });
    expect(messagesOf(updateGapBody, { version: 1, status: 'done' })).toEqual({ status: 'Choose one of the listed options for a status.' });
  });

  it('refuses names with line breaks or control characters, saying so', () => {
    expect(messagesOf(signUpBody, { name: 'Casey\nMorgan', email: 'casey@clinic.example', password: 'harbour lights at dusk', organisationName: 'Clinic\u0007' })).toEqual({
      name: 'Your name must be on one line, without line breaks or control characters.',
      organisationName: 'The name of your organisation must be on one line, without line breaks or control characters.',
    });
    expect(messagesOf(createOrgBody, { name: 'Harbour\r\nClinic' })).toEqual({ name: 'The organisation’s name must be on one line, without line breaks or control characters.' });
  });

  it('never passes on zod’s developer wording', () => {
    const schema = z.strictObject({ count: z.number().int().min(0), flag: z.boolean(), list: z.array(z.string()).min(1), id: z.uuid() });
    const messages = Object.values(messagesOf(schema, { count: -1, list: [], id: 'x' }));
    expect(messages).toEqual([
      'Enter a number of at least 0 for the count.',
      'Choose the flag.',
      'Choose at least 1 for the list.',
      'Choose the id from the list.',
    ]);
    for (const message of messages) expect(message).not.toMatch(/Too small|Invalid|expected|received/);
  });

  it('summarises one issue as itself and several as a count with each message', () => {
    expect(plainSummary([{ path: 'name', message: 'Enter your name.' }])).toBe('Enter your name.');
    expect(plainSummary([{ path: 'name', message: 'Enter your name.' }, { path: 'email', message: 'Enter your e-mail address.' }])).toBe(
      '2 answers need attention: Enter your name. Enter your e-mail address.',
    );
  });
});

describe('plain messages for the sign-in step', () => {
  it('names the authentication code once and says what it must be', () => {
    expect(messagesOf(mfaConfirmBody, { code: '12ab' })).toEqual({ code: 'The authentication code must be the 6-digit code from your authenticator app.' });
  });
});
