import type { ColumnSpec } from './insert-batch.ts';
import { seedEpochMs, type SeedOrg } from './generators.ts';
import { createPrng } from './prng.ts';

/**
 * The bench organisation's evidence (issue 10): one item per ten links (notes and links, a third with a
 * valid-until date, owned by the owner), each linked to ten distinct Annex A controls or requirement
 * clauses of the catalogue, so "evidence of a control" and "what an item is evidence of" are measured at
 * the size's link count.
 */

const dayMs = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const titles = ['Backup restore test', 'Access review', 'Privacy training register', 'Patch report', 'Visitor log check', 'Incident drill', 'Supplier review', 'Policy sign-off'];

export const evidenceColumns: Record<'evidence_items' | 'evidence_links', readonly ColumnSpec[]> = {
  evidence_items: [
    ['org_id', 'uuid'],
    ['id', 'uuid'],
    ['kind', 'text'],
    ['title', 'text'],
    ['owner_user_id', 'uuid'],
    ['valid_until', 'date'],
    ['url', 'text'],
    ['note_text', 'text'],
    ['created_at', 'timestamptz'],
    ['created_by', 'uuid'],
    ['updated_at', 'timestamptz'],
    ['updated_by', 'uuid'],
  ],
  evidence_links: [['org_id', 'uuid'], ['evidence_id', 'uuid'], ['target_kind', 'text'], ['target_id', 'text'], ['created_at', 'timestamptz'], ['created_by', 'uuid']],
};

/** The bench org's evidence items and `links` links to `targets` (catalogue ids with their link kind). */
export function evidenceRegister(seed: number, org: SeedOrg, links: number, targets: ReadonlyArray<{ id: string; kind: 'control' | 'requirement' }>) {
  const prng = createPrng(seed, `evidence:${org.orgId}`);
  const perItem = Math.min(10, targets.length);
  const count = Math.ceil(links / perItem);
  const items: Array<Record<string, unknown>> = [];
  const rows: Array<Record<string, unknown>> = [];
  for (let i = 0; i < count; i += 1) {
    const created = seedEpochMs - prng.int(1, 700) * dayMs;
    const id = prng.uuid7(created);
    const isLink = prng.next() < 0.3;
    items.push({
      org_id: org.orgId,
      id,
      kind: isLink ? 'link' : 'note',
      title: `${prng.pick(titles)} ${String(i + 1).padStart(6, '0')}`,
      owner_user_id: org.owner.id,
      valid_until: prng.next() < 0.33 ? iso(seedEpochMs + prng.int(-60, 400) * dayMs).slice(0, 10) : null,
      url: isLink ? `https://intranet.example/evidence/${i + 1}` : null,
      note_text: isLink ? null : 'Checked on site.',
      created_at: iso(created),
      created_by: org.owner.id,
      updated_at: iso(created),
      updated_by: org.owner.id,
    });
    const first = prng.int(0, targets.length - 1);
    for (let k = 0; k < perItem && rows.length < links; k += 1) {
      const target = targets[(first + k * 7) % targets.length];
      if (target) rows.push({ org_id: org.orgId, evidence_id: id, target_kind: target.kind, target_id: target.id, created_at: iso(created), created_by: org.owner.id });
    }
  }
  return { items, links: rows };
}
