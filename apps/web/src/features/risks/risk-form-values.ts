import type { CreateRiskBody, Risk, UpdateRiskBody } from '@custodian/shared/contracts/risks.ts';
import { riskStatusLabels, treatmentLabels, type RiskStatus, type TreatmentOption } from '@custodian/shared/contracts/risk-vocabulary.ts';
import type { RiskMethodDefinition } from '@custodian/shared/domain/risk-matrix.ts';
import type { ConflictFields } from '../../lib/edit-conflict.ts';
import { formatDate } from '../../lib/format.ts';

/** What the risk form holds: every field as the inputs hold it (text; '' for "not set"). */
export interface RiskFormValues {
  title: string;
  threat: string;
  vulnerability: string;
  description: string;
  ownerUserId: string;
  inherentLikelihood: string;
  inherentImpact: string;
  currentLikelihood: string;
  currentImpact: string;
  residualLikelihood: string;
  residualImpact: string;
  treatment: string;
  treatmentNotes: string;
  status: string;
  nextReviewOn: string;
  /** The chosen assets' ids, comma-separated, in the order chosen. */
  assetIds: string;
}

export const riskFieldLabels: Record<string, string> = {
  title: 'Title',
  threat: 'Threat (what could happen)',
  vulnerability: 'Vulnerability (the weakness it exploits)',
  description: 'Description',
  ownerUserId: 'Risk owner',
  inherent: 'Inherent risk (before any controls)',
  current: 'Current risk (with the controls in place now)',
  residual: 'Residual risk (after the planned treatment)',
  treatment: 'Treatment',
  treatmentNotes: 'Treatment notes',
  status: 'Status',
  nextReviewOn: 'Next review',
  assetIds: 'Assets at risk',
  ref: 'Reference',
  note: 'Note',
};

export function emptyRiskValues(nextReviewOn: string): RiskFormValues {
  return {
    title: '',
    threat: '',
    vulnerability: '',
    description: '',
    ownerUserId: '',
    inherentLikelihood: '',
    inherentImpact: '',
    currentLikelihood: '',
    currentImpact: '',
    residualLikelihood: '',
    residualImpact: '',
    treatment: '',
    treatmentNotes: '',
    status: 'identified',
    nextReviewOn,
    assetIds: '',
  };
}

/** The form's asset value as a list of ids. */
export function splitAssetIds(value: string): string[] {
  return value.split(',').filter((id) => id.length > 0);
}

/** A list of asset ids as the form's value. */
export function joinAssetIds(ids: readonly string[]): string {
  return ids.join(',');
}

const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

export function riskValues(risk: Risk): RiskFormValues {
  return {
    title: risk.title,
    threat: risk.threat,
    vulnerability: risk.vulnerability,
    description: risk.description,
    ownerUserId: risk.ownerUserId ?? '',
    inherentLikelihood: text(risk.inherent.likelihood),
    inherentImpact: text(risk.inherent.impact),
    currentLikelihood: text(risk.current?.likelihood),
    currentImpact: text(risk.current?.impact),
    residualLikelihood: text(risk.residual?.likelihood),
    residualImpact: text(risk.residual?.impact),
    treatment: risk.treatment ?? '',
    treatmentNotes: risk.treatmentNotes,
    status: risk.status,
    nextReviewOn: risk.nextReviewOn ?? '',
    assetIds: joinAssetIds(risk.assets.map((asset) => asset.id)),
  };
}

function pair(likelihood: string, impact: string): { likelihood: number; impact: number } | null {
  return likelihood === '' || impact === '' ? null : { likelihood: Number(likelihood), impact: Number(impact) };
}

