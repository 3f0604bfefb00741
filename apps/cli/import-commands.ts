import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  headerKey,
  importFields,
  importKinds,
  registerImportApi,
  sheetNames,
  type AnalyseImportReply,
  type CommitImportBody,
  type ImportCounts,
  type ImportKind,
  type ImportMapping,
  type ImportProgressReply,
} from '@custodian/shared/contracts/register-import.ts';
import type { ApiClient } from './api-client.ts';
import { clientFor, takeOption, usage } from './server-args.ts';

/**
 * `import` against a running server, with the API token in CUSTODIAN_TOKEN (scopes register:read and
 * register:write):
 *
 *   npm run cli -- import --kind assets|risks --file <csv or xlsx> --server <url> [--column "<field>=<header>"]… [--dry-run]
 *
 * The server suggests which column holds which field; `--column` changes one ("Owner e-mail=Responsible
 * person", or "Location=" to leave a field out). Every row is checked first: any problem is printed
 * with its row number and nothing is imported. Then the commit runs with a progress bar on stderr.
 */

type Print = (text: string) => void;
const usageLine = 'Usage: import --kind assets|risks --file <csv or xlsx> --server <url> [--column "<field>=<header>"]… [--dry-run]';

function takeAll(args: string[], flag: string): { values: string[]; rest: string[] } {
  const values: string[] = [];
  let rest = args;
  for (;;) {
    const taken = takeOption(rest, flag);
    if (taken.value === undefined) return { values, rest };
    values.push(taken.value);
    rest = taken.rest;
  }
}

/** Applies each "--column field=header" to the suggested mapping; names the field or header it cannot find. */
function adjustMapping(analysed: AnalyseImportReply, columns: string[]): ImportMapping {
  const mapping: ImportMapping = Object.fromEntries(analysed.sheets.map((sheet) => [sheet.role, { ...sheet.mapping }]));
  for (const column of columns) {
    const at = column.indexOf('=');
    if (at < 0) usage(`--column needs "<field>=<header>", e.g. --column "Owner e-mail=Responsible person" (got "${column}").`);
    const [fieldName, header] = [column.slice(0, at).trim(), column.slice(at + 1).trim()];
    const sheet = analysed.sheets.find((s) =>
      importFields[s.role].some((f) => headerKey(f.label) === headerKey(fieldName) || headerKey(f.key) === headerKey(fieldName)),
    );
    const field = sheet && importFields[sheet.role].find((f) => headerKey(f.label) === headerKey(fieldName) || headerKey(f.key) === headerKey(fieldName));
    if (!sheet || !field)
      usage(
        `"${fieldName}" is not a field of this import. The fields are: ${analysed.sheets.flatMap((s) => importFields[s.role].map((f) => f.label)).join(', ')}.`,
      );
    const index = header === '' ? null : sheet.headers.findIndex((h) => headerKey(h) === headerKey(header));
    if (index === -1) usage(`The file has no column "${header}". Its columns are: ${sheet.headers.join(', ')}.`);
    const roleMapping = mapping[sheet.role] ?? {};
    roleMapping[field.key] = index;
    mapping[sheet.role] = roleMapping;
  }
  return mapping;
}

function describeMapping(analysed: AnalyseImportReply, mapping: ImportMapping): string {
  return analysed.sheets
    .map((sheet) => {
      const lines = importFields[sheet.role].map((f) => {
        const at = mapping[sheet.role]?.[f.key];
        const from =
          at === null || at === undefined ? (f.isRequired ? 'NO COLUMN CHOSEN (required)' : 'not imported') : `column "${sheet.headers[at] ?? at + 1}"`;
        return `  ${f.label.padEnd(26)} ← ${from}`;
      });
      return [
        `${sheetNames[sheet.role]} (${sheet.rowCount.toLocaleString('en-AU')} row${sheet.rowCount === 1 ? '' : 's'} in ${sheet.sheetName}):`,
        ...lines,
      ].join('\n');
    })
    .join('\n');
}

function describeCounts(counts: ImportCounts): string {
  const parts = [
    [counts.assets, 'asset', 'assets'],
    [counts.assetLinks, 'link between assets', 'links between assets'],
    [counts.risks, 'risk', 'risks'],
    [counts.treatmentTasks, 'treatment task', 'treatment tasks'],
  ] as const;
  return parts.flatMap(([n, one, many]) => (n > 0 ? [`${n.toLocaleString('en-AU')} ${n === 1 ? one : many}`] : [])).join(', ') || 'nothing';
}

