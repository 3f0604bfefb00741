import { z } from 'zod';
import { apiRoute, fileReply } from './api-route.ts';

/**
 * Importing the asset and risk registers from a CSV or XLSX file, and exporting both as one XLSX
 * workbook that imports again unchanged. The file travels with each step (analyse → preview →
 * commit), so nothing half-imported is ever stored: the commit is one transaction.
 */

export const importKinds = ['assets', 'risks'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importKindLabels: Record<ImportKind, string> = { assets: 'Assets', risks: 'Risks' };

/** The tables a file can carry: an asset import may bring its links, a risk import its treatment tasks. */
export const sheetRoles = ['assets', 'asset_links', 'risks', 'treatment_tasks'] as const;
export type SheetRole = (typeof sheetRoles)[number];

/** The workbook's sheet names (the export writes them; an import looks for them). */
export const sheetNames: Record<SheetRole, string> = { assets: 'Assets', asset_links: 'Asset links', risks: 'Risks', treatment_tasks: 'Treatment tasks' };

/** The sheets each kind reads: the first is the main one (a CSV is always the main one). */
export const kindSheets: Record<ImportKind, readonly SheetRole[]> = { assets: ['assets', 'asset_links'], risks: ['risks', 'treatment_tasks'] };

export interface ImportField {
  key: string;
  /** The column header the export writes, and the name shown in the mapping. */
  label: string;
  isRequired: boolean;
  /** Other headers that mean the same column (compared without case, spaces or punctuation). */
  aliases: readonly string[];
}

const field = (key: string, label: string, isRequired: boolean, aliases: readonly string[] = []): ImportField => ({ key, label, isRequired, aliases });

/** The columns of each sheet, in the order the export writes them. */
export const importFields: Record<SheetRole, readonly ImportField[]> = {
  assets: [
    field('ref', 'Ref', false, ['reference', 'asset ref', 'asset id', 'id']),
    field('name', 'Name', true, ['asset', 'asset name']),
    field('kind', 'Kind', true, ['type', 'asset type', 'category']),
    field('classification', 'Classification', true, ['class', 'sensitivity']),
    field('confidentiality', 'Confidentiality', true, ['c']),
    field('integrity', 'Integrity', true, ['i']),
    field('availability', 'Availability', true, ['a']),
    field('owner', 'Owner e-mail', false, ['owner', 'asset owner', 'owner email address']),
    field('location', 'Location', false, ['where']),
    field('description', 'Description', false, ['notes', 'details']),
  ],
  asset_links: [
    field('from', 'From asset', true, ['from', 'asset']),
    field('relation', 'Relation', true, ['relationship', 'link']),
    field('to', 'To asset', true, ['to', 'related asset']),
  ],
  risks: [
    field('ref', 'Ref', false, ['reference', 'risk ref', 'risk id', 'id']),
    field('title', 'Title', true, ['risk', 'name', 'risk title']),
    field('threat', 'Threat', false),
    field('vulnerability', 'Vulnerability', false, ['weakness']),
    field('description', 'Description', false, ['details']),
    field('threatId', 'Threat library scenario', false, ['threat library id', 'scenario']),
    field('owner', 'Owner e-mail', false, ['owner', 'risk owner']),
    field('assets', 'Assets', false, ['asset refs', 'affected assets']),
    field('inherentLikelihood', 'Inherent likelihood', true, ['likelihood']),
    field('inherentImpact', 'Inherent impact', true, ['impact', 'consequence']),
    field('currentLikelihood', 'Current likelihood', false),
    field('currentImpact', 'Current impact', false),
    field('residualLikelihood', 'Residual likelihood', false),
    field('residualImpact', 'Residual impact', false),
    field('treatment', 'Treatment', false, ['treatment option']),
    field('treatmentNotes', 'Treatment notes', false),
    field('status', 'Status', false),
    field('nextReview', 'Next review', false, ['next review date', 'review date']),
    // The standing acceptance of a risk whose status is "Residual risk accepted".
    field('acceptedBy', 'Accepted by', false, ['acceptor', 'accepted by email', 'risk accepted by']),
    field('acceptedAt', 'Accepted at', false, ['accepted on', 'date accepted', 'acceptance date']),
    field('acceptanceNote', 'Acceptance note', false, ['acceptance reason', 'why accepted']),
  ],
  treatment_tasks: [
    field('risk', 'Risk', true, ['risk ref']),
    field('title', 'Task', true, ['title', 'action']),
    field('owner', 'Owner e-mail', false, ['owner']),
    field('due', 'Due date', false, ['due']),
    field('status', 'Status', false),
    field('controls', 'Annex A controls', false, ['controls']),
    field('notes', 'Notes', false),
  ],
};

/** The file: its name and its bytes as base64 (20 MB of file at most). */
const fileFields = {
  kind: z.enum(importKinds),
  fileName: z.string().trim().min(1).max(200),
  // 20 MB of file is at most 27,962,028 characters of base64.
  content: z
    .string()
    .min(4, { message: 'The file is empty.' })
    .max(27_962_028, { message: 'The file is larger than 20 MB. Split it into smaller files.' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'must be the file’s bytes in base64' }),
};

export const analyseImportBody = z.strictObject(fileFields);
export type AnalyseImportBody = z.input<typeof analyseImportBody>;

/** For each sheet role, which column (0 first) holds each field; null or absent: not imported. */
export const importMapping = z.partialRecord(z.enum(sheetRoles), z.record(z.string().max(40), z.number().int().min(0).max(500).nullable()));
export type ImportMapping = z.infer<typeof importMapping>;

export const importSheet = z.object({
  role: z.enum(sheetRoles),
  /** The sheet's name in the workbook, or the file name of a CSV. */
  sheetName: z.string(),
  headers: z.array(z.string()),
  rowCount: z.number().int(),
  /** The suggested column of each field, by header name. */
  mapping: z.record(z.string(), z.number().int().nullable()),
});
export type ImportSheet = z.infer<typeof importSheet>;

export const analyseImportReply = z.object({
  kind: z.enum(importKinds),
  fileName: z.string(),
  fileSha256: z.string(),
  sheets: z.array(importSheet),
});
export type AnalyseImportReply = z.infer<typeof analyseImportReply>;

export const previewImportBody = z.strictObject({ ...fileFields, mapping: importMapping });
export type PreviewImportBody = z.input<typeof previewImportBody>;

export const importProblem = z.object({
  sheet: z.string(),
  /** The row as a spreadsheet numbers it (the header is row 1); 0 for a problem with the whole sheet. */
  row: z.number().int(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblem>;

export const importCounts = z.object({ assets: z.number().int(), assetLinks: z.number().int(), risks: z.number().int(), treatmentTasks: z.number().int() });
export type ImportCounts = z.infer<typeof importCounts>;

/** The first problems are listed; `problemCount` counts them all. */
export const maxListedProblems = 200;

export const previewImportReply = z.object({
  fileSha256: z.string(),
  rowCount: z.number().int(),
  /** What a commit would add. */
  counts: importCounts,
  problemCount: z.number().int(),
  problems: z.array(importProblem),
  /** How many blank refs would be given the next free reference. */
  refsAssigned: z.number().int(),
});
export type PreviewImportReply = z.infer<typeof previewImportReply>;

export const commitImportBody = z.strictObject({
  ...fileFields,
  mapping: importMapping,
  /** A random id the caller chooses, to follow the commit's progress while it runs. */
  progressId: z.uuid({ message: 'must be a valid id' }),
});
export type CommitImportBody = z.input<typeof commitImportBody>;

export const commitImportReply = z.object({ fileSha256: z.string(), counts: importCounts });
export type CommitImportReply = z.infer<typeof commitImportReply>;

export const importPhases = ['waiting', 'reading', 'checking', 'saving', 'done', 'failed'] as const;
export const importProgressReply = z.object({
  phase: z.enum(importPhases),
  /** Rows saved so far and rows to save (0 of 0 until the file is checked). */
  done: z.number().int(),
  total: z.number().int(),
});
export type ImportProgressReply = z.infer<typeof importProgressReply>;

const tag = 'register-import';
/** A larger body than the server's 1 MB: the file in base64. */
export const importBodyLimit = 30 * 1024 * 1024;

/** Import of the asset and risk registers from CSV or XLSX; export of both as one XLSX workbook. */
export const registerImportApi = {
  analyse: apiRoute({
    method: 'POST',
    path: '/register/imports/analyse',
    access: 'register.import',
    tag,
    summary: 'Read a CSV or XLSX file’s header row and suggest which column holds which field',
    body: analyseImportBody,
    reply: analyseImportReply,
  }),
  preview: apiRoute({
    method: 'POST',
    path: '/register/imports/preview',
    access: 'register.import',
    tag,
    summary: 'Check every row of a file with a column mapping, saving nothing: counts and the first problems by row',
    body: previewImportBody,
    reply: previewImportReply,
  }),
  commit: apiRoute({
    method: 'POST',
    path: '/register/imports/commit',
    access: 'register.import',
    tag,
    summary: 'Add every row of a file to the register in one transaction, or nothing if any row has a problem',
    body: commitImportBody,
    reply: commitImportReply,
    status: 201,
  }),
  progress: apiRoute({
    method: 'GET',
    path: '/register/imports/:progressId/progress',
    access: 'register.import',
    tag,
    summary: 'How far a running commit has got',
    params: z.strictObject({ progressId: z.uuid({ message: 'must be a valid id' }) }),
    reply: importProgressReply,
  }),
  export: apiRoute({
    method: 'GET',
    path: '/register/export.xlsx',
    access: 'risks.read',
    tag,
    summary: 'Download the asset and risk registers as one XLSX workbook (it imports again unchanged)',
    reply: fileReply('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  }),
};

/** A header compared without case, spaces or punctuation ("Owner e-mail" = "owner email" = "OWNER_EMAIL"). */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Suggests the column of each field from the headers: its label first, then its other names. */
export function suggestMapping(role: SheetRole, headers: readonly string[]): Record<string, number | null> {
  const keys = headers.map(headerKey);
  const taken = new Set<number>();
  const mapping: Record<string, number | null> = {};
  for (const pass of ['label', 'alias'] as const) {
    for (const f of importFields[role]) {
      if (mapping[f.key] !== undefined && mapping[f.key] !== null) continue;
      const names = pass === 'label' ? [f.label, f.key] : f.aliases;
      const at = keys.findIndex((key, i) => !taken.has(i) && key !== '' && names.some((name) => headerKey(name) === key));
      mapping[f.key] = at >= 0 ? at : null;
      if (at >= 0) taken.add(at);
    }
  }
  return mapping;
}
