/**
 * Reads a bundled JSON data file and checks it against a zod schema, so every data file of the
 * catalogue package fails the same way: one error naming the file and listing each problem by path.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** Error thrown when a bundled data file is not JSON or does not match its schema. */
export class DataFileError extends Error {
  readonly problems: readonly string[];

  constructor(source: string, problems: readonly string[]) {
    super(`${source} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.join('\n- ')}`);
    this.name = 'DataFileError';
    this.problems = problems;
  }
}

/** Lists zod issues as "path: message" lines. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
}

/**
 * Parses already-decoded data with a schema.
 * @throws DataFileError listing every schema issue.
 */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown, source: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new DataFileError(source, describeIssues(parsed.error));
  return parsed.data;
}

/**
 * Decodes UTF-8 JSON bytes.
 * @throws DataFileError when the bytes are not UTF-8 JSON.
 */
export function decodeJson(bytes: Uint8Array, source: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new DataFileError(source, [`not valid UTF-8 JSON: ${reason}`]);
  }
}

/**
 * Reads a JSON file and parses it with a schema.
 * @throws DataFileError when the file is not JSON or fails the schema.
 */
export function readJsonFile<S extends z.ZodType>(schema: S, url: URL): z.infer<S> {
  return parseWith(schema, decodeJson(readFileSync(url), url.pathname), url.pathname);
}