/** A progress bar: redrawn in place on a terminal, a line per tenth otherwise. */
function progressWriter(stream: NodeJS.WriteStream): (p: ImportProgressReply) => void {
  let lastTenth = -1;
  return (p) => {
    const fraction = p.total > 0 ? p.done / p.total : p.phase === 'done' ? 1 : 0;
    const width = 30;
    const filled = Math.round(fraction * width);
    const line = `${p.phase === 'saving' || p.phase === 'done' ? 'Saving' : 'Checking'} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done.toLocaleString('en-AU')}/${p.total.toLocaleString('en-AU')} rows`;
    if (stream.isTTY) stream.write(`\r${line}`);
    else if (Math.floor(fraction * 10) !== lastTenth) {
      lastTenth = Math.floor(fraction * 10);
      stream.write(`${line}\n`);
    }
  };
}

async function commitWithProgress(client: ApiClient, body: Omit<CommitImportBody, 'progressId'>, show: (p: ImportProgressReply) => void) {
  const progressId = randomUUID();
  let isRunning = true;
  const poll = (async () => {
    while (isRunning) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (!isRunning) break;
      const progress = await client.call(registerImportApi.progress, { params: { progressId } }).catch(() => null);
      if (progress && isRunning && (progress.phase === 'checking' || progress.phase === 'saving')) show(progress);
    }
  })();
  try {
    return await client.call(registerImportApi.commit, { body: { ...body, progressId } });
  } finally {
    isRunning = false;
    await poll;
  }
}

/** The `import` command. */
export async function runImportCommand(
  args: string[],
  env: Record<string, string | undefined>,
  print: Print,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<number> {
  const { client, rest } = clientFor(args, env);
  const { value: kindText, rest: r1 } = takeOption(rest, '--kind');
  const { value: file, rest: r2 } = takeOption(r1, '--file');
  const { values: columns, rest: r3 } = takeAll(r2, '--column');
  const isDryRun = r3.includes('--dry-run');
  const unknown = r3.filter((a) => a !== '--dry-run');
  if (!kindText || !file || unknown.length > 0) usage(unknown.length > 0 ? `Unexpected: ${unknown.join(' ')}. ${usageLine}` : usageLine);
  if (!(importKinds as readonly string[]).includes(kindText)) usage(`--kind must be one of: ${importKinds.join(', ')}.`);
  const kind = kindText as ImportKind;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return usage(`Cannot read ${file}.`);
  }
  const fileName = basename(file);
  const content = bytes.toString('base64');
  const analysed = await client.call(registerImportApi.analyse, { body: { kind, fileName, content } });
  const mapping = adjustMapping(analysed, columns);
  print(describeMapping(analysed, mapping));
  const preview = await client.call(registerImportApi.preview, { body: { kind, fileName, content, mapping } });
  if (preview.problemCount > 0) {
    for (const problem of preview.problems) print(problem.message);
    const more = preview.problemCount - preview.problems.length;
    if (more > 0) print(`… and ${more.toLocaleString('en-AU')} more.`);
    throw new Error(
      `Nothing was imported: ${fileName} has ${preview.problemCount.toLocaleString('en-AU')} problem${preview.problemCount === 1 ? '' : 's'} (listed above). Fix ${preview.problemCount === 1 ? 'it' : 'them'} and run the import again.`,
    );
  }
  if (isDryRun) {
    print(
      `Checked ${preview.rowCount.toLocaleString('en-AU')} rows: no problems. An import would add ${describeCounts(preview.counts)}. Nothing was imported (--dry-run).`,
    );
    return 0;
  }
  const show = progressWriter(stderr);
  const started = Date.now();
  const result = await commitWithProgress(client, { kind, fileName, content, mapping }, show);
  const total = result.counts.assets + result.counts.assetLinks + result.counts.risks + result.counts.treatmentTasks;
  show({ phase: 'done', done: total, total });
  if (stderr.isTTY) stderr.write('\n');
  print(`Imported ${describeCounts(result.counts)} from ${fileName} in ${((Date.now() - started) / 1000).toFixed(1)} s (file SHA-256 ${result.fileSha256}).`);
  return 0;
}
