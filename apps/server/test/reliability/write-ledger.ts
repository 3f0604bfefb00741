import { createHash } from 'node:crypto';

/**
 * The client-side record of every write: which were acknowledged (2xx) and which have an unknown
 * outcome (the connection broke, e.g. the server was killed mid-request). Each item is written by
 * one client at a time, so "the last acknowledged write per item" is well defined.
 */
interface ItemState {
  lastAcked: string | null;
  /** Writes sent after the last acknowledged one whose outcome is unknown: any of them may have committed. */
  unknownSinceAck: string[];
}

export interface WriteLedger {
  ack: (orgId: string, itemId: string, note: string) => void;
  unknown: (orgId: string, itemId: string, note: string) => void;
  ackedCount: () => number;
  unknownCount: () => number;
  items: () => ReadonlyMap<string, ItemState>;
  ackedNotes: () => ReadonlySet<string>;
  unknownNotes: () => ReadonlySet<string>;
}

export function itemKey(orgId: string, itemId: string): string {
  return `${orgId} ${itemId}`;
}

export function createLedger(): WriteLedger {
  const items = new Map<string, ItemState>();
  const acked = new Set<string>();
  const unknown = new Set<string>();
  const stateOf = (orgId: string, itemId: string) => {
    const key = itemKey(orgId, itemId);
    const existing = items.get(key);
    if (existing) return existing;
    const fresh: ItemState = { lastAcked: null, unknownSinceAck: [] };
    items.set(key, fresh);
    return fresh;
  };
  return {
    ack: (orgId, itemId, note) => {
      const state = stateOf(orgId, itemId);
      state.lastAcked = note;
      state.unknownSinceAck = [];
      acked.add(note);
    },
    unknown: (orgId, itemId, note) => {
      stateOf(orgId, itemId).unknownSinceAck.push(note);
      unknown.add(note);
    },
    ackedCount: () => acked.size,
    unknownCount: () => unknown.size,
    items: () => items,
    ackedNotes: () => acked,
    unknownNotes: () => unknown,
  };
}

/** What the database holds afterwards: the note of every gap entry, and the note of every gap.updated event. */
export interface ObservedState {
  finalNotes: ReadonlyMap<string, string>;
  auditNotes: readonly string[];
}

export interface LedgerCheck {
  problems: string[];
  ackedWrites: number;
  unknownWrites: number;
  /** Unknown-outcome writes that turned out committed (their audit event exists). */
  unknownCommitted: number;
  auditEvents: number;
  /** SHA-256 over the expected final state of every item with a settled outcome, and over what was found. */
  expectedChecksum: string;
  actualChecksum: string;
}

function checksum(lines: string[]): string {
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

/**
 * Compares the database with the ledger: every item's final note is its last acknowledged write (or a
 * later write of unknown outcome), no item we did not write changed, and the audit trail holds
 * exactly one gap.updated event per acknowledged write and none that nobody sent.
 */
export function checkAgainstLedger(ledger: WriteLedger, observed: ObservedState): LedgerCheck {
  const problems: string[] = [];
  const expectedLines: string[] = [];
  const actualLines: string[] = [];
  for (const [key, state] of ledger.items()) {
    const actual = observed.finalNotes.get(key);
    const allowed = state.lastAcked === null ? [...state.unknownSinceAck, undefined] : [state.lastAcked, ...state.unknownSinceAck];
    if (!allowed.includes(actual)) problems.push(`${key}: holds ${JSON.stringify(actual ?? null)}, expected ${allowed.map((a) => JSON.stringify(a ?? null)).join(' or ')}`);
    if (state.lastAcked !== null && state.unknownSinceAck.length === 0) {
      expectedLines.push(`${key}\t${state.lastAcked}`);
      actualLines.push(`${key}\t${actual ?? ''}`);
    }
  }
  for (const key of observed.finalNotes.keys()) if (!ledger.items().has(key)) problems.push(`${key}: changed although no client wrote it`);
  const seen = new Map<string, number>();
  for (const note of observed.auditNotes) seen.set(note, (seen.get(note) ?? 0) + 1);
  let unknownCommitted = 0;
  for (const [note, count] of seen) {
    if (count > 1) problems.push(`audit trail: ${count} gap.updated events for the one write ${note}`);
    if (ledger.ackedNotes().has(note)) continue;
    if (ledger.unknownNotes().has(note)) unknownCommitted += 1;
    else problems.push(`audit trail: gap.updated event for ${note}, which no client sent`);
  }
  for (const note of ledger.ackedNotes()) if (!seen.has(note)) problems.push(`audit trail: no gap.updated event for the acknowledged write ${note}`);
  return {
    problems: problems.slice(0, 20).concat(problems.length > 20 ? [`… and ${problems.length - 20} more`] : []),
    ackedWrites: ledger.ackedCount(),
    unknownWrites: ledger.unknownCount(),
    unknownCommitted,
    auditEvents: observed.auditNotes.length,
    expectedChecksum: checksum(expectedLines),
    actualChecksum: checksum(actualLines),
  };
}
