import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { hmacHex, safeEqual } from '../../lib/crypto.ts';
import { isUuid } from '../../lib/ids.ts';

/**
 * A signed checkpoint of one organisation's audit chain, kept outside the database: the head's
 * sequence number and MAC, how many events the chain held, and when. Its own MAC (the checkpoint key,
 * derived from the server secret) means nobody without the secret can write or edit one, so a
 * database rewritten from scratch, or with its newest events deleted, no longer matches it.
 */
export interface Checkpoint {
  v: 1;
  orgId: string;
  seq: number;
  headMac: string;
  count: number;
  at: string;
  mac: string;
}

const checkpointLine = z.strictObject({
  v: z.literal(1),
  orgId: z.uuid(),
  seq: z.number().int().min(0),
  headMac: z.string().regex(/^[0-9a-f]{64}$/),
  count: z.number().int().min(0),
  at: z.iso.datetime(),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

/** The checkpoint file of an organisation in a directory (JSON lines, one checkpoint a line, oldest first). */
export function checkpointFile(dir: string, orgId: string): string {
  if (!isUuid(orgId)) throw new Error(`not an organisation id: ${orgId}`);
  return join(dir, `${orgId}.jsonl`);
}

function macOf(key: Buffer, body: Omit<Checkpoint, 'mac'>): string {
  return hmacHex(key, `custodian-audit-checkpoint\n${canonicalJson(body)}`);
}

export function signCheckpoint(key: Buffer, head: { orgId: string; seq: number; headMac: string; at: Date }): Checkpoint {
  const body = { v: 1 as const, orgId: head.orgId, seq: head.seq, headMac: head.headMac, count: head.seq, at: head.at.toISOString() };
  return { ...body, mac: macOf(key, body) };
}

/** Appends one checkpoint to its organisation's file (created readable by the owner only). */
export function appendCheckpoint(dir: string, checkpoint: Checkpoint): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  appendFileSync(checkpointFile(dir, checkpoint.orgId), `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
}

/** A checkpoint file read back: the lines whose MAC holds, and what was wrong with the others. */
export interface CheckpointSet {
  checkpoints: Checkpoint[];
  problems: Array<{ line: number; seq: number; problem: string }>;
}

/** Checks every line of a checkpoint file's text for one organisation. */
export function parseCheckpoints(key: Buffer, orgId: string, text: string): CheckpointSet {
  const set: CheckpointSet = { checkpoints: [], problems: [] };
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      set.problems.push({ line, seq: 0, problem: `line ${line} of the checkpoint file is not a checkpoint` });
      return;
    }
    const parsed = checkpointLine.safeParse(value);
    if (!parsed.success) {
      set.problems.push({ line, seq: 0, problem: `line ${line} of the checkpoint file is not a checkpoint` });
      return;
    }
    const { mac, ...body } = parsed.data;
    if (!safeEqual(mac, macOf(key, body))) set.problems.push({ line, seq: body.seq, problem: `line ${line} of the checkpoint file was not signed with this server's key` });
    else if (body.orgId !== orgId) set.problems.push({ line, seq: body.seq, problem: `line ${line} of the checkpoint file belongs to another organisation` });
    else set.checkpoints.push(parsed.data);
  });
  return set;
}

/** Reads an organisation's checkpoint file from a directory; null when there is none. */
export function readCheckpoints(key: Buffer, dir: string, orgId: string): CheckpointSet | null {
  const file = checkpointFile(dir, orgId);
  if (!existsSync(file)) return null;
  return parseCheckpoints(key, orgId, readFileSync(file, 'utf8'));
}

/** The newest checkpoint of a set (highest sequence number, then latest time). */
export function latestCheckpoint(set: CheckpointSet | null): Checkpoint | null {
  let best: Checkpoint | null = null;
  for (const c of set?.checkpoints ?? []) if (!best || c.seq > best.seq || (c.seq === best.seq && c.at > best.at)) best = c;
  return best;
}
