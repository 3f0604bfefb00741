import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Fails (exit 1) when a stylesheet of the web app is longer than the limit, listing the files, so
 * styles stay split by feature the way ESLint's max-lines keeps TypeScript files small.
 * Run: node --import tsx apps/web/scripts/check-file-sizes.ts
 */

const maxLines = 400;
const webRoot = fileURLToPath(new URL('..', import.meta.url));
const sourceRoot = join(webRoot, 'src');

/** Every file under a folder whose name ends with the extension. */
export function filesUnder(folder: string, extension: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path, extension));
    else if (entry.name.endsWith(extension)) found.push(path);
  }
  return found;
}

/** The number of lines of a text (a final newline does not start another line). */
export function lineCount(text: string): number {
  if (text === '') return 0;
  return text.replace(/\n$/, '').split('\n').length;
}

const tooLong = filesUnder(sourceRoot, '.css')
  .map((path) => ({ path, lines: lineCount(readFileSync(path, 'utf8')) }))
  .filter((file) => file.lines > maxLines);

if (tooLong.length > 0) {
  console.error(`These stylesheets are longer than ${maxLines} lines; split them by component or feature:`);
  for (const file of tooLong) console.error(`  ${relative(process.cwd(), file.path)}: ${file.lines} lines`);
  process.exit(1);
}
console.log(`Every stylesheet under ${relative(process.cwd(), sourceRoot) || '.'} is at most ${maxLines} lines.`);
