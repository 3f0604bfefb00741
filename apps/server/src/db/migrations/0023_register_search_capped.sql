-- Register search, second step (ADR 0026, "Open"): the lists first ask how many rows the text matches,
-- up to a cap, and choose how to page from that. A few matches: page through their ids. Many: page
-- with a plain ILIKE scan in sort order, which meets a page of matches within its first rows. The
-- search functions therefore take a limit and stop there (the count of a common word no longer
-- rechecks every match). They replace 0022's unlimited ones; everything else about them is unchanged.
DROP FUNCTION custodian_search_assets(text);
DROP FUNCTION custodian_search_risks(text);

CREATE FUNCTION custodian_search_assets(p_pattern text, p_limit integer) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.id FROM assets a WHERE a.org_id = app_org_id() AND (a.name ILIKE p_pattern OR a.ref ILIKE p_pattern) LIMIT p_limit
$$;
REVOKE EXECUTE ON FUNCTION custodian_search_assets(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_search_assets(text, integer) TO custodian_app;

CREATE FUNCTION custodian_search_risks(p_pattern text, p_limit integer) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT r.id FROM risks r WHERE r.org_id = app_org_id() AND (r.title ILIKE p_pattern OR r.ref ILIKE p_pattern) LIMIT p_limit
$$;
REVOKE EXECUTE ON FUNCTION custodian_search_risks(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_search_risks(text, integer) TO custodian_app;

-- The register's common filter and sort together: a status with the residual sort (the treatment
-- view: "in treatment, highest residual first") reads the page straight from one index.
CREATE INDEX risks_status_residual_idx ON risks (org_id, status, (coalesce(residual_rank, 0)), id);

-- Fewer indexes to keep up on every write (the 50,000-row import spent most of its time in index
-- maintenance: assets had ten). Kind and classification have a handful of values each, so a list
-- filtered by one walks its sort index and skips the other rows (a page of devices is found within
-- the first hundred or so rows); the two composite indexes cost a quarter of an import's time and
-- served only the name sort. The risks' plain residual and review indexes were superseded by 0021's
-- sort indexes (the sorts order by the coalesced keys), and the status index by the one above.
DROP INDEX assets_kind_name_idx;
DROP INDEX assets_classification_name_idx;
DROP INDEX risks_residual_idx;
DROP INDEX risks_review_idx;
DROP INDEX risks_status_idx;
