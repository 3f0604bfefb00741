import { z } from 'zod';
import { apiRoute, fileReply } from './api-route.ts';
import { isoDate, recordVersion } from './common.ts';
import { listOf, listQuery } from './list.ts';

export const gapStatuses = ['not_started', 'partial', 'implemented', 'not_applicable'] as const;
export type GapStatus = (typeof gapStatuses)[number];

export const gapStatusLabels: Record<GapStatus, string> = {
  not_started: 'Not started',
  partial: 'Partially implemented',
  implemented: 'Implemented',
  not_applicable: 'Not applicable',
};

export const gapThemes = ['organisational', 'people', 'physical', 'technological'] as const;
export type GapTheme = (typeof gapThemes)[number];

/** The Annex A themes as people read them (exports, filters). */
export const gapThemeLabels: Record<GapTheme, string> = {
  organisational: 'Organisational',
  people: 'People',
  physical: 'Physical',
  technological: 'Technological',
};

export const gapItem = z.object({
  itemId: z.string(),
  kind: z.enum(['clause', 'control', 'document']),
  ref: z.string(),
  title: z.string(),
  theme: z.string().nullable(),
  clause: z.string().nullable(),
  stage: z.number().int().nullable(),
  status: z.enum(gapStatuses),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  targetDate: z.string().nullable(),
  notes: z.string(),
  justification: z.string(),
  updatedAt: z.string().nullable(),
  isOverdue: z.boolean(),
  /** 0 until the item is first saved; send it back with an update. */
  version: z.number().int(),
});
export type GapItem = z.infer<typeof gapItem>;

export const gapSorts = ['ref', 'status', 'targetDate', 'updatedAt', 'title'] as const;

export const gapListQuery = listQuery({
  sorts: gapSorts,
  sort: 'ref',
  filters: {
    kind: z.enum(['clause', 'control', 'document']).optional(),
    status: z.enum(gapStatuses).optional(),
    theme: z.enum(gapThemes).optional(),
    clause: z.string().regex(/^(4|5|6|7|8|9|10)$/, { message: 'must be a clause number from 4 to 10' }).optional(),
    /** The certification stage whose auditor first asks for the item (clauses and documents; controls have none). */
    stage: z.enum(['1', '2']).optional(),
    ownerUserId: z.uuid().optional(),
    isOverdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    q: z.string().trim().max(200).optional(),
  },
});
export type GapListQuery = z.infer<typeof gapListQuery>;

export const gapItemParams = z.strictObject({
  itemId: z.string().regex(/^iso27001:2022:[A-Za-z0-9.:-]{1,60}$/, { message: 'must be a catalogue id such as iso27001:2022:A.5.1' }),
});

/** Only the fields that changed, with the version the editor read (0 for an item never saved). */
export const updateGapBody = z
  .strictObject({
    version: recordVersion,
    status: z.enum(gapStatuses).optional(),
    ownerUserId: z.uuid({ message: 'must be a valid id' }).nullable().optional(),
    targetDate: isoDate.nullable().optional(),
    notes: z.string().max(10000).optional(),
    justification: z.string().max(5000).optional(),
  })
  .refine((body) => body.status !== 'not_applicable' || body.justification === undefined || body.justification.trim().length > 0, {
    message: 'A justification is required when an item is marked not applicable.',
    path: ['justification'],
  });
export type UpdateGapBody = z.input<typeof updateGapBody>;

const counts = z.object({
  implemented: z.number().int(),
  partial: z.number().int(),
  notStarted: z.number().int(),
  notApplicable: z.number().int(),
  total: z.number().int(),
});

const scored = z.object({ id: z.string(), ref: z.string(), title: z.string(), score: z.number(), counts });

export const stageBlocker = z.object({
  itemId: z.string(),
  kind: z.enum(['clause', 'control', 'document']),
  ref: z.string(),
  title: z.string(),
  status: z.enum(gapStatuses),
  reason: z.string(),
});

export const readinessReply = z.object({
  overall: z.object({ score: z.number(), counts }),
  clauseScore: z.number(),
  controlScore: z.number(),
  clauses: z.array(scored),
  themes: z.array(scored),
  weighting: z.object({ clauseWeight: z.number(), controlWeight: z.number(), explanation: z.array(z.string()) }),
  stages: z.array(z.object({ stage: z.number().int(), title: z.string(), isReady: z.boolean(), blockers: z.array(stageBlocker) })),
  overdue: z.array(gapItem),
  asOf: z.string(),
});
export type ReadinessReply = z.infer<typeof readinessReply>;

const tag = 'gap-analysis';

/** The gap analysis: statuses per clause, control and document; readiness; XLSX export. */
export const gapApi = {
  list: apiRoute({ method: 'GET', path: '/gap/items', access: 'gap.read', tag, summary: 'List gap-analysis items', query: gapListQuery, reply: listOf(gapItem) }),
  get: apiRoute({ method: 'GET', path: '/gap/items/:itemId', access: 'gap.read', tag, summary: 'One gap-analysis item', params: gapItemParams, reply: gapItem }),
  update: apiRoute({
    method: 'PATCH',
    path: '/gap/items/:itemId',
    access: 'gap.write',
    tag,
    summary: 'Change status, owner, target date, notes or justification (send the version you read)',
    params: gapItemParams,
    body: updateGapBody,
    reply: gapItem,
  }),
  readiness: apiRoute({
    method: 'GET',
    path: '/gap/readiness',
    access: 'gap.read',
    tag,
    summary: 'Readiness per clause, theme and overall, with Stage 1 and 2 blockers',
    reply: readinessReply,
  }),
  export: apiRoute({
    method: 'GET',
    path: '/gap/export.xlsx',
    access: 'gap.export',
    tag,
    summary: 'Download the gap analysis as an XLSX workbook',
    reply: fileReply('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  }),
};
