import type { ImportProgressReply } from '@custodian/shared/contracts/register-import.ts';

/**
 * How far each running commit has got, in this server process's memory (a commit runs in one
 * transaction, so its progress cannot be read from the database until it is over). Keyed by the
 * organisation and the caller's random id; forgotten ten minutes after the last change.
 */
const entries = new Map<string, ImportProgressReply & { touchedAt: number }>();
const keepFor = 10 * 60 * 1000;

const keyOf = (orgId: string, progressId: string) => `${orgId}:${progressId}`;

/** Records the progress of a commit. */
export function setProgress(orgId: string, progressId: string, progress: ImportProgressReply, now = Date.now()): void {
  for (const [key, entry] of entries) if (now - entry.touchedAt > keepFor) entries.delete(key);
  entries.set(keyOf(orgId, progressId), { ...progress, touchedAt: now });
}

/** The progress of a commit of this organisation; "waiting" when none has started under that id. */
export function readProgress(orgId: string, progressId: string): ImportProgressReply {
  const entry = entries.get(keyOf(orgId, progressId));
  return entry ? { phase: entry.phase, done: entry.done, total: entry.total } : { phase: 'waiting', done: 0, total: 0 };
}
