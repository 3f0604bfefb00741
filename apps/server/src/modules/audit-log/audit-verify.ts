import type { AuditCheck, AuditVerifyReply } from '@custodian/shared/contracts/audit-log.ts';
import type { Tx } from '../../db/with-org.ts';
import { checkPersonalFields, expectedChainValue, genesisAction, genesisHash } from './audit-chain.ts';
import { latestCheckpoint, type Checkpoint, type CheckpointSet } from './audit-checkpoints.ts';
import { readChainBatch, readChainHead, type AuditRow } from './audit-log.repo.ts';

type Problem = AuditVerifyReply['problems'][number];

/** What verification needs besides the database: the audit key and the organisation's checkpoint file, if any. */
export interface VerifyInput {
  key: Buffer;
  checkpoints: CheckpointSet | null;
}

class ChainWalk {
  readonly problems: Problem[] = [];
  prevMac = genesisHash;
  expectedSeq = 1;
  checked = 0;
  sawKeyed = false;
  highestVersion = 0;
  /** Pseudonyms given by de-identifications whose MAC holds: number → the person it was given to, and when. */
  private readonly given = new Map<number, { userId: string; seq: number }>();
  /** Pseudonyms events hold, checked against the de-identifications at the end (those come later in the chain). */
  private readonly held: Array<{ seq: number; no: number; userId: string | null }> = [];
  private readonly bySeq = new Map<number, Checkpoint[]>();

  constructor(
    private readonly orgId: string,
    private readonly input: VerifyInput,
  ) {
    for (const c of input.checkpoints?.checkpoints ?? []) this.bySeq.set(c.seq, [...(this.bySeq.get(c.seq) ?? []), c]);
  }

  private fail(seq: number, check: AuditCheck, problem: string): void {
    this.problems.push({ seq, check, problem });
  }

  step(row: AuditRow): void {
    const seq = Number(row.seq);
    if (this.checked === 0) this.checkGenesis(row, seq);
    else {
      if (seq !== this.expectedSeq) this.fail(seq, 'sequence', `expected event ${this.expectedSeq} next; events are missing`);
      if (row.prev_hash !== this.prevMac) this.fail(seq, 'chain_link', 'does not link to the event before it');
    }
    this.checkMac(row, seq);
    this.checked += 1;
    for (const c of this.bySeq.get(seq) ?? []) {
      if (c.headMac !== row.hash) this.fail(seq, 'checkpoint', `differs from the signed checkpoint of ${c.at}: the trail was rewritten`);
      else if (c.count !== this.checked) this.fail(seq, 'checkpoint', `the signed checkpoint of ${c.at} counted ${c.count} events up to here, the trail has ${this.checked}`);
    }
    this.prevMac = row.hash;
    this.expectedSeq = seq + 1;
  }

  private checkGenesis(row: AuditRow, seq: number): void {
    if (seq !== 1) this.fail(seq, 'genesis', `the trail starts at event ${seq}: the organisation's creation (event 1) is missing`);
    else if (row.action !== genesisAction || row.entity_id !== this.orgId) this.fail(seq, 'genesis', 'the first event is not the creation of the organisation');
    else if (row.prev_hash !== genesisHash) this.fail(seq, 'genesis', 'the first event does not start from the fixed genesis value');
  }

  private checkMac(row: AuditRow, seq: number): void {
    if (row.mac_version === 0 && this.sawKeyed) {
      this.fail(seq, 'mac', 'was recorded without the server key after keyed events began: it was forged or downgraded');
      return;
    }
    if (row.mac_version < this.highestVersion) {
      this.fail(seq, 'mac', `was recorded with MAC version ${row.mac_version} after version ${this.highestVersion} events began: it was forged or downgraded`);
      return;
    }
    this.highestVersion = row.mac_version;
    if (row.mac_version > 0) this.sawKeyed = true;
    const expected = expectedChainValue(this.input.key, row.prev_hash, row);
    if (expected === null) this.fail(seq, 'mac', `uses an unknown MAC version (${row.mac_version})`);
    else if (expected !== row.hash) {
      this.fail(seq, 'mac', row.mac_version === 0 ? 'content was changed after it was recorded' : 'content was changed after it was recorded, or the event was not written by this server (its MAC does not match)');
    } else this.noteDeidentification(row, seq);
    const personal = checkPersonalFields(this.input.key, row);
    for (const problem of personal.problems) this.fail(seq, 'personal', problem);
    for (const p of personal.pseudonyms) this.held.push({ seq, ...p });
  }

