import { describe, expect, it } from 'vitest';
import { checkAgainstLedger, createLedger, itemKey } from './write-ledger.ts';

/** The checker the load and crash tests rely on must itself catch every kind of loss. */
describe('write ledger check', () => {
  const org = '01900000-0000-7000-8000-000000000001';
  const a = itemKey(org, 'iso27001:2022:A.5.1');
  const b = itemKey(org, 'iso27001:2022:A.5.2');
  function ledger() {
    const l = createLedger();
    l.ack(org, 'iso27001:2022:A.5.1', 'w1');
    l.ack(org, 'iso27001:2022:A.5.1', 'w2');
    l.ack(org, 'iso27001:2022:A.5.2', 'w3');
    l.unknown(org, 'iso27001:2022:A.5.2', 'w4');
    return l;
  }

  it('passes when the database holds the last acknowledged write, or a later write of unknown outcome', () => {
    const settled = checkAgainstLedger(ledger(), { finalNotes: new Map([[a, 'w2'], [b, 'w3']]), auditNotes: ['w1', 'w2', 'w3'] });
    expect(settled.problems).toEqual([]);
    expect(settled.actualChecksum).toBe(settled.expectedChecksum);
    const committed = checkAgainstLedger(ledger(), { finalNotes: new Map([[a, 'w2'], [b, 'w4']]), auditNotes: ['w1', 'w2', 'w3', 'w4'] });
    expect(committed.problems).toEqual([]);
    expect(committed.unknownCommitted).toBe(1);
  });

  it('catches a lost write, a stale value, a missing, duplicated or invented audit event, and a stray change', () => {
    const lost = checkAgainstLedger(ledger(), { finalNotes: new Map([[a, 'w1'], [b, 'w3']]), auditNotes: ['w1', 'w3'] });
    expect(lost.problems).toEqual([`${a}: holds "w1", expected "w2"`, 'audit trail: no gap.updated event for the acknowledged write w2']);
    expect(lost.actualChecksum).not.toBe(lost.expectedChecksum);
    const extra = checkAgainstLedger(ledger(), { finalNotes: new Map([[a, 'w2'], [b, 'w3'], [itemKey(org, 'x'), 'z']]), auditNotes: ['w1', 'w2', 'w2', 'w3', 'zz'] });
    expect(extra.problems).toEqual([`${itemKey(org, 'x')}: changed although no client wrote it`, 'audit trail: 2 gap.updated events for the one write w2', 'audit trail: gap.updated event for zz, which no client sent']);
  });
});