/** The body of a new risk (the inherent score is required; the server refuses a missing one in plain words). */
export function createBody(values: RiskFormValues, extra: { threatId: string | null; firstTask?: { title: string; controlIds: string[] } }): CreateRiskBody {
  return {
    title: values.title,
    threat: values.threat,
    vulnerability: values.vulnerability,
    description: values.description,
    threatId: extra.threatId,
    ownerUserId: values.ownerUserId || null,
    inherent: pair(values.inherentLikelihood, values.inherentImpact) ?? { likelihood: 0, impact: 0 },
    current: pair(values.currentLikelihood, values.currentImpact),
    residual: pair(values.residualLikelihood, values.residualImpact),
    treatment: (values.treatment || null) as TreatmentOption | null,
    treatmentNotes: values.treatmentNotes,
    status: values.status as RiskStatus,
    nextReviewOn: values.nextReviewOn || null,
    assetIds: splitAssetIds(values.assetIds),
    ...(extra.firstTask ? { firstTask: extra.firstTask } : {}),
  };
}

/** Only the fields that changed, with the version read. */
export function updateBody(version: number, changes: Partial<RiskFormValues>, values: RiskFormValues): UpdateRiskBody {
  const body: UpdateRiskBody = { version };
  for (const key of ['title', 'threat', 'vulnerability', 'description', 'treatmentNotes'] as const) {
    if (changes[key] !== undefined) body[key] = changes[key];
  }
  if (changes.ownerUserId !== undefined) body.ownerUserId = changes.ownerUserId || null;
  if (changes.treatment !== undefined) body.treatment = (changes.treatment || null) as TreatmentOption | null;
  if (changes.status !== undefined) body.status = changes.status as RiskStatus;
  if (changes.nextReviewOn !== undefined) body.nextReviewOn = changes.nextReviewOn || null;
  if (changes.assetIds !== undefined) body.assetIds = splitAssetIds(changes.assetIds);
  if (changes.inherentLikelihood !== undefined || changes.inherentImpact !== undefined) body.inherent = pair(values.inherentLikelihood, values.inherentImpact) ?? { likelihood: 0, impact: 0 };
  if (changes.currentLikelihood !== undefined || changes.currentImpact !== undefined) body.current = pair(values.currentLikelihood, values.currentImpact);
  if (changes.residualLikelihood !== undefined || changes.residualImpact !== undefined) body.residual = pair(values.residualLikelihood, values.residualImpact);
  return body;
}

/** How each field reads in the edit-conflict table. */
export function riskConflictFields(method: RiskMethodDefinition, ownerNames: Map<string, string>, assetNames: Map<string, string>): ConflictFields<RiskFormValues> {
  const plain = (label: string) => ({ label, format: (value: string) => value || 'none' });
  const likelihood = (label: string) => ({ label, format: (value: string) => method.likelihood[Number(value) - 1]?.label ?? 'none' });
  const impact = (label: string) => ({ label, format: (value: string) => method.impact[Number(value) - 1]?.label ?? 'none' });
  return {
    title: plain('Title'),
    threat: plain('Threat'),
    vulnerability: plain('Vulnerability'),
    description: plain('Description'),
    ownerUserId: { label: 'Risk owner', format: (value) => (value ? (ownerNames.get(value) ?? 'another member') : 'No owner') },
    inherentLikelihood: likelihood('Inherent likelihood'),
    inherentImpact: impact('Inherent impact'),
    currentLikelihood: likelihood('Current likelihood'),
    currentImpact: impact('Current impact'),
    residualLikelihood: likelihood('Residual likelihood'),
    residualImpact: impact('Residual impact'),
    treatment: { label: 'Treatment', format: (value) => (value ? treatmentLabels[value as TreatmentOption] : 'Not decided') },
    treatmentNotes: plain('Treatment notes'),
    status: { label: 'Status', format: (value) => riskStatusLabels[value as RiskStatus] ?? value },
    nextReviewOn: { label: 'Next review', format: (value) => (value ? formatDate(value) : 'Not set') },
    assetIds: { label: 'Assets at risk', format: (value) => splitAssetIds(value).map((id) => assetNames.get(id) ?? 'another asset').join(', ') || 'none' },
  };
}

/** Today's date (yyyy-mm-dd) in a time zone. */
export function todayInZone(timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? 'Australia/Sydney', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
