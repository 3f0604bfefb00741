-- The risk register's own additions to 0018 (issue 9, slice C).

-- Sorts over nullable columns page by a coalesced key (NULLs do not compare in a keyset): a risk with
-- no residual score sorts as rank 0, one with no review date last. One index per such sort.
CREATE INDEX risks_residual_sort_idx ON risks (org_id, (coalesce(residual_rank, 0)), id);
CREATE INDEX risks_review_sort_idx ON risks (org_id, (coalesce(next_review_on, DATE '2999-12-31')), id);
-- The residual-level filter of the register.
CREATE INDEX risks_residual_level_idx ON risks (org_id, residual_level, ref);

-- Review reminders sent: one row per risk and review date, so a reminder for a review date goes out
-- once however often the job runs (a new review date is a new reminder).
CREATE TABLE risk_review_reminders (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  risk_id uuid NOT NULL,
  review_on date NOT NULL,
  sent_to uuid REFERENCES users (id),
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, risk_id, review_on),
  FOREIGN KEY (org_id, risk_id) REFERENCES risks (org_id, id) ON DELETE CASCADE
);
SELECT custodian_tenant_table('risk_review_reminders');
