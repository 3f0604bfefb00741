import type { Role } from '@custodian/shared/permissions.ts';
import { createPrng, type Prng } from './prng.ts';
import type { SizeSpec } from './sizes.ts';

/** All seeded timestamps lie before this fixed instant, so two runs produce the same rows. */
export const seedEpochMs = Date.UTC(2026, 9, 1);
const dayMs = 86_400_000;
const firstNames = ['Amelia', 'Oliver', 'Charlotte', 'Jack', 'Isla', 'Noah', 'Mia', 'William', 'Olivia', 'Leo', 'Ava', 'Henry', 'Grace', 'Lucas', 'Chloe', 'Thomas', 'Zoe', 'James', 'Ruby', 'Ethan', 'Priya', 'Wei', 'Aroha', 'Mohammed', 'Sofia', 'Nguyen', 'Hannah', 'Kai'];
const lastNames = ['Smith', 'Jones', 'Williams', 'Brown', 'Wilson', 'Taylor', 'Nguyen', 'Johnson', 'Martin', 'White', 'Anderson', 'Walker', 'Thompson', 'Harris', 'Lee', 'Ryan', 'Kelly', 'King', 'Singh', 'Patel', 'Chen', 'Campbell', "O'Brien", 'Murphy'];

/** A seeded person (users row). */
export interface SeedUser {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  email_verified_at: string;
  created_at: string;
}

/** A seeded organisation, its owner, its members and how much of everything else it gets. */
export interface SeedOrg {
  orgId: string;
  name: string;
  createdAtMs: number;
  owner: SeedUser;
  /** Members other than the owner, with their roles. */
  members: Array<{ user: SeedUser; role: Role }>;
  auditEvents: number;
  outbox: number;
  invitations: number;
}

/** An assessable catalogue item the gap analysis covers. */
export interface CatalogueRow {
  id: string;
  kind: 'clause' | 'control' | 'document';
}

const iso = (ms: number) => new Date(ms).toISOString();

function personName(prng: Prng): string {
  return `${prng.pick(firstNames)} ${prng.pick(lastNames)}`;
}

function seedUser(prng: Prng, email: string, name: string, passwordHash: string, createdAtMs: number): SeedUser {
  return { id: prng.uuid7(createdAtMs), email, name, password_hash: passwordHash, email_verified_at: iso(createdAtMs + 3_600_000), created_at: iso(createdAtMs) };
}

/**
 * The organisations and people: the bench org (its owner can sign in with the bench password) with
 * `staff` members, mostly role 'staff', and `otherOrgs` small organisations.
 */
export function generateOrgs(seed: number, size: SizeSpec, hashes: { owner: string; unusable: string }, ownerEmail: string): SeedOrg[] {
  const prng = createPrng(seed, 'orgs');
  const orgs: SeedOrg[] = [];
  const start = seedEpochMs - 730 * dayMs;
  const staffRole = () => prng.weighted({ staff: 90, contributor: 5, isms_manager: 3, auditor: 2 });
  const bench: SeedOrg = {
    orgId: prng.uuid7(start),
    name: 'Bench Clinic (benchmark data)',
    createdAtMs: start,
    owner: seedUser(prng, ownerEmail, 'Bench Owner', hashes.owner, start),
    members: [],
    auditEvents: size.auditEvents,
    outbox: size.outbox,
    invitations: size.invitations,
  };
  for (let i = 1; i <= size.staff; i += 1) {
    const joined = start + Math.floor((i / size.staff) * 700 * dayMs);
    bench.members.push({ user: seedUser(prng, `staff.${String(i).padStart(5, '0')}@bench-clinic.example`, personName(prng), hashes.unusable, joined), role: staffRole() });
  }
  orgs.push(bench);
  for (let k = 1; k <= size.otherOrgs; k += 1) {
    const created = start + prng.int(0, 300) * dayMs;
    const domain = `practice-${String(k).padStart(3, '0')}.example`;
    const org: SeedOrg = {
      orgId: prng.uuid7(created),
      name: `Practice ${k} (benchmark data)`,
      createdAtMs: created,
      owner: seedUser(prng, `owner@${domain}`, personName(prng), hashes.unusable, created),
      members: [],
      auditEvents: size.otherShape.auditEvents,
      outbox: size.otherShape.outbox,
      invitations: size.otherShape.invitations,
    };
    for (let i = 1; i <= size.otherShape.members; i += 1) {
      org.members.push({ user: seedUser(prng, `member.${i}@${domain}`, personName(prng), hashes.unusable, created + i * dayMs), role: staffRole() });
    }
    orgs.push(org);
  }
  return orgs;
}

