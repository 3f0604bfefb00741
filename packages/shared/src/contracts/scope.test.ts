import { describe, expect, it } from 'vitest';
import { auditSentence } from '../domain/audit-wording.ts';
import { createScopeItemBody, scopePageForItem, scopePages, scopeSections, scopeSuggestions } from './scope.ts';

describe('the scope contract', () => {
  it('puts every part on exactly one page, and links only the gap items 4.1, 4.2 and 4.3 to them', () => {
    const placed = Object.values(scopePages).flatMap((page) => [...page.sections]);
    expect([...placed].sort()).toEqual([...scopeSections].sort());
    expect(scopePageForItem('iso27001:2022:4.1')?.path).toBe('/scope/context');
    expect(scopePageForItem('iso27001:2022:4.2')?.path).toBe('/scope/parties');
    expect(scopePageForItem('iso27001:2022:4.3')?.path).toBe('/scope/boundaries');
    expect(scopePageForItem('iso27001:2022:4.4')).toBeNull();
    expect(scopePageForItem('iso27001:2022:A.5.1')).toBeNull();
  });

  it('suggests the interested parties and systems the issue names, each once', () => {
    const keys = scopeSuggestions.map((suggestion) => suggestion.key);
    expect(new Set(keys).size).toBe(keys.length);
    const names = (section: string) => scopeSuggestions.filter((suggestion) => suggestion.section === section).map((suggestion) => suggestion.name);
    for (const party of ['Patients', 'OAIC', 'Australian Digital Health Agency', 'Hospitals', 'Primary health network', 'Insurers', 'Staff']) {
      expect(names('interested_party').some((name) => name.includes(party))).toBe(true);
    }
    for (const system of ['Practice management software', 'My Health Record', 'Telehealth', 'Pathology and imaging', 'Cloud backup']) {
      expect(names('system').some((name) => name.includes(system))).toBe(true);
    }
    for (const party of scopeSuggestions.filter((suggestion) => suggestion.section === 'interested_party')) expect(party.requirements).not.toBe('');
  });

  it('refuses an exclusion without a reason, and accepts one with it', () => {
    const missing = createScopeItemBody.safeParse({ section: 'exclusion', name: 'Software development', justification: '  ' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['justification']);
    expect(createScopeItemBody.safeParse({ section: 'exclusion', name: 'Software development', justification: 'We write none.' }).success).toBe(true);
    expect(createScopeItemBody.safeParse({ section: 'site', name: 'Bondi clinic' }).success).toBe(true);
  });

  it('words its audit events with the part and the name, never a code', () => {
    const event = { actorName: 'Dr Jane Lee', subject: null, people: {}, before: null, after: { part: 'Interested party', name: 'Insurers' } };
    expect(auditSentence({ ...event, action: 'scope.item_added' })).toBe('Dr Jane Lee added the interested party “Insurers” to the context and scope.');
    expect(auditSentence({ ...event, action: 'scope.approved', after: { revision: 3, note: '' } })).toBe('Dr Jane Lee approved revision 3 of the scope statement.');
  });
});
