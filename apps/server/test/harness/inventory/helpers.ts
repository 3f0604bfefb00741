import ExcelJS from 'exceljs';
import { send, type SentResponse } from '../http.ts';
import type { Cell } from '../route-inventory.ts';
import type { World } from '../world.ts';

/** Every cell of a workbook as text (to search a download for canaries). */
export async function xlsxText(raw: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(raw as unknown as ArrayBuffer);
  return workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flat(2).map(String)).join('\n');
}

/** Starts MFA enrolment with the cell's session; returns the secret, or null when the caller may not. */
export async function startMfa(cell: Cell): Promise<string | null> {
  const setup = await send(cell.app, cell.jar, 'POST', '/api/v1/auth/mfa/setup');
  return setup.status === 200 ? (JSON.parse(setup.text) as { secret: string }).secret : null;
}

export const thirtySeconds = 30_000;

/** How many audit events of org A have this action (and entity). */
export async function countEvents(world: World, action: string, entityId?: string): Promise<number> {
  const rows = await world.server.ownerQuery<{ n: string }>(
    `select count(*)::text as n from audit_events where org_id = $1 and action = $2 and ($3::text is null or entity_id = $3)`,
    [world.orgA.id, action, entityId ?? null],
  );
  return Number(rows[0]?.n ?? 0);
}

/** The parsed JSON of a reply. */
export function json<T>(reply: SentResponse): T {
  return JSON.parse(reply.text) as T;
}

/** Which of two replies succeeded (the first 2xx), or -1. */
export function winnerOf(replies: [SentResponse, SentResponse]): number {
  return replies.findIndex((r) => r.status < 300);
}

/** A problem line when a value is not what the winner's request set. */
export function expectEqual(what: string, actual: unknown, expected: unknown): string[] {
  return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [`${what}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}`];
}
