import { z } from 'zod';
import { apiRoute } from './api-route.ts';
import { isoDate, okReply, recordVersion, singleLineName, uuidParam } from './common.ts';
import { gapStatuses, gapThemes } from './gap.ts';
import { listOf, listQuery } from './list.ts';

/**
 * The controls register (issue 10): the 93 Annex A controls and the organisation's own, one row each.
 * An Annex A control's register entry is its gap-analysis entry (one set of data, not two copies).
 */
export const controlReasons = ['risk_treatment', 'legal', 'contractual', 'business', 'good_practice'] as const;
export type ControlReason = (typeof controlReasons)[number];

/** Why a control is included, as the Statement of Applicability says it. */
export const controlReasonLabels: Record<ControlReason, string> = {
  risk_treatment: 'Treats an identified risk',
  legal: 'Legal or regulatory requirement (for example Australian Privacy Principle 11)',
  contractual: 'Contractual obligation',
  business: 'Business requirement',
  good_practice: 'Good practice',
};

export const controlSources = ['annex_a', 'organisation'] as const;
export type ControlSource = (typeof controlSources)[number];

/** An Annex A control's catalogue id, or an organisation-defined control's ("org:" and its id). */
export const controlIdPattern = /^(iso27001:2022:A\.[5-8]\.[0-9]{1,2}|org:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
export const controlIdParams = z.strictObject({
  controlId: z.string().regex(controlIdPattern, { message: 'must be a control id such as iso27001:2022:A.5.1' }),
});

/** How many of the risks a control treats are listed with it (the count says how many there are). */
export const listedRisksPerControl = 10;

const riskLink = z.object({ id: z.uuid(), ref: z.string(), title: z.string() });

export const controlItem = z.object({
  controlId: z.string(),
  source: z.enum(controlSources),
  ref: z.string(),
  title: z.string(),
  /** Annex A theme; null for the organisation's own controls. */
  theme: z.enum(gapThemes).nullable(),
  /** The organisation's own description of a control it defined (empty for Annex A controls). */
  description: z.string(),
  status: z.enum(gapStatuses),
  /** False when the control is excluded (status "not applicable", with a justification). */
  isApplicable: z.boolean(),
  reasons: z.array(z.enum(controlReasons)),
  justification: z.string(),
  implementation: z.string(),
  noEvidenceReason: z.string(),
  notes: z.string(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  targetDate: z.string().nullable(),
  /** Open risks whose treatment tasks name this control: the first ten by ref, and how many in all. */
  risks: z.array(riskLink),
  riskCount: z.number().int(),
  /** Evidence items linked to the control. */
  evidenceCount: z.number().int(),
  updatedAt: z.string().nullable(),
  /** 0 until the control's entry is first saved; send it back with an update. */
  version: z.number().int(),
});
export type ControlItem = z.infer<typeof controlItem>;

/** A row of the register's list: the control without the risks it treats (the count stays; the control's own page lists them). */
export const controlListItem = controlItem.omit({ risks: true });
export type ControlListItem = z.infer<typeof controlListItem>;

export const controlSorts = ['ref', 'title', 'status'] as const;

export const controlListQuery = listQuery({
  sorts: controlSorts,
  sort: 'ref',
  filters: {
    source: z.enum(controlSources).optional(),
    status: z.enum(gapStatuses).optional(),
    theme: z.enum(gapThemes).optional(),
    isApplicable: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    ownerUserId: z.uuid().optional(),
    q: z.string().trim().max(200).optional(),
  },
});
export type ControlListQuery = z.infer<typeof controlListQuery>;

const longText = (max: number) => z.string().max(max, { message: `must be at most ${max.toLocaleString('en-AU')} characters` });

/** Only the fields that changed, with the version the editor read (0 for a control never saved). */
export const updateControlBody = z.strictObject({
  version: recordVersion,
  status: z.enum(gapStatuses).optional(),
  reasons: z.array(z.enum(controlReasons)).max(controlReasons.length).optional(),
  justification: longText(5000).optional(),
  implementation: longText(10000).optional(),
  noEvidenceReason: longText(2000).optional(),
  notes: longText(10000).optional(),
  ownerUserId: z.uuid({ message: 'must be a valid id' }).nullable().optional(),
  targetDate: isoDate.nullable().optional(),
  /** The organisation's own controls only. */
  title: singleLineName(1, 200).optional(),
  description: longText(5000).optional(),
});
export type UpdateControlBody = z.input<typeof updateControlBody>;

export const createControlBody = z.strictObject({
  title: singleLineName(1, 200),
  description: longText(5000).default(''),
});
export type CreateControlBody = z.input<typeof createControlBody>;

/** Adds reasons to many controls at once (adding is order-free, so it needs no versions). */
export const addControlReasonsBody = z.strictObject({
  controlIds: z
    .array(z.string().regex(controlIdPattern, { message: 'must be a control id such as iso27001:2022:A.5.1' }))
    .min(1, { message: 'must name at least one control' })
    .max(500, { message: 'must name at most 500 controls' }),
  reasons: z.array(z.enum(controlReasons)).min(1, { message: 'must give at least one reason' }).max(controlReasons.length),
});
export type AddControlReasonsBody = z.input<typeof addControlReasonsBody>;

const tag = 'controls';

export const controlsApi = {
  list: apiRoute({ method: 'GET', path: '/controls', access: 'gap.read', tag, summary: 'List the controls register (Annex A and the organisation’s own)', query: controlListQuery, reply: listOf(controlListItem) }),
  get: apiRoute({ method: 'GET', path: '/controls/:controlId', access: 'gap.read', tag, summary: 'One control of the register', params: controlIdParams, reply: controlItem }),
  update: apiRoute({
    method: 'PATCH',
    path: '/controls/:controlId',
    access: 'gap.write',
    tag,
    summary: 'Change a control’s applicability, reasons, implementation or owner (send the version you read)',
    params: controlIdParams,
    body: updateControlBody,
    reply: controlItem,
  }),
  addReasons: apiRoute({
    method: 'POST',
    path: '/controls/reasons',
    access: 'gap.write',
    tag,
    summary: 'Add reasons for inclusion to many controls at once',
    body: addControlReasonsBody,
    reply: z.object({ changed: z.number().int() }),
  }),
  create: apiRoute({ method: 'POST', path: '/controls', access: 'gap.write', tag, summary: 'Add a control of the organisation’s own', body: createControlBody, reply: controlItem, status: 201 }),
  remove: apiRoute({
    method: 'DELETE',
    path: '/controls/:controlId',
    access: 'gap.write',
    tag,
    summary: 'Delete a control of the organisation’s own (Annex A controls cannot be deleted)',
    params: controlIdParams,
    reply: okReply,
  }),
};

export const orgControlId = (id: string): string => `org:${id}`;
export const uuidOfOrgControl = (controlId: string): string | null => (controlId.startsWith('org:') ? uuidParam.safeParse(controlId.slice(4)).data ?? null : null);
