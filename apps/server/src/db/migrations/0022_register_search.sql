-- Text search in the asset and risk registers (issue 9; ADR 0026). The lists' `q` filter finds a
-- fragment anywhere in a name, title or reference, ignoring case (ILIKE '%q%'). Without an index that
-- reads every row of the organisation; trigram GIN indexes let ILIKE find the candidate rows directly.
-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it without superuser.
-- PGlite loads it from @electric-sql/pglite/contrib/pg_trgm (db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX assets_name_trgm_idx ON assets USING gin (name gin_trgm_ops);
CREATE INDEX assets_ref_trgm_idx ON assets USING gin (ref gin_trgm_ops);
CREATE INDEX risks_title_trgm_idx ON risks USING gin (title gin_trgm_ops);
CREATE INDEX risks_ref_trgm_idx ON risks USING gin (ref gin_trgm_ops);

-- Row-level security keeps the application role from using these indexes directly: ILIKE is not
-- LEAKPROOF, so the planner must apply the tenant_isolation policy before it, and the only index it
-- may use is the org_id one (every row of the organisation, then ILIKE on each). These two functions
-- run the search as the role running this migration, which forced row-level security covers too
-- unless it is a superuser, hence its own read policies (as in 0010). Each function filters on
-- app_org_id() itself, so it answers only for the organisation in scope, exactly as the policy would,
-- and returns only ids (the caller reads the rows through row-level security as usual).
-- p_pattern is an ILIKE pattern with backslash escapes (keyset.ts containsPattern).
DO $$
BEGIN
  EXECUTE format('CREATE POLICY register_search ON assets FOR SELECT TO %I USING (true)', current_user);
  EXECUTE format('CREATE POLICY register_search ON risks FOR SELECT TO %I USING (true)', current_user);
END
$$;

CREATE FUNCTION custodian_search_assets(p_pattern text) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id FROM assets a WHERE a.org_id = app_org_id() AND (a.name ILIKE p_pattern OR a.ref ILIKE p_pattern)
$$;
REVOKE EXECUTE ON FUNCTION custodian_search_assets(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_search_assets(text) TO custodian_app;

CREATE FUNCTION custodian_search_risks(p_pattern text) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT r.id FROM risks r WHERE r.org_id = app_org_id() AND (r.title ILIKE p_pattern OR r.ref ILIKE p_pattern)
$$;
REVOKE EXECUTE ON FUNCTION custodian_search_risks(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_search_risks(text) TO custodian_app;
