-- Audit events authenticated with HMAC-SHA-256 under a key derived from the server secret (ADR 0013).
-- mac_version says how an event's `hash` was made: 0 = SHA-256 only (events recorded before this
-- migration, still verifiable), 1 = HMAC-SHA-256 with the audit key. Existing rows keep 0; the server
-- writes 1. Verification refuses a 0 after a 1 in the same chain (no downgrade), and the signed
-- checkpoints kept outside the database anchor the older, hash-only part of a chain.
ALTER TABLE audit_events ADD COLUMN mac_version smallint NOT NULL DEFAULT 0;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_mac_version CHECK (mac_version IN (0, 1));
