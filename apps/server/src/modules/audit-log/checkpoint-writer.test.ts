import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.ts';
import { checkpointFile, latestCheckpoint, parseCheckpoints, readCheckpoints } from './audit-checkpoints.ts';
import { createCheckpointWriter } from './checkpoint-writer.ts';

const key = Buffer.alloc(32, 7);
const orgId = '0190aaaa-0000-7000-8000-0000000000aa';
const mac = (n: number) => n.toString(16).padStart(64, '0');

function setUp(intervalMs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'custodian-checkpoints-'));
  let now = Date.parse('2026-12-03T00:00:00Z');
  const writer = createCheckpointWriter({ dir, key, clock: () => new Date(now), log: silentLogger, intervalMs });
  const seqs = () => (readCheckpoints(key, dir, orgId)?.checkpoints ?? []).map((c) => c.seq);
  return { dir, writer, seqs, advance: (ms: number) => (now += ms) };
}

describe('checkpoint writer', () => {
  it('writes at most one checkpoint per interval, and the latest head when the interval ends', async () => {
    const { writer, seqs, advance } = setUp(40);
    writer.headsMoved([{ orgId, seq: 2, hash: mac(2) }]);
    writer.headsMoved([{ orgId, seq: 3, hash: mac(3) }]);
    writer.headsMoved([{ orgId, seq: 4, hash: mac(4) }]);
    expect(seqs()).toEqual([2]);
    advance(40);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(seqs()).toEqual([2, 4]);
    writer.headsMoved([{ orgId, seq: 4, hash: mac(4) }]);
    expect(seqs()).toEqual([2, 4]);
    writer.stop();
  });

  it('writes on demand and on stop, and never the same head twice', () => {
    const { writer, seqs } = setUp(60_000);
    writer.headsMoved([{ orgId, seq: 1, hash: mac(1) }]);
    writer.headsMoved([{ orgId, seq: 5, hash: mac(5) }]);
    expect(seqs()).toEqual([1]);
    expect(writer.writeNow({ orgId, seq: 6, hash: mac(6) }).seq).toBe(6);
    expect(writer.writeNow({ orgId, seq: 6, hash: mac(6) }).seq).toBe(6);
    writer.headsMoved([{ orgId, seq: 7, hash: mac(7) }]);
    writer.stop();
    expect(seqs()).toEqual([1, 6, 7]);
  });

  it('signs every line: an edited, foreign or garbled line is reported, the others kept', () => {
    const { dir, writer } = setUp(0);
    writer.writeNow({ orgId, seq: 3, hash: mac(3) });
    writer.writeNow({ orgId, seq: 9, hash: mac(9) });
    const file = checkpointFile(dir, orgId);
    const [first, second] = readFileSync(file, 'utf8').trim().split('\n');
    const otherOrg = (first ?? '').replace(orgId, '0190aaaa-0000-7000-8000-0000000000bb');
    writeFileSync(file, [first, (second ?? '').replace('"count":9', '"count":10'), otherOrg, 'not json', ''].join('\n'));
    const set = parseCheckpoints(key, orgId, readFileSync(file, 'utf8'));
    expect(set.checkpoints.map((c) => c.seq)).toEqual([3]);
    expect(set.problems.map((p) => p.problem)).toEqual([
      "line 2 of the checkpoint file was not signed with this server's key",
      "line 3 of the checkpoint file was not signed with this server's key",
      'line 4 of the checkpoint file is not a checkpoint',
    ]);
    expect(latestCheckpoint(parseCheckpoints(Buffer.alloc(32, 8), orgId, readFileSync(file, 'utf8')))).toBeNull();
    expect(() => checkpointFile(dir, '../secret')).toThrow(/not an organisation id/);
  });
});
