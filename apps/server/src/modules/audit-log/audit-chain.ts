import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json.ts';
import type { AuditRow } from './audit-log.repo.ts';

/**
 * The fixed previous value of an organisation's first event (its creation, sequence 1). Every chain
 * starts from it, so a chain cannot be re-rooted somewhere else.
 */
export const genesisHash = '0'.repeat(64);

/**
 * The MAC version the server writes: HMAC-SHA-256 with the audit key (ADR 0013) over the event with
 * its personal fields replaced by keyed commitments (version 2, ADR 0015).
 */
export const currentMacVersion = 2;

/** The event that must open every chain, at sequence 1. */
export const genesisAction = 'org.created';

/** Where an event carries personal details (ADR 0015): the actor's label, and an e-mail address in before or after. */
export const personalPaths = ['actorLabel', 'before.email', 'after.email'] as const;
export type PersonalPath = (typeof personalPaths)[number];

/**
 * One personal field's commitment `c`, with the nonce `n` it was made with while the field is still
 * there; once de-identified, no nonce but `d`, the number of the pseudonym the field now holds.
 */
export interface PersonalEntry {
  c: string;
  n?: string;
  d?: number;
}
export type PersonalFields = Partial<Record<PersonalPath, PersonalEntry>>;

/** What an event's MAC covers; `personal` only from version 2 on (hash-only generators leave it out). */
export type ChainRow = Omit<AuditRow, 'prev_hash' | 'hash' | 'personal'> & { personal?: unknown };

/** The name a de-identified person has in one organisation's records. */
export function pseudonymOf(n: number): string {
  return `Former member ${n}`;
}

const pseudonymPattern = /^Former member (\d+)$/;

/** The pseudonym's number, or null when the text is not a pseudonym. */
export function pseudonymNumber(text: string): number | null {
  const match = pseudonymPattern.exec(text);
  return match ? Number(match[1]) : null;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The value at a personal path of an event, when it is text (anything else is not a personal field). */
export function personalValue(row: Pick<ChainRow, 'actor_label' | 'before' | 'after'>, path: PersonalPath): string | undefined {
  const value = path === 'actorLabel' ? row.actor_label : asObject(path === 'before.email' ? row.before : row.after)?.email;
  return typeof value === 'string' ? value : undefined;
}

/** before or after without its personal field (the MAC covers its commitment instead). */
function withoutPersonal(value: unknown): unknown {
  const fields = asObject(value);
  if (!fields || typeof fields.email !== 'string') return value ?? null;
  const { email: _email, ...rest } = fields;
  return rest;
}

const commitmentKeys = new WeakMap<Buffer, Buffer>();

/** The key of personal-field commitments, derived from the audit key (so the CLI needs nothing more). */
function commitmentKey(auditKey: Buffer): Buffer {
  let key = commitmentKeys.get(auditKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', auditKey, 'custodian', 'custodian:audit-personal-commitment:v1', 32));
    commitmentKeys.set(auditKey, key);
  }
  return key;
}

/** HMAC-SHA-256 over the field's path, a random nonce and its value: hides the value, binds it once the nonce is known. */
export function commitPersonal(auditKey: Buffer, path: PersonalPath, nonce: string, value: string): string {
  return createHmac('sha256', commitmentKey(auditKey)).update(path).update('\n').update(nonce).update('\n').update(value).digest('hex');
}

/** The commitments of a new event's personal fields, each with a fresh nonce. */
export function commitPersonalFields(auditKey: Buffer, row: Pick<ChainRow, 'actor_label' | 'before' | 'after'>): PersonalFields {
  const fields: PersonalFields = {};
  for (const path of personalPaths) {
    const value = personalValue(row, path);
    if (value === undefined) continue;
    const n = randomBytes(16).toString('hex');
    fields[path] = { c: commitPersonal(auditKey, path, n, value), n };
  }
  return fields;
}

function personalOf(row: ChainRow): PersonalFields {
  return (asObject(row.personal) ?? {}) as PersonalFields;
}

function chainedFields(row: ChainRow): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    orgId: row.org_id,
    seq: Number(row.seq),
    id: row.id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.request_id,
  };
  // Version 0 events were hashed without the field; later versions cover it, so it cannot be lowered.
  if (row.mac_version > 0) fields.macVersion = row.mac_version;
  if (row.mac_version >= 2) {
    // Personal fields stand beside the event; the MAC covers their commitments (ADR 0015).
    delete fields.actorLabel;
    fields.before = withoutPersonal(row.before);
    fields.after = withoutPersonal(row.after);
    const personal = personalOf(row);
    fields.personal = Object.fromEntries(personalPaths.filter((p) => personal[p]).map((p) => [p, personal[p]?.c ?? null]));
  }
  return fields;
}

/**
 * The SHA-256 of a version 0 (hash-only) event linked to its predecessor: how events were chained
 * before ADR 0013. Anyone can compute it, which is why the server no longer writes it; kept to verify
 * older events and for bulk generators (the benchmark seeder).
 */
export function hashAuditRow(prevHash: string, row: ChainRow): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(chainedFields(row))).digest('hex');
}

/** The HMAC-SHA-256 of a keyed event (version 1 or 2) linked to its predecessor's MAC: needs the server's audit key. */
export function macAuditRow(key: Buffer, prevMac: string, row: ChainRow): string {
  return createHmac('sha256', key).update(prevMac).update('\n').update(canonicalJson(chainedFields(row))).digest('hex');
}

/** The value an event's `hash` column must hold, by its MAC version; null for a version this build does not know. */
export function expectedChainValue(key: Buffer, prevMac: string, row: ChainRow): string | null {
  if (row.mac_version === 0) return hashAuditRow(prevMac, row);
  if (row.mac_version === 1 || row.mac_version === 2) return macAuditRow(key, prevMac, row);
  return null;
}

/** What checking a version 2 event's personal fields found: problems, and the pseudonyms it relies on. */
export interface PersonalCheck {
  problems: string[];
  /** Pseudonyms the event holds, with the person they must have been given to when that is known (the actor). */
  pseudonyms: Array<{ no: number; userId: string | null }>;
}

/**
 * Each personal field of a version 2 event must match its commitment (while its nonce is kept), or
 * hold the pseudonym its entry names (once de-identified; verification then checks that a recorded
 * de-identification gave that pseudonym, to the actor when the field is the actor's name). A personal field without a commitment, or a commitment
 * without its field, was added or removed after the event was recorded.
 */
export function checkPersonalFields(key: Buffer, row: ChainRow): PersonalCheck {
  const result: PersonalCheck = { problems: [], pseudonyms: [] };
  if (row.mac_version < 2) return result;
  const personal = personalOf(row);
  for (const path of personalPaths) {
    const value = personalValue(row, path);
    const entry = personal[path];
    const field = path === 'actorLabel' ? "the actor's name" : `the e-mail address in ${path === 'before.email' ? 'before' : 'after'}`;
    if (!entry) {
      if (value !== undefined) result.problems.push(`${field} was added after the event was recorded`);
      continue;
    }
    if (value === undefined) result.problems.push(`${field} was removed after the event was recorded`);
    else if (typeof entry.n === 'string') {
      if (commitPersonal(key, path, entry.n, value) !== entry.c) result.problems.push(`${field} was changed after the event was recorded`);
    } else if (typeof entry.d === 'number' && Number.isInteger(entry.d) && value === pseudonymOf(entry.d)) {
      result.pseudonyms.push({ no: entry.d, userId: path === 'actorLabel' ? row.actor_user_id : null });
    }
    else result.problems.push(`${field} was replaced by something other than a pseudonym`);
  }
  return result;
}
