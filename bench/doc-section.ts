/**
 * Sections of docs/benchmarks.md written by a separate benchmark, between `<!-- name:start -->` and
 * `<!-- name:end -->` markers, so each benchmark replaces only its own part of the file.
 */

function markers(name: string): { start: string; end: string } {
  return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}

/** The document with the named section replaced by `body` (markers kept), or appended when it has none. */
export function replaceMarkedSection(document: string, name: string, body: string): string {
  const { start, end } = markers(name);
  const section = `${start}\n${body.trim()}\n${end}`;
  const from = document.indexOf(start);
  const to = document.indexOf(end, from === -1 ? 0 : from);
  if (from !== -1 && to !== -1) return `${document.slice(0, from)}${section}${document.slice(to + end.length)}`;
  const separator = document === '' || document.endsWith('\n\n') ? '' : document.endsWith('\n') ? '\n' : '\n\n';
  return `${document}${separator}${section}\n`;
}

/** The body of the named section in a document, or null when it has none. */
export function markedSection(document: string, name: string): string | null {
  const { start, end } = markers(name);
  const from = document.indexOf(start);
  const to = document.indexOf(end, from === -1 ? 0 : from);
  return from === -1 || to === -1 ? null : document.slice(from + start.length, to).trim();
}

/** Sections kept when `npm run bench` rewrites the whole file. */
/** The section a run of some endpoints only (`npm run bench -- --only …`) writes. */
export const partialRunSection = 'partial-run';

export const separatelyWrittenSections = ['matching', 'matching-candidates', 'register-import', 'soa-export', 'acknowledgements', partialRunSection] as const;

/** A whole report as a section of another document: its title says it is a partial run, every heading one level down. */
export function demoteHeadings(report: string): string {
  return report.replace(/^# Benchmarks$/m, '# Benchmarks: a run of some endpoints only (npm run bench -- --only …)').replace(/^(#+) /gm, '#$1 ');
}

/** A freshly rendered document with the separately written sections of the old one carried over. */
export function carryMarkedSections(previous: string, next: string): string {
  let result = next;
  for (const name of separatelyWrittenSections) {
    const body = markedSection(previous, name);
    if (body !== null) result = replaceMarkedSection(result, name, body);
  }
  return result;
}
