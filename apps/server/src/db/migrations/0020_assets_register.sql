-- The asset register (issue 9, item 2): what its list and its automatic references need beyond 0018.

-- The next automatic reference ("A-0001", "A-0002" …) is one more than the highest of that form: read
-- from this index backwards (longest first, then highest), never by scanning the register. Refs of any
-- other form (kept from an import: "PMS", "SRV-2") are not numbered and do not take part.
CREATE INDEX assets_auto_ref_idx ON assets (org_id, length(ref), ref) WHERE ref ~ '^A-[0-9]{1,9}$';
