import { describe, expect, it } from 'vitest';
import { apiScopes, apiTokenPattern, describeScopes, hasScope, moduleOf, scopeModuleLabel, scopeModules, scopeNeeded } from './api-scopes.ts';
import { permissions, type Action } from './permissions.ts';

describe('API token scopes', () => {
  it('are derived from the permission list: a read scope per module, a write scope where the module has writes', () => {
    expect(apiScopes).toEqual(expect.arrayContaining(['gap:read', 'gap:write', 'org:read', 'org:write', 'audit_log:read', 'catalogue:read', 'members:read', 'members:write']));
    expect(apiScopes).not.toContain('catalogue:write');
    expect(apiScopes).not.toContain('outbox:write');
    for (const action of Object.keys(permissions) as Action[]) expect(apiScopes).toContain(`${moduleOf(action)}:read`);
    expect(new Set(apiScopes).size).toBe(apiScopes.length);
  });

  it('ask for read on GET and write on any other method, per module', () => {
    expect(scopeNeeded('gap.read', 'GET')).toBe('gap:read');
    expect(scopeNeeded('gap.export', 'GET')).toBe('gap:read');
    expect(scopeNeeded('gap.write', 'PATCH')).toBe('gap:write');
    expect(scopeNeeded('audit_log.checkpoints', 'POST')).toBe('audit_log:write');
    expect(hasScope(['gap:write'], 'gap.read', 'GET')).toBe(false);
    expect(hasScope(['gap:read'], 'gap.write', 'PATCH')).toBe(false);
    expect(hasScope(['gap:read', 'gap:write'], 'gap.write', 'PATCH')).toBe(true);
    expect(hasScope(['org:read'], 'gap.read', 'GET')).toBe(false);
  });

  it('read in plain words, and a module without a label is named from its key', () => {
    expect(describeScopes(['gap:read', 'gap:write', 'catalogue:read'])).toEqual(['ISO 27001 catalogue: read', 'Gap analysis: read and change']);
    expect(describeScopes(['org:write'])).toEqual(['Organisation settings: change']);
    expect(scopeModuleLabel('demo_widgets' as never)).toBe('Demo widgets');
    for (const module of scopeModules) expect(scopeModuleLabel(module)).not.toMatch(/_/);
  });

  it('recognise a token by its prefix and length', () => {
    expect(apiTokenPattern.test(`cust_${'a'.repeat(47)}`)).toBe(true);
    expect(apiTokenPattern.test(`cust_${'a'.repeat(46)}`)).toBe(false);
    expect(apiTokenPattern.test(`tok_${'a'.repeat(47)}`)).toBe(false);
  });
});