/** The orgs rows. */
export function orgRows(orgs: readonly SeedOrg[]) {
  return orgs.map((org) => ({ org_id: org.orgId, name: org.name, time_zone: 'Australia/Sydney', is_mfa_required: false, is_demo: false, created_at: iso(org.createdAtMs) }));
}

/** The users rows: every organisation's owner and members. */
export function userRows(orgs: readonly SeedOrg[]): SeedUser[] {
  return orgs.flatMap((org) => [org.owner, ...org.members.map((m) => m.user)]);
}

/** The memberships rows: each owner as 'owner', the others with their drawn roles. */
export function membershipRows(orgs: readonly SeedOrg[]) {
  return orgs.flatMap((org) => [
    { org_id: org.orgId, user_id: org.owner.id, role: 'owner', created_at: iso(org.createdAtMs) },
    ...org.members.map((m) => ({ org_id: org.orgId, user_id: m.user.id, role: m.role, created_at: m.user.created_at })),
  ]);
}

/** One gap entry per assessable catalogue item in every organisation, statuses drawn deterministically. */
export function gapRows(seed: number, orgs: readonly SeedOrg[], items: readonly CatalogueRow[]) {
  const prng = createPrng(seed, 'gap_entries');
  return orgs.flatMap((org) => {
    const owners = [org.owner, ...org.members.slice(0, 40).map((m) => m.user)];
    return items.map((item) => {
      let status = prng.weighted({ implemented: 45, partial: 25, not_started: 20, not_applicable: 10 });
      if (status === 'not_applicable' && item.kind !== 'control') status = 'not_started';
      const hasDate = status !== 'not_applicable' && prng.next() < 0.6;
      return {
        org_id: org.orgId,
        item_id: item.id,
        status,
        owner_user_id: prng.next() < 0.7 ? prng.pick(owners).id : null,
        target_date: hasDate ? iso(seedEpochMs + prng.int(-180, 270) * dayMs).slice(0, 10) : null,
        notes: prng.next() < 0.5 ? `Reviewed with the practice manager; evidence in folder ${prng.hex(3)}.` : '',
        justification: status === 'not_applicable' ? 'Not applicable: the practice has no such facility (benchmark data).' : '',
        updated_at: iso(seedEpochMs - prng.int(1, 400) * dayMs),
        updated_by: org.owner.id,
      };
    });
  });
}

/** Invitations per organisation: accepted, revoked or pending. */
export function invitationRows(seed: number, orgs: readonly SeedOrg[]) {
  const prng = createPrng(seed, 'invitations');
  return orgs.flatMap((org) =>
    Array.from({ length: org.invitations }, (_, i) => {
      const created = seedEpochMs - prng.int(1, 600) * dayMs;
      const state = prng.weighted({ accepted: 50, revoked: 10, pending: 40 });
      return {
        org_id: org.orgId,
        id: prng.uuid7(created),
        email: `invitee.${i + 1}@${org.owner.email.split('@')[1] ?? 'example.org'}`,
        role: prng.weighted({ staff: 80, contributor: 12, isms_manager: 5, auditor: 3 }),
        token_hash: prng.hex(32),
        invited_by: org.owner.id,
        expires_at: iso(created + 7 * dayMs),
        accepted_at: state === 'accepted' ? iso(created + prng.int(1, 6) * dayMs) : null,
        revoked_at: state === 'revoked' ? iso(created + dayMs) : null,
        created_at: iso(created),
      };
    }),
  );
}

/** Mail already delivered or logged (never 'pending', so the mail worker stays idle during the runs). */
export function outboxRows(seed: number, orgs: readonly SeedOrg[]) {
  const prng = createPrng(seed, 'outbox');
  const subjects = ['You have been invited to Custodian', 'Confirm your e-mail address for Custodian', 'Gap analysis items are overdue', 'Your weekly ISMS summary'];
  return orgs.flatMap((org) => {
    const people = [org.owner, ...org.members.map((m) => m.user)];
    return Array.from({ length: org.outbox }, () => {
      const created = seedEpochMs - prng.int(1, 700) * dayMs - prng.int(0, 86_399) * 1000;
      const to = prng.pick(people);
      const isSent = prng.next() < 0.6;
      return {
        org_id: org.orgId,
        id: prng.uuid7(created),
        to_address: to.email,
        subject: prng.pick(subjects),
        body_text: `Hello ${to.name},\n\n${'This message was generated for the benchmark. '.repeat(prng.int(2, 6))}\n`,
        status: isSent ? 'sent' : 'logged',
        attempts: 1,
        last_error: null,
        created_at: iso(created),
        sent_at: isSent ? iso(created + 2_000) : null,
      };
    });
  });
}
