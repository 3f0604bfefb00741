import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { pipeline as pipelineCallback, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { AppError } from '@custodian/shared/errors.ts';

/**
 * The backup file: gzip-compressed JSON lines.
 *
 *   {"format":"custodian-backup","formatVersion":1,"schemaVersion":3,...}   header
 *   ["table","users",["id","email",...]]                                     a table's section and its columns
 *   {"id":"…","email":"…",...}                                               one line per row (to_jsonb)
 *   ["manifest",{...,"tables":{"users":3},"sha256":"…"}]                     the last line
 *
 * The manifest's sha256 covers every line before it (each followed by "\n"), so a damaged or edited
 * file is refused before anything is written. It guards against corruption, not against someone who
 * recomputes the hash: keep backups where only operators can write them.
 */
export const backupFormat = 'custodian-backup';
export const backupFormatVersion = 1;

export interface BackupHeader {
  format: typeof backupFormat;
  formatVersion: number;
  schemaVersion: number;
  createdAt: string;
  databaseKind: string;
}

export interface BackupManifest extends BackupHeader {
  tables: Record<string, number>;
  sha256: string;
}

/** Writes lines (each already ending in "\n") gzip-compressed to a temporary file, then renames it into place. */
export async function writeGzipLines(path: string, chunks: AsyncIterable<string>): Promise<number> {
  const partial = `${path}.partial`;
  try {
    await pipeline(Readable.from(chunks), createGzip({ level: 6 }), createWriteStream(partial, { mode: 0o600 }));
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return statSync(path).size;
}

/** Reads a gzip-compressed file line by line; a truncated or non-gzip file becomes a clear error. */
export async function* readGzipLines(path: string): AsyncGenerator<string> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new AppError('not_found', `The backup file ${path} does not exist.`);
  }
  if (size === 0) throw new AppError('validation_failed', `The backup file ${path} is empty.`);
  const stream = pipelineCallback(createReadStream(path), createGunzip(), () => undefined);
  stream.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      yield* parts;
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('validation_failed', `The backup file ${path} is damaged or is not a Custodian backup (${reason}).`);
  }
  if (rest !== '') yield rest;
}

/** Parses the header line, refusing anything that is not a backup this version can read. */
export function parseHeader(line: string | undefined, path: string): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(line ?? '');
  } catch {
    value = null;
  }
  const header = value as Partial<BackupHeader> | null;
  if (!header || typeof header !== 'object' || header.format !== backupFormat || typeof header.schemaVersion !== 'number') {
    throw new AppError('validation_failed', `${path} is not a Custodian backup.`);
  }
  if (typeof header.formatVersion !== 'number' || header.formatVersion > backupFormatVersion) {
    throw new AppError('validation_failed', `${path} uses backup format ${String(header.formatVersion)}, newer than this version of Custodian reads (${backupFormatVersion}). Upgrade Custodian first.`);
  }
  return header as BackupHeader;
}

/** A section line: ["table", name, columns]. */
export function tableLine(name: string, columns: string[]): string {
  return JSON.stringify(['table', name, columns]);
}

/** Parses a control line (starting with "["): a table section or the manifest. */
export function parseControlLine(line: string): { kind: 'table'; name: string; columns: string[] } | { kind: 'manifest'; manifest: BackupManifest } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new AppError('validation_failed', 'The backup file contains a line that is not valid JSON.');
  }
  if (Array.isArray(value) && value[0] === 'table' && typeof value[1] === 'string' && Array.isArray(value[2])) {
    return { kind: 'table', name: value[1], columns: value[2].map(String) };
  }
  if (Array.isArray(value) && value[0] === 'manifest' && value[1] && typeof value[1] === 'object') {
    return { kind: 'manifest', manifest: value[1] as BackupManifest };
  }
  throw new AppError('validation_failed', 'The backup file contains a line this version of Custodian does not understand.');
}
