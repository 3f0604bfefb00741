import type { LoadedCatalogue } from '@custodian/catalogue/load-catalogue.ts';
import type { Tx } from '../../db/with-org.ts';
import { isUuid } from '../../lib/ids.ts';
import { pseudonymNumber } from './audit-chain.ts';
import { readFormerMemberNames, readInvitationAddresses, readMemberNames, type AuditRow } from './audit-log.repo.ts';

/** What a page of events needs to be told in words: people's names and invited addresses, by id. */
export interface EventNames {
  people: Map<string, string>;
  invitations: Map<string, string>;
  /** Former members the organisation has de-identified (their name in `people` is the pseudonym). */
  deidentified: Set<string>;
}

function fieldOf(value: unknown, field: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[field] : undefined;
}

/** The name part of an actor label ("Jane Lee <jane@clinic.example>" → "Jane Lee"). */
export function nameFromLabel(label: string): string {
  const name = /^(.*?)\s*<[^>]*>(?: \(API token '.*'\))?$/.exec(label)?.[1]?.trim();
  return name || label;
}

/** " (API token 'Nightly sync')" when the actor acted through an API token (auth-state.ts tokenUserLabel), else "". */
export function viaTokenOf(label: string): string {
  const match = /<[^>]*> (\(API token '.*'\))$/.exec(label);
  return match?.[1] ? ` ${match[1]}` : '';
}

/** The people (as members of the organisation) and invitations a page of events mentions, read in one statement each. */
export async function readEventNames(trx: Tx, orgId: string, rows: readonly AuditRow[]): Promise<EventNames> {
  const userIds = new Set<string>();
  const invitationIds = new Set<string>();
  for (const row of rows) {
    if (row.actor_user_id) userIds.add(row.actor_user_id);
    if (row.entity_type === 'member' || row.entity_type === 'user') userIds.add(row.entity_id);
    if (row.entity_type === 'invitation') invitationIds.add(row.entity_id);
    for (const owner of [fieldOf(row.before, 'ownerUserId'), fieldOf(row.after, 'ownerUserId')]) if (typeof owner === 'string') userIds.add(owner);
  }
  const ids = [...userIds].filter(isUuid);
  const invites = [...invitationIds].filter(isUuid);
  const [people, invitations] = [await readMemberNames(trx, orgId, ids), await readInvitationAddresses(trx, orgId, invites)];
  const names: EventNames = { people: new Map(people.map((p) => [p.id, p.name])), invitations: new Map(invitations.map((i) => [i.id, i.email])), deidentified: new Set() };
  // Former members: as the organisation knew them when they left, or their pseudonym once de-identified.
  for (const former of await readFormerMemberNames(trx, orgId, ids.filter((id) => !names.people.has(id)))) {
    names.people.set(former.id, former.name);
    if (former.isDeidentified) names.deidentified.add(former.id);
  }
  // People who have left: the name they acted under, from the events themselves.
  for (const row of rows) if (row.actor_user_id && !names.people.has(row.actor_user_id)) names.people.set(row.actor_user_id, nameFromLabel(row.actor_label));
  return names;
}

function withEmail(value: unknown, email: string): unknown {
  const fields = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  return fields && typeof fields.email === 'string' ? { ...fields, email } : value;
}

/**
 * An event's personal fields as the organisation may show them: a de-identified former member's
 * pseudonym instead of their label and address. Version 2 events already hold it; older events keep
 * the original inside their MAC, so it is replaced here, on the way out (ADR 0015).
 */
export function redactEvent(row: AuditRow, names: EventNames): { actorLabel: string; before: unknown; after: unknown } {
  const actor = row.actor_user_id && names.deidentified.has(row.actor_user_id) ? names.people.get(row.actor_user_id) : undefined;
  let pseudonym: string | undefined;
  if ((row.entity_type === 'member' || row.entity_type === 'user') && names.deidentified.has(row.entity_id)) pseudonym = names.people.get(row.entity_id);
  if (row.entity_type === 'invitation') {
    const address = names.invitations.get(row.entity_id);
    if (address !== undefined && pseudonymNumber(address) !== null) pseudonym = address;
  }
  return {
    actorLabel: actor ?? row.actor_label,
    before: pseudonym ? withEmail(row.before, pseudonym) : row.before,
    after: pseudonym ? withEmail(row.after, pseudonym) : row.after,
  };
}

function catalogueSubject(catalogue: LoadedCatalogue, itemId: string): string | null {
  const entry = catalogue.byId.get(itemId);
  if (!entry) return null;
  if (entry.kind === 'control') return `control ${entry.item.ref} ${entry.item.title}`;
  if (entry.kind === 'clause') return `clause ${entry.item.ref} ${entry.item.title}`;
  return `the document “${entry.item.title}”`;
}

/** The item an event is about, in words; null when it can no longer be named. */
export function subjectOf(row: AuditRow, names: EventNames, context: { orgName: string; catalogue: LoadedCatalogue }): string | null {
  switch (row.entity_type) {
    case 'org': {
      const name = fieldOf(row.after, 'name');
      return typeof name === 'string' && row.action === 'org.created' ? name : context.orgName;
    }
    case 'member':
    case 'user': {
      const email = fieldOf(row.before, 'email');
      return names.people.get(row.entity_id) ?? (typeof email === 'string' ? email : 'a former member');
    }
    case 'invitation': {
      const email = fieldOf(row.after, 'email') ?? fieldOf(row.before, 'email');
      return names.invitations.get(row.entity_id) ?? (typeof email === 'string' ? email : null);
    }
    case 'gap_item':
      return catalogueSubject(context.catalogue, row.entity_id);
    case 'control': {
      if (!row.entity_id.startsWith('org:')) return catalogueSubject(context.catalogue, row.entity_id);
      const ref = fieldOf(row.after, 'ref') ?? fieldOf(row.before, 'ref');
      const title = fieldOf(row.after, 'title') ?? fieldOf(row.before, 'title');
      return typeof ref === 'string' ? `the control ${ref}${typeof title === 'string' ? ` “${title}”` : ''}` : 'a control of the organisation’s own';
    }
    case 'soa':
      return 'the Statement of Applicability';
    case 'api_token': {
      const name = fieldOf(row.after, 'name') ?? fieldOf(row.before, 'name');
      return typeof name === 'string' ? `the API token '${name}'` : 'an API token';
    }
    case 'risk': {
      const ref = fieldOf(row.after, 'ref') ?? fieldOf(row.before, 'ref');
      const title = fieldOf(row.after, 'title') ?? fieldOf(row.before, 'title');
      return typeof ref === 'string' ? `${ref}${typeof title === 'string' ? ` (${title})` : ''}` : 'a risk';
    }
    case 'evidence': {
      const title = fieldOf(row.after, 'title') ?? fieldOf(row.before, 'title');
      return typeof title === 'string' ? `the evidence “${title}”` : 'an evidence item';
    }
    default:
      return null;
  }
}
