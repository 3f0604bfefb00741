import { expectStatus, type ApiClient } from './http-client.ts';
import { itemKey, type ObservedState } from './write-ledger.ts';

export interface ChainResult {
  orgId: string;
  isValid: boolean;
  checked: number;
}

/** Reads each organisation's final gap state and gap.updated events over the API, and verifies its audit chain. */
export async function observeOverApi(owners: Array<{ client: ApiClient; orgId: string }>): Promise<{ observed: ObservedState; chains: ChainResult[] }> {
  const finalNotes = new Map<string, string>();
  const auditNotes: string[] = [];
  const chains: ChainResult[] = [];
  for (const { client, orgId } of owners) {
    const items = expectStatus(await client.request('GET', '/api/v1/gap/items?limit=200'), 200, 'gap items').json<{ items: Array<{ itemId: string; notes: string; updatedAt: string | null }> }>();
    for (const item of items.items) if (item.updatedAt !== null) finalNotes.set(itemKey(orgId, item.itemId), item.notes);
    let cursor: string | null = '';
    for (let page = 1; page <= 10_000 && cursor !== null; page += 1) {
      const reply = expectStatus(await client.request('GET', `/api/v1/audit-log?action=gap.updated&order=asc&limit=200${cursor ? `&cursor=${cursor}` : ''}`), 200, 'audit log');
      const events = reply.json<{ items: Array<{ after: { notes?: string } | null }>; page: { next: string | null } }>();
      for (const event of events.items) auditNotes.push(event.after?.notes ?? '');
      cursor = events.page.next;
    }
    const verify = expectStatus(await client.request('GET', '/api/v1/audit-log/verify'), 200, 'audit verify').json<{ isValid: boolean; checked: number }>();
    chains.push({ orgId, isValid: verify.isValid, checked: verify.checked });
  }
  return { observed: { finalNotes, auditNotes }, chains };
}

/** The same, read straight from the database as the schema owner (PostgreSQL). */
export async function observeOverSql(query: <T>(text: string) => Promise<T[]>, orgIds: string[]): Promise<ObservedState> {
  const wanted = new Set(orgIds);
  const finalNotes = new Map<string, string>();
  for (const row of await query<{ org_id: string; item_id: string; notes: string }>('select org_id::text as org_id, item_id, notes from gap_entries')) {
    if (wanted.has(row.org_id)) finalNotes.set(itemKey(row.org_id, row.item_id), row.notes);
  }
  const events = await query<{ org_id: string; note: string | null }>(`select org_id::text as org_id, after->>'notes' as note from audit_events where action = 'gap.updated'`);
  return { finalNotes, auditNotes: events.filter((e) => wanted.has(e.org_id)).map((e) => e.note ?? '') };
}
