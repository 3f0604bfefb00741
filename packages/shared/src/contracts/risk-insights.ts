import { z } from 'zod';
import { riskLevel } from '../domain/risk-matrix.ts';
import { apiRoute, fileReply } from './api-route.ts';
import { riskStatuses } from './risk-vocabulary.ts';

/*
 * Risk insights: the register seen as a whole, on the organisation's current risk method. Every count
 * is of open risks (any status but closed). A risk's "standing" level is its residual level where one
 * has been assessed, otherwise its current level, otherwise its inherent level: what the practice
 * faces today if nothing more is done. The residual heat map, the charts by asset, owner and status,
 * and the daily snapshots behind the trend all use that one rule.
 */

const scalePoint = z.object({ level: z.number().int(), label: z.string() });

/** The current method as the charts need it (no descriptions). Version null: none saved yet, the default applies. */
export const insightsMethod = z.object({
  version: z.number().int().nullable(),
  likelihood: z.array(scalePoint),
  impact: z.array(scalePoint),
  levels: z.array(riskLevel),
  /** Rows by likelihood (1 first), each by impact (1 first): a level key. */
  matrix: z.array(z.array(z.string())),
  acceptableLevel: z.string(),
});
export type InsightsMethod = z.infer<typeof insightsMethod>;

/** One cell of a heat map: how many open risks sit at this likelihood × impact, and how many of them are formally accepted. */
export const heatMapCell = z.object({
  likelihood: z.number().int(),
  impact: z.number().int(),
  levelKey: z.string(),
  count: z.number().int(),
  accepted: z.number().int(),
});
export type HeatMapCell = z.infer<typeof heatMapCell>;

const scoreAt = z.object({ likelihood: z.number().int(), impact: z.number().int(), levelKey: z.string() });

export const topRisk = z.object({
  id: z.uuid(),
  ref: z.string(),
  title: z.string(),
  status: z.enum(riskStatuses),
  ownerName: z.string().nullable(),
  inherent: scoreAt,
  /** The residual score, null when not yet assessed. */
  residual: scoreAt.nullable(),
  standingLevelKey: z.string(),
  isAccepted: z.boolean(),
  isWithinAppetite: z.boolean(),
});
export type TopRisk = z.infer<typeof topRisk>;

/** Open risks of one group (an asset, an owner) by standing level key. */
export const levelBreakdown = z.object({
  id: z.string().nullable(),
  label: z.string(),
  total: z.number().int(),
  byLevel: z.record(z.string(), z.number().int()),
});
export type LevelBreakdown = z.infer<typeof levelBreakdown>;

export const trendPoint = z.object({
  /** yyyy-mm-dd, the organisation's day. */
  date: z.string(),
  openRisks: z.number().int(),
  inherent: z.record(z.string(), z.number().int()),
  residual: z.record(z.string(), z.number().int()),
});
export type TrendPoint = z.infer<typeof trendPoint>;

export const riskInsights = z.object({
  method: insightsMethod,
  openRisks: z.number().int(),
  /** Open risks outside the organisation's appetite at their standing level. */
  aboveAppetite: z.number().int(),
  inherentHeatMap: z.array(heatMapCell),
  residualHeatMap: z.array(heatMapCell),
  /** Open risks without a residual score: placed on the residual map at their current or inherent score. */
  residualNotAssessed: z.number().int(),
  topRisks: z.array(topRisk),
  byAsset: z.array(levelBreakdown),
  byOwner: z.array(levelBreakdown),
  byStatus: z.array(z.object({ status: z.enum(riskStatuses), count: z.number().int() })),
  trend: z.array(trendPoint),
});
export type RiskInsights = z.infer<typeof riskInsights>;

export const riskInsightsQuery = z.strictObject({
  /** How many days of trend, ending today (the organisation's day). */
  days: z.coerce.number().int().min(7).max(730).default(90),
});

export const reportFormat = z.enum(['docx', 'pdf']);
export type ReportFormat = z.infer<typeof reportFormat>;
export const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const pdfType = 'application/pdf';
const tag = 'risk-insights';

/** Risk insights (charts) and the risk reports. */
export const riskInsightsApi = {
  get: apiRoute({
    method: 'GET',
    path: '/risk-insights',
    access: 'risks.read',
    tag,
    summary: 'Heat maps, top risks, risks by asset, owner and status, and the trend',
    query: riskInsightsQuery,
    reply: riskInsights,
  }),
  assessmentDocx: apiRoute({ method: 'GET', path: '/risk-insights/risk-assessment.docx', access: 'risks.read', tag, summary: 'Download the risk assessment report (8.2) as a Word document', reply: fileReply(docxType) }),
  assessmentPdf: apiRoute({ method: 'GET', path: '/risk-insights/risk-assessment.pdf', access: 'risks.read', tag, summary: 'Download the risk assessment report (8.2) as a PDF', reply: fileReply(pdfType) }),
  treatmentDocx: apiRoute({ method: 'GET', path: '/risk-insights/risk-treatment-plan.docx', access: 'risks.read', tag, summary: 'Download the risk treatment plan (6.1.3 e, 8.3) as a Word document', reply: fileReply(docxType) }),
  treatmentPdf: apiRoute({ method: 'GET', path: '/risk-insights/risk-treatment-plan.pdf', access: 'risks.read', tag, summary: 'Download the risk treatment plan (6.1.3 e, 8.3) as a PDF', reply: fileReply(pdfType) }),
};
