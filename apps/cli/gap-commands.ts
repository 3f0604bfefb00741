import { gapApi, gapStatuses, gapStatusLabels, type GapItem, type GapStatus } from '@custodian/shared/contracts/gap.ts';
import { ServerRefusal, type ApiClient } from './api-client.ts';
import { clientFor, takeOption, usage } from './server-args.ts';

/**
 * `gap list` and `gap set` against a running server, with the API token in CUSTODIAN_TOKEN:
 *
 *   npm run cli -- gap list --server <url> [--status <status>] [--json]
 *   npm run cli -- gap set <itemId> <status> --server <url> [--justification <text>]
 */

type Print = (text: string) => void;

/** "A.5.1" or "iso27001:2022:A.5.1" → the catalogue id. */
function itemIdOf(text: string): string {
  return text.startsWith('iso27001:2022:') ? text : `iso27001:2022:${text}`;
}

function auDate(isoDate: string | null): string {
  if (!isoDate) return '';
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

function table(items: GapItem[]): string {
  const header = ['Item', 'Status', 'Owner', 'Target date', 'Title'];
  const rows = items.map((item) => [item.ref, gapStatusLabels[item.status], item.ownerName ?? '', auDate(item.targetDate), item.title]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function listAll(client: ApiClient, status: GapStatus | undefined): Promise<GapItem[]> {
  const items: GapItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.call(gapApi.list, { query: { limit: 200, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } });
    items.push(...page.items);
    cursor = page.page.next ?? undefined;
  } while (cursor);
  return items;
}

function statusOf(text: string | undefined): GapStatus | undefined {
  if (text === undefined) return undefined;
  if ((gapStatuses as readonly string[]).includes(text)) return text as GapStatus;
  return usage(`"${text}" is not a status. Use one of: ${gapStatuses.join(', ')}.`);
}

async function list(args: string[], env: Record<string, string | undefined>, print: Print): Promise<number> {
  const { client, rest } = clientFor(args, env);
  const { value: statusText, rest: others } = takeOption(rest, '--status');
  const isJson = others.includes('--json');
  const unknown = others.filter((a) => a !== '--json');
  if (unknown.length > 0) usage(`Unexpected: ${unknown.join(' ')}. Usage: gap list --server <url> [--status <status>] [--json]`);
  const items = await listAll(client, statusOf(statusText));
  print(isJson ? JSON.stringify(items, null, 2) : `${table(items)}\n\n${items.length} item${items.length === 1 ? '' : 's'}`);
  return 0;
}

async function set(args: string[], env: Record<string, string | undefined>, print: Print): Promise<number> {
  const { client, rest } = clientFor(args, env);
  const { value: justification, rest: positional } = takeOption(rest, '--justification');
  const [itemText, statusText, ...extra] = positional;
  if (!itemText || !statusText || extra.length > 0) usage('Usage: gap set <itemId> <status> --server <url> [--justification <text>]');
  const status = statusOf(statusText) as GapStatus;
  const itemId = itemIdOf(itemText);
  // Read first and send the version read: a change someone saved in between is refused, never overwritten.
  const current = await client.call(gapApi.get, { params: { itemId } });
  try {
    const saved = await client.call(gapApi.update, { params: { itemId }, body: { version: current.version, status, ...(justification !== undefined ? { justification } : {}) } });
    print(`${saved.ref} ${saved.title}: ${gapStatusLabels[current.status]} → ${gapStatusLabels[saved.status]} (version ${saved.version})`);
    return 0;
  } catch (error) {
    if (error instanceof ServerRefusal && error.code === 'edit_conflict') {
      throw new Error(`${current.ref} was changed by someone else after it was read, so nothing was saved. Run the command again to apply your change to the current version.`);
    }
    throw error;
  }
}

/** The `gap` command: `gap list` or `gap set`. */
export async function runGapCommand(args: string[], env: Record<string, string | undefined>, print: Print): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') return list(rest, env, print);
  if (sub === 'set') return set(rest, env, print);
  return usage('Usage: gap list --server <url> [--status <status>] [--json]  |  gap set <itemId> <status> --server <url> [--justification <text>]');
}
