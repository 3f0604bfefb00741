import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditChanges, auditSentence, auditSentences, isAuditAction, type WordingEvent } from './audit-wording.ts';

const serverSource = fileURLToPath(new URL('../../../../apps/server/src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every action code written in the server's source: literal `action:` fields, ctx.audit(...) and the helpers that pass a code on. */
function actionCodesInServer(): Set<string> {
  const prefixes = new Set(Object.keys(auditSentences).map((code) => code.split('.')[0]));
  const patterns = [
    /\baction: '([^']+)'/g,
    /\.audit\(\s*'([^']+)'/g,
    /recordForPerson\([^,]+,[^,]+,\s*'([^']+)'/g,
    /auditInCurrentOrg\([^,]+,\s*'([^']+)'/g,
  ];
  // A quoted "prefix.word" outside SQL is an action code; in a repo it is a column of a table that shares
  // the module's name ('audits.status'), so repos are read with the explicit patterns only.
  const anyQuotedCode = new RegExp(`'((?:${[...prefixes].join('|')})\\.[a-z_]+)'`, 'g');
  const codes = new Set<string>();
  for (const file of sourceFiles(serverSource)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of file.endsWith('.repo.ts') ? patterns : [...patterns, anyQuotedCode]) for (const match of text.matchAll(pattern)) if (match[1]) codes.add(match[1]);
  }
  return codes;
}

const sample = (action: string, fields: Partial<WordingEvent> = {}): WordingEvent => ({
  action,
  actorName: 'Dr Jane Lee',
  subject: 'Sam Park',
  before: null,
  after: null,
  people: {},
  ...fields,
});

describe('audit trail wording', () => {
  it('has a sentence for every action code the server can write', () => {
    const codes = actionCodesInServer();
    expect(codes.size).toBeGreaterThanOrEqual(15);
    expect([...codes].filter((code) => !isAuditAction(code))).toEqual([]);
  });

  it('speaks in sentences: the person, what they did, no codes, ids or JSON', () => {
    for (const action of Object.keys(auditSentences)) {
      const sentence = auditSentence(
        sample(action, {
          before: { role: 'staff', email: 'sam@clinic.example' },
          after: { role: 'owner', email: 'sam@clinic.example', method: 'recovery_code', failures: 2 },
        }),
      );
      expect(sentence, action).toMatch(/^Dr Jane Lee [a-z].*\.$/);
      expect(sentence, action).not.toContain(action);
      expect(sentence, action).not.toMatch(/[{}[\]_]|[0-9a-f]{8}-[0-9a-f]{4}|undefined|null/);
    }
  });

  it('names the member and both roles when a role changes', () => {
    expect(auditSentence(sample('member.role_changed', { before: { role: 'staff' }, after: { role: 'owner' } }))).toBe(
      'Dr Jane Lee changed the role of Sam Park from Staff to Owner.',
    );
    expect(auditSentence(sample('gap.updated', { subject: 'control A.5.1 Policies for information security' }))).toBe(
      'Dr Jane Lee updated control A.5.1 Policies for information security in the gap analysis.',
    );
    expect(auditSentence(sample('user.signed_in', { after: { method: 'recovery_code' } }))).toBe('Dr Jane Lee signed in with a password and a recovery code.');
  });

  it('shows changed fields as before → after in words, hiding bookkeeping', () => {
    const owner = '0190aaaa-0000-7000-8000-000000000001';
    const changes = auditChanges({
      before: { status: 'partial', ownerUserId: null, targetDate: '2026-12-24', notes: 'draft', justification: '' },
      after: { status: 'implemented', ownerUserId: owner, targetDate: '2027-01-31', notes: 'draft', justification: '' },
      people: { [owner]: 'Sam Park' },
    });
    expect(changes).toEqual([
      { field: 'Status', before: 'Partially implemented', after: 'Implemented' },
      { field: 'Owner', before: 'none', after: 'Sam Park' },
      { field: 'Target date', before: '24/12/2026', after: '31/01/2027' },
    ]);
    expect(
      auditChanges({ before: { name: 'A', version: 1, isMfaRequired: false }, after: { name: 'B', version: 2, isMfaRequired: true }, people: {} }),
    ).toEqual([
      { field: 'Name', before: 'A', after: 'B' },
      { field: 'Two-step verification required for everyone', before: 'No', after: 'Yes' },
    ]);
    expect(auditChanges({ before: null, after: { role: 'auditor' }, people: {} })).toEqual([{ field: 'Role', before: null, after: 'Auditor (read-only)' }]);
    expect(auditChanges({ before: { role: 'staff' }, after: null, people: {} })).toEqual([]);
  });
});
