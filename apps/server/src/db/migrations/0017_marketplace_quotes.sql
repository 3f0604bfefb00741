-- Quotes, messages and the decision (issue 8): the mail either side of a lead sends the other. A
-- provider never reads the request (nor the requester's members), a requester never reads a provider's
-- members; yet a submitted quote, a message or a decision must reach the other side's inbox. This
-- function resolves the recipients itself and queues the mail in the recipient organisation's outbox
-- (a guest's in the platform organisation's), so neither side's code ever holds the other's addresses.
--
-- Who may call it for a lead: its provider (to mail the requester), its requester — the requesting
-- organisation or the guest whose link is in scope — (to mail the provider), or the operator.

-- The tables force row-level security on their owner too: the function reads leads as their owner.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY definer_read ON marketplace_leads FOR SELECT TO %I USING (true)', current_user);
END
$$;

CREATE FUNCTION custodian_queue_marketplace_mail(p_lead_id uuid, p_to_side text, p_roles text[], p_subject text, p_body text, p_now timestamptz)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  lead_provider uuid;
  lead_request uuid;
  req_org uuid;
  req_email text;
  caller_org text := coalesce(current_setting('app.org_id', true), '');
  target uuid;
  address text;
  queued integer := 0;
BEGIN
  SELECT l.provider_org_id, l.request_id INTO lead_provider, lead_request FROM marketplace_leads l WHERE l.id = p_lead_id;
  IF lead_provider IS NULL THEN
    RAISE EXCEPTION 'no such lead';
  END IF;
  SELECT r.org_id, r.contact_email INTO req_org, req_email FROM marketplace_requests r WHERE r.id = lead_request;
  IF p_to_side = 'requester' THEN
    IF NOT (app_is_operator() OR lead_provider::text = caller_org) THEN
      RAISE EXCEPTION 'only the lead''s provider mails its requester';
    END IF;
    target := coalesce(req_org, custodian_platform_org_id());
  ELSIF p_to_side = 'provider' THEN
    IF NOT (app_is_operator() OR req_org::text = caller_org OR (req_org IS NULL AND lead_request = app_request_id())) THEN
      RAISE EXCEPTION 'only the lead''s requester mails its provider';
    END IF;
    target := lead_provider;
  ELSE
    RAISE EXCEPTION 'p_to_side must be requester or provider';
  END IF;
  PERFORM set_config('app.org_id', target::text, true);
  IF p_to_side = 'requester' AND req_org IS NULL THEN
    INSERT INTO outbox (org_id, id, to_address, subject, body_text, created_at, is_private)
    VALUES (target, gen_random_uuid(), req_email, p_subject, p_body, p_now, false);
    queued := 1;
  ELSE
    FOR address IN
      SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.org_id = target AND m.role = ANY (p_roles) AND u.deleted_at IS NULL AND u.email_verified_at IS NOT NULL
      ORDER BY u.email
    LOOP
      INSERT INTO outbox (org_id, id, to_address, subject, body_text, created_at, is_private)
      VALUES (target, gen_random_uuid(), address, p_subject, p_body, p_now, false);
      queued := queued + 1;
    END LOOP;
  END IF;
  PERFORM set_config('app.org_id', caller_org, true);
  RETURN queued;
END
$$;
REVOKE EXECUTE ON FUNCTION custodian_queue_marketplace_mail(uuid, text, text[], text, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_queue_marketplace_mail(uuid, text, text[], text, text, timestamptz) TO custodian_app;
