import type { Logger } from '../../core/logger.ts';
import { appendCheckpoint, latestCheckpoint, readCheckpoints, signCheckpoint, type Checkpoint } from './audit-checkpoints.ts';

/** A chain head as a transaction left it: the organisation, the last sequence number and its MAC. */
export interface ChainHead {
  orgId: string;
  seq: number;
  hash: string;
}

/**
 * Writes signed checkpoints of chain heads to the checkpoint directory, after commit: at most one per
 * organisation per interval (default a minute). A head that moves inside the interval is written when
 * the interval ends, so the file is never more than an interval behind; `writeNow` writes at once (on
 * demand), and `stop` writes whatever is still waiting.
 */
export interface CheckpointWriter {
  /** A committed transaction moved these heads (called after commit; never waits for the file). */
  headsMoved: (heads: Iterable<ChainHead>) => void;
  /** Writes a checkpoint of this head now, unless the file already has it; returns the newest checkpoint. */
  writeNow: (head: ChainHead) => Checkpoint;
  stop: () => void;
}

interface OrgState {
  lastSeq: number;
  lastWrittenMs: number;
  waiting: ChainHead | null;
  timer: NodeJS.Timeout | null;
}

export function createCheckpointWriter(options: { dir: string; key: Buffer; clock: () => Date; log: Logger; intervalMs?: number }): CheckpointWriter {
  const intervalMs = options.intervalMs ?? 60_000;
  const orgs = new Map<string, OrgState>();

  const stateOf = (orgId: string): OrgState => {
    let state = orgs.get(orgId);
    if (!state) {
      const newest = latestCheckpoint(readCheckpoints(options.key, options.dir, orgId));
      state = { lastSeq: newest?.seq ?? 0, lastWrittenMs: newest ? Date.parse(newest.at) : 0, waiting: null, timer: null };
      orgs.set(orgId, state);
    }
    return state;
  };

  const write = (state: OrgState, head: ChainHead): Checkpoint => {
    const at = options.clock();
    const checkpoint = signCheckpoint(options.key, { orgId: head.orgId, seq: head.seq, headMac: head.hash, at });
    appendCheckpoint(options.dir, checkpoint);
    state.lastSeq = head.seq;
    state.lastWrittenMs = at.getTime();
    if (state.waiting && state.waiting.seq <= head.seq) state.waiting = null;
    return checkpoint;
  };

  const flush = (state: OrgState): void => {
    state.timer = null;
    const head = state.waiting;
    if (!head || head.seq <= state.lastSeq) return;
    try {
      write(state, head);
    } catch (error) {
      options.log.error({ err: error, orgId: head.orgId }, 'could not write the audit checkpoint');
    }
  };

  return {
    headsMoved: (heads) => {
      for (const head of heads) {
        const state = stateOf(head.orgId);
        if (head.seq <= state.lastSeq || (state.waiting && state.waiting.seq >= head.seq)) continue;
        state.waiting = head;
        const dueInMs = state.lastWrittenMs + intervalMs - options.clock().getTime();
        if (dueInMs <= 0) flush(state);
        else if (!state.timer) {
          state.timer = setTimeout(() => flush(state), dueInMs);
          state.timer.unref();
        }
      }
    },
    writeNow: (head) => {
      const state = stateOf(head.orgId);
      if (head.seq <= state.lastSeq) {
        const newest = latestCheckpoint(readCheckpoints(options.key, options.dir, head.orgId));
        if (newest) return newest;
      }
      return write(state, head);
    },
    stop: () => {
      for (const state of orgs.values()) {
        if (state.timer) clearTimeout(state.timer);
        flush(state);
      }
    },
  };
}
