-- Requests for quotes and leads (issue 8, the requests branch). The matcher runs in operator mode or as
-- the marketplace agent, scoped to the platform organisation, where the orgs table shows no provider:
-- this function says which kind each listed provider is (consultant, certification body, trainer), a
-- fact the public directory shows anyway. Nothing else of the organisation is returned.
CREATE FUNCTION custodian_listed_provider_kinds() RETURNS TABLE (org_id uuid, kind text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT o.org_id, o.kind FROM orgs o JOIN provider_profiles p ON p.org_id = o.org_id
  WHERE p.is_published AND p.suspended_at IS NULL AND o.kind IN ('consultant', 'certification_body', 'trainer')
$$;
REVOKE EXECUTE ON FUNCTION custodian_listed_provider_kinds() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_listed_provider_kinds() TO custodian_app;
