/** Helpers of the register import's tests: send a file through analyse → preview/commit, count rows, make asset CSVs. */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestClient } from './test-client.ts';
import type { TestServer } from './test-server.ts';

export const assetHeader = 'Ref,Name,Kind,Classification,Confidentiality,Integrity,Availability,Owner e-mail,Location,Description';
export const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

export interface Problem {
  row: number;
  message: string;
}

export async function analyse(client: TestClient, kind: string, fileName: string, content: string) {
  const reply = await client.request('POST', '/api/v1/register/imports/analyse', { kind, fileName, content });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.json<{ fileSha256: string; sheets: Array<{ role: string; headers: string[]; rowCount: number; mapping: Record<string, number | null> }> }>();
}

/** Analyses a file and sends it with the suggested mapping to preview or commit. */
export async function send(
  client: TestClient,
  step: 'preview' | 'commit',
  kind: string,
  fileName: string,
  content: string,
  adjust?: (mapping: Record<string, Record<string, number | null>>) => void,
) {
  const analysed = await analyse(client, kind, fileName, content);
  const mapping = Object.fromEntries(analysed.sheets.map((s) => [s.role, s.mapping]));
  adjust?.(mapping);
  return client.request('POST', `/api/v1/register/imports/${step}`, {
    kind,
    fileName,
    content,
    mapping,
    ...(step === 'commit' ? { progressId: randomUUID() } : {}),
  });
}

export async function countRows(server: TestServer, table: string, orgId: string): Promise<number> {
  const rows = await server.ownerQuery<{ n: string }>(`select count(*)::text as n from ${table} where org_id = $1`, [orgId]);
  return Number(rows[0]?.n ?? 0);
}

export function assetRows(count: number, ownerEmail: string, bad: Record<number, string> = {}): string {
  const lines = [assetHeader];
  for (let i = 0; i < count; i += 1) {
    const row = i + 2;
    lines.push(bad[row] ?? `,Workstation ${i},Device,Internal,2,3,4,${i % 3 === 0 ? ownerEmail : ''},Reception ${i % 7},"Front desk PC, bay ${i}"`);
  }
  return lines.join('\n');
}
