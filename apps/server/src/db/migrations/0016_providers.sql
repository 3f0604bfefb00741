-- Providers in the marketplace (issue 8): what a profile is needs its organisation's kind (the public
-- directory filters on it, and nobody without an organisation in scope can read orgs), so the kind is
-- copied onto the profile when the profile is made, from the organisation itself; a profile of an
-- organisation that is not a provider is refused. The kind never changes afterwards.

-- No profile exists before this migration (0015 only made the table), so the column can be required at once.
ALTER TABLE provider_profiles ADD COLUMN kind text NOT NULL CHECK (kind IN ('consultant', 'certification_body', 'trainer'));

CREATE FUNCTION custodian_provider_profile_kind() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  org_kind text;
BEGIN
  IF tg_op = 'UPDATE' THEN
    IF new.kind IS DISTINCT FROM old.kind OR new.org_id IS DISTINCT FROM old.org_id THEN
      RAISE EXCEPTION 'a provider''s kind is its organisation''s and does not change';
    END IF;
    RETURN new;
  END IF;
  SELECT o.kind INTO org_kind FROM orgs o WHERE o.org_id = new.org_id;
  IF org_kind IS NULL OR org_kind NOT IN ('consultant', 'certification_body', 'trainer') THEN
    RAISE EXCEPTION 'only a consultant, certification body or trainer organisation has a provider profile';
  END IF;
  new.kind := org_kind;
  RETURN new;
END
$$;
REVOKE EXECUTE ON FUNCTION custodian_provider_profile_kind() FROM PUBLIC;
CREATE TRIGGER provider_profiles_kind BEFORE INSERT OR UPDATE ON provider_profiles FOR EACH ROW EXECUTE FUNCTION custodian_provider_profile_kind();

CREATE INDEX provider_profiles_directory_kind_idx ON provider_profiles (kind, display_name, org_id) WHERE is_published AND suspended_at IS NULL;

-- Whether a directory address is taken by any provider, published or not (a provider sees only its own
-- profile and published ones, so it could not tell otherwise, and the insert would fail on the index).
CREATE FUNCTION custodian_provider_slug_taken(p_slug text, p_except_org uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM provider_profiles p WHERE p.slug = p_slug AND p.org_id IS DISTINCT FROM p_except_org)
$$;
REVOKE EXECUTE ON FUNCTION custodian_provider_slug_taken(text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_provider_slug_taken(text, uuid) TO custodian_app;

-- The words of contracts/provider-fields.ts, and only those: a profile or accreditation the forms could
-- not have written is refused here rather than failing every reply that shows it.
ALTER TABLE provider_profiles
  ADD CONSTRAINT provider_profiles_services_known CHECK (services <@ ARRAY['consulting', 'certification_audit', 'training']::text[]),
  ADD CONSTRAINT provider_profiles_standards_known CHECK (standards <@ ARRAY['iso27001', 'iso27701', 'iso27017', 'iso27018', 'iso22301', 'iso9001', 'iso42001', 'essential_eight', 'nsqhs']::text[]),
  ADD CONSTRAINT provider_profiles_states_known CHECK (states <@ ARRAY['NSW', 'VIC', 'QLD', 'WA', 'SA', 'TAS', 'ACT', 'NT']::text[]),
  ADD CONSTRAINT provider_profiles_sectors_known CHECK (sectors <@ ARRAY['general_practice', 'hospital', 'day_surgery', 'aged_care', 'allied_health', 'dental', 'pathology',
    'diagnostic_imaging', 'pharmacy', 'mental_health', 'disability', 'telehealth', 'community_health']::text[]);
ALTER TABLE provider_accreditations
  ADD CONSTRAINT provider_accreditations_standards_known CHECK (standards <@ ARRAY['iso27001', 'iso27701', 'iso27017', 'iso27018', 'iso22301', 'iso9001', 'iso42001', 'essential_eight', 'nsqhs']::text[]);
