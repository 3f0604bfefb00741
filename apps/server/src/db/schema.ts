import type { ColumnType, Generated } from 'kysely';

/** Row types of every table, as Kysely sees them. Keep in step with migrations/. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface CatalogueVersionsTable {
  checksum: string;
  catalogue_id: string;
  version: string;
  first_loaded_at: DefaultTimestamp;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  email_verified_at: Timestamp | null;
  totp_secret_enc: string | null;
  totp_pending_secret_enc: string | null;
  mfa_enabled_at: Timestamp | null;
  totp_last_step: ColumnType<string | null, string | number | null, string | number | null>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface EmailVerificationsTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  org_id: string | null;
  is_mfa_pending: boolean;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface OrgsTable {
  org_id: string;
  name: string;
  time_zone: Generated<string>;
  is_mfa_required: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: DefaultTimestamp;
}

export interface MembershipsTable {
  org_id: string;
  user_id: string;
  role: string;
  created_at: DefaultTimestamp;
}

export interface InvitationsTable {
  org_id: string;
  id: string;
  email: string;
  role: string;
  token_hash: string;
  invited_by: string;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface OutboxTable {
  org_id: string;
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  status: Generated<string>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: DefaultTimestamp;
  sent_at: Timestamp | null;
}

export interface AuditEventsTable {
  org_id: string;
  seq: ColumnType<string, string | number | bigint, never>;
  id: string;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json;
  after: Json;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface GapEntriesTable {
  org_id: string;
  item_id: string;
  status: string;
  owner_user_id: string | null;
  target_date: ColumnType<string | null, string | null, string | null>;
  notes: Generated<string>;
  justification: Generated<string>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface DB {
  catalogue_versions: CatalogueVersionsTable;
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  email_verifications: EmailVerificationsTable;
  sessions: SessionsTable;
  orgs: OrgsTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  outbox: OutboxTable;
  audit_events: AuditEventsTable;
  gap_entries: GapEntriesTable;
}
