import { describe, expect, it } from 'vitest';
import { isUuid, newId } from './ids.ts';

describe('newId', () => {
  it('makes distinct version 7 UUIDs, across many draws of the random pool', () => {
    const ids = Array.from({ length: 2_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(isUuid(id)).toBe(true);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
  });

  it('starts with the time in milliseconds, so ids made later sort later', () => {
    const at = Date.UTC(2026, 11, 3, 8, 30);
    const id = newId(at);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
    expect(newId(at + 1) > newId(at)).toBe(true);
  });
});
