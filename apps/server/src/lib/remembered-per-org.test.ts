import { describe, expect, it } from 'vitest';
import { RememberedPerOrg } from './remembered-per-org.ts';

describe('RememberedPerOrg', () => {
  it('answers only at the generation the value was stored with', () => {
    const memory = new RememberedPerOrg<string>(10);
    memory.set('org-a', '3', 'register at 3');
    expect(memory.get('org-a', '3')).toBe('register at 3');
    expect(memory.get('org-a', '4')).toBeUndefined();
    expect(memory.get('org-b', '3')).toBeUndefined();
  });

  it('forgets the organisation stored longest ago when full', () => {
    const memory = new RememberedPerOrg<number>(2);
    memory.set('a', '1', 1);
    memory.set('b', '1', 2);
    memory.set('a', '2', 3); // stored again: now the newest
    memory.set('c', '1', 4);
    expect(memory.get('b', '1')).toBeUndefined();
    expect(memory.get('a', '2')).toBe(3);
    expect(memory.get('c', '1')).toBe(4);
  });
});