  /** A de-identification whose MAC holds: the pseudonym it gave, to whom (ADR 0015). */
  private noteDeidentification(row: AuditRow, seq: number): void {
    if (row.action !== 'member.deidentified' || row.mac_version < 2) return;
    const no = (row.after as { pseudonymNo?: unknown } | null)?.pseudonymNo;
    if (typeof no === 'number' && !this.given.has(no)) this.given.set(no, { userId: row.entity_id, seq });
  }

  private checkPseudonyms(): void {
    for (const held of this.held) {
      const given = this.given.get(held.no);
      if (!given || given.seq < held.seq) this.fail(held.seq, 'personal', `holds the pseudonym “Former member ${held.no}”, which no de-identification recorded after it gave`);
      else if (held.userId !== null && held.userId !== given.userId) this.fail(held.seq, 'personal', `holds the pseudonym “Former member ${held.no}”, which was given to someone else`);
    }
  }

  finish(head: { seq: number; hash: string } | null): void {
    const lastSeq = this.expectedSeq - 1;
    this.checkPseudonyms();
    if (this.checked === 0) this.fail(1, 'genesis', "the trail is empty: the organisation's creation (event 1) is missing");
    if (head && (head.seq !== lastSeq || head.hash !== this.prevMac)) {
      this.fail(head.seq, 'head', head.seq > lastSeq ? `the trail ends at event ${lastSeq} but ${head.seq} were recorded; the newest events are missing` : 'the end of the trail does not match its recorded head');
    }
    if (!head && this.checked > 0) this.fail(lastSeq, 'head', 'the record of the trail’s end is missing');
    const newest = latestCheckpoint(this.input.checkpoints);
    if (newest && newest.seq > lastSeq) {
      this.fail(lastSeq + 1, 'checkpoint', `the signed checkpoint of ${newest.at} records ${newest.seq} events but the trail ends at event ${lastSeq}: events were deleted`);
    }
    for (const p of this.input.checkpoints?.problems ?? []) this.fail(p.seq, 'checkpoint', p.problem);
  }
}

/**
 * Walks an organisation's whole chain: it must start with the organisation's creation (event 1, from
 * the genesis value), run without gaps, link each event to its predecessor's MAC, and every MAC must
 * hold under the audit key (hash-only events only before the first keyed one, ADR 0013), and each
 * personal field must match its commitment or hold a pseudonym a recorded de-identification gave (ADR 0015). Its end must
 * match the recorded head, and every signed checkpoint must match the event it names, so a trail cut
 * short or rewritten in full is caught too. Problems come in the order of the events they concern;
 * the first is the first bad event.
 */
export async function verifyChain(trx: Tx, orgId: string, input: VerifyInput): Promise<AuditVerifyReply> {
  const walk = new ChainWalk(orgId, input);
  for (;;) {
    const batch = await readChainBatch(trx, orgId, walk.expectedSeq - 1, 1000);
    if (batch.length === 0) break;
    for (const row of batch) walk.step(row);
  }
  walk.finish(await readChainHead(trx, orgId));
  const problems = walk.problems.map((p, i) => ({ p, i })).sort((a, b) => a.p.seq - b.p.seq || a.i - b.i).map(({ p }) => p);
  const newest = latestCheckpoint(input.checkpoints);
  return {
    isValid: problems.length === 0,
    checked: walk.checked,
    firstProblem: problems[0] ?? null,
    problems,
    checkpoint: newest ? { seq: newest.seq, at: newest.at } : null,
  };
}
