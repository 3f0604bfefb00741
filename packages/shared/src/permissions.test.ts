import { describe, expect, it } from 'vitest';
import { can, isAction, permissions, roles, type Action } from './permissions.ts';

describe('can', () => {
  it('denies by default: no actor, or an action the list does not name', () => {
    expect(can(null, 'gap.read')).toBe(false);
    expect(can({ userId: 'u', role: 'owner' }, 'made.up' as Action)).toBe(false);
  });

  it('grants exactly the roles the list names', () => {
    for (const action of Object.keys(permissions) as Action[]) {
      for (const role of roles) expect(can({ userId: 'u', role }, action)).toBe((permissions[action] as readonly string[]).includes(role));
    }
  });

  it('keeps auditors read-only and staff out of the gap analysis', () => {
    expect(can({ userId: 'u', role: 'auditor' }, 'gap.write')).toBe(false);
    expect(can({ userId: 'u', role: 'auditor' }, 'audit_log.read')).toBe(true);
    expect(can({ userId: 'u', role: 'staff' }, 'gap.read')).toBe(false);
  });
});

describe('isAction', () => {
  it('tells organisation permissions from the session rules', () => {
    expect(['public', 'session', 'mfa_pending'].map((a) => isAction(a as Action))).toEqual([false, false, false]);
    expect(isAction('gap.read')).toBe(true);
  });
});
