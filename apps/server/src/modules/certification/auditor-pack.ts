import JSZip from 'jszip';
import { createHash } from 'node:crypto';
import type { PackFile } from '../../reports/pack-file.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { formatAuDate, todayIn } from '../../lib/dates.ts';

/**
 * One section of the auditor pack: a module's files for the auditor. Wiring another module in is one
 * line in `auditor-pack-sources.ts`: its name, the function that returns its files, and what the
 * manifest says when it has none yet.
 */
export interface PackSource {
  section: string;
  collect: (ctx: OrgCtx) => Promise<PackFile[]>;
  /** Said in the manifest when the source has no file (e.g. no approved Statement of Applicability yet). */
  whenEmpty: string;
}

export interface PackSectionSummary {
  section: string;
  files: string[];
  /** Why the section has no file, or null. */
  note: string | null;
}

export interface CollectedPack {
  organisation: string;
  timeZone: string;
  generatedAt: Date;
  files: Array<PackFile & { section: string }>;
  sections: PackSectionSummary[];
}

export interface ManifestEntry {
  path: string;
  section: string;
  description: string;
  size: number;
  sha256: string;
}

export interface PackManifest {
  title: string;
  organisation: string;
  generatedAt: string;
  generatedOn: string;
  hashAlgorithm: 'SHA-256';
  files: ManifestEntry[];
  sections: PackSectionSummary[];
}

const safePath = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;
const reservedPaths = new Set(['manifest.json', 'MANIFEST.txt']);

/** Every source's files, in the order of the list, with paths checked (a clash or an unsafe path is a defect, not an input). */
export async function collectPack(ctx: OrgCtx, sources: readonly PackSource[]): Promise<CollectedPack> {
  const files: CollectedPack['files'] = [];
  const sections: PackSectionSummary[] = [];
  const seen = new Set<string>(reservedPaths);
  for (const source of sources) {
    const found = await source.collect(ctx);
    for (const file of found) {
      if (!safePath.test(file.path) || file.path.includes('..')) throw new Error(`auditor pack: unsafe path "${file.path}" from ${source.section}`);
      if (seen.has(file.path)) throw new Error(`auditor pack: two files at "${file.path}"`);
      seen.add(file.path);
      files.push({ ...file, section: source.section });
    }
    sections.push({ section: source.section, files: found.map((f) => f.path), note: found.length === 0 ? source.whenEmpty : null });
  }
  return { organisation: ctx.org.name, timeZone: ctx.org.timeZone, generatedAt: ctx.now, files, sections };
}

export function sha256Of(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function manifestText(manifest: PackManifest): string {
  const lines = [
    manifest.title,
    `${manifest.organisation}, prepared on ${formatAuDate(manifest.generatedOn)}`,
    '',
    'Every file in this pack is listed below with its size and its SHA-256 fingerprint. Compute the',
    'fingerprint of a file (for example `sha256sum FILE` or `Get-FileHash FILE`) and compare: any change',
    'to a file changes its fingerprint. manifest.json holds the same list; its own fingerprint was sent with',
    'the download (the X-Manifest-SHA256 header), so keep that value with the pack.',
    '',
  ];
  for (const section of manifest.sections) {
    lines.push(`== ${section.section} ==`);
    if (section.note) lines.push(`  ${section.note}`);
    for (const entry of manifest.files.filter((f) => f.section === section.section)) {
      lines.push(`  ${entry.path}`, `    ${entry.description}`, `    ${entry.size} bytes, SHA-256 ${entry.sha256}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The ZIP: every file, then MANIFEST.txt (the list for people) and manifest.json (the list for tools,
 * including MANIFEST.txt's own hash). Entries carry the pack's time so the same pack zips the same way.
 */
export async function zipPack(pack: CollectedPack): Promise<{ body: Buffer; manifest: PackManifest; manifestSha256: string }> {
  const entries: ManifestEntry[] = pack.files.map((file) => ({ path: file.path, section: file.section, description: file.description, size: file.bytes.byteLength, sha256: sha256Of(file.bytes) }));
  const generatedOn = todayIn(pack.timeZone, pack.generatedAt);
  const base: PackManifest = {
    title: 'Stage 1 / Stage 2 auditor pack',
    organisation: pack.organisation,
    generatedAt: pack.generatedAt.toISOString(),
    generatedOn,
    hashAlgorithm: 'SHA-256',
    files: entries,
    sections: [...pack.sections, { section: 'Manifest', files: ['MANIFEST.txt'], note: null }],
  };
  const text = Buffer.from(manifestText(base), 'utf8');
  const manifest: PackManifest = {
    ...base,
    files: [...entries, { path: 'MANIFEST.txt', section: 'Manifest', description: 'This list, for people: every file with its size and SHA-256 fingerprint', size: text.byteLength, sha256: sha256Of(text) }],
  };
  const json = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const zip = new JSZip();
  const date = pack.generatedAt;
  for (const file of pack.files) zip.file(file.path, file.bytes, { date, binary: true });
  zip.file('MANIFEST.txt', text, { date, binary: true });
  zip.file('manifest.json', json, { date, binary: true });
  const body = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  return { body, manifest, manifestSha256: sha256Of(json) };
}

/** The pack's file name: whose and when. */
export function packFileName(pack: CollectedPack): string {
  const slug = pack.organisation.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'organisation';
  return `auditor-pack-${slug}-${todayIn(pack.timeZone, pack.generatedAt)}.zip`;
}
