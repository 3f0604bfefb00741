import { z } from 'zod';
import { riskMethodDefinition } from '../domain/risk-matrix.ts';
import { apiRoute } from './api-route.ts';
import { recordVersion } from './common.ts';

/**
 * The organisation's risk method (6.1.2): its scales, matrix, appetite and review frequency, versioned.
 * A change is previewed (which risks move, from what to what), then saved as a new version that
 * re-scores every risk, each move recorded; the versions stay readable.
 */
export const riskMethod = riskMethodDefinition.extend({
  /** 1 for an organisation that never changed it (the default 5 × 5, saved on first use). */
  version: z.number().int(),
  changeNote: z.string(),
  /** Null for the default method before anything was scored with it. */
  createdAt: z.string().nullable(),
  createdByName: z.string().nullable(),
  /** True when this is the default method, not yet saved (no risk scored with it so far). */
  isDefault: z.boolean(),
});
export type RiskMethod = z.infer<typeof riskMethod>;

/** A new method: the whole definition, the version it replaces (as read) and why it changed. */
export const changeRiskMethodBody = riskMethodDefinition.extend({
  version: recordVersion,
  note: z.string().trim().min(1, { message: 'Say why the method is changing (it is kept with the version).' }).max(2000),
});
export type ChangeRiskMethodBody = z.input<typeof changeRiskMethodBody>;

/** The scores of one risk as a method rates them: likelihood × impact and the matrix level, for each stage. */
export const scoreSnapshot = z.object({
  likelihood: z.number().int(),
  impact: z.number().int(),
  level: z.string(),
});
export const riskScoresSnapshot = z.object({
  inherent: scoreSnapshot,
  current: scoreSnapshot.nullable(),
  residual: scoreSnapshot.nullable(),
});
export type RiskScoresSnapshot = z.infer<typeof riskScoresSnapshot>;

/** One risk a method change moves: its scores under the current method and under the new one. */
export const riskMove = z.object({
  riskId: z.uuid(),
  ref: z.string(),
  title: z.string(),
  before: riskScoresSnapshot,
  after: riskScoresSnapshot,
  /** The residual level changes, so a standing acceptance of it would be withdrawn. */
  isAcceptanceWithdrawn: z.boolean(),
});
export type RiskMove = z.infer<typeof riskMove>;

/** At most this many moved risks are listed in a preview (all are counted). */
export const previewListCap = 500;

export const methodPreviewReply = z.object({
  /** Problems that stop the method being saved, in plain words (empty when it is sound). */
  problems: z.array(z.string()),
  riskCount: z.number().int(),
  movedCount: z.number().int(),
  /** The first moved risks by reference (up to previewListCap). */
  moved: z.array(riskMove),
});
export type MethodPreviewReply = z.infer<typeof methodPreviewReply>;

export const methodChangeReply = z.object({ method: riskMethod, movedCount: z.number().int(), riskCount: z.number().int() });

export const methodVersionSummary = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  changeNote: z.string(),
  /** "5 × 5" */
  size: z.string(),
  levels: z.array(z.string()),
  acceptableLevel: z.string(),
  reviewMonths: z.number().int(),
  /** Risks the change to this version moved. */
  movedCount: z.number().int(),
});
export const methodHistoryReply = z.object({ items: z.array(methodVersionSummary) });
export type MethodHistoryReply = z.infer<typeof methodHistoryReply>;

const tag = 'risk-method';

/** The risk method: read, preview a change, change (re-scoring every risk), versions. */
export const riskMethodApi = {
  get: apiRoute({ method: 'GET', path: '/risk-method', access: 'risks.read', tag, summary: 'The current risk method', reply: riskMethod }),
  preview: apiRoute({
    method: 'POST',
    path: '/risk-method/preview',
    access: 'risk_method.manage',
    tag,
    summary: 'Which risks a new method would move, before saving it (changes nothing)',
    body: changeRiskMethodBody,
    reply: methodPreviewReply,
  }),
  change: apiRoute({
    method: 'PUT',
    path: '/risk-method',
    access: 'risk_method.manage',
    tag,
    summary: 'Save a new version of the method and re-score every risk (send the version you read)',
    body: changeRiskMethodBody,
    reply: methodChangeReply,
  }),
  history: apiRoute({ method: 'GET', path: '/risk-method/versions', access: 'risks.read', tag, summary: 'Every version of the method, newest first', reply: methodHistoryReply }),
};
