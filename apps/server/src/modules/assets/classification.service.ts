import { z } from 'zod';
import type { ClassificationScheme, UpdateClassificationSchemeBody } from '@custodian/shared/contracts/assets.ts';
import { classificationLevel, defaultClassificationLevels, type ClassificationLevel } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { lockOrganisation } from '../org/org.service.ts';
import { countAssetsByClassification } from './assets.repo.ts';
import { findSchemeRow, insertSchemeRow, updateSchemeRow, type SchemeRow } from './classification.repo.ts';

const storedLevels = z.array(classificationLevel);

interface Scheme {
  levels: readonly ClassificationLevel[];
  isDefault: boolean;
  version: number;
  updatedAt: string | null;
}

function schemeOf(row: SchemeRow | undefined): Scheme {
  if (!row) return { levels: defaultClassificationLevels, isDefault: true, version: 0, updatedAt: null };
  return { levels: storedLevels.parse(row.levels), isDefault: false, version: row.version, updatedAt: new Date(row.updated_at).toISOString() };
}

/** The organisation's classification levels, lowest first (the default scheme until it saves its own). */
export async function classificationLevels(ctx: OrgCtx): Promise<readonly ClassificationLevel[]> {
  return schemeOf(await findSchemeRow(ctx.tx, ctx.org.id)).levels;
}

/** The label of each level key ("sensitive_health" → "Sensitive health information"). */
export function levelLabels(levels: readonly ClassificationLevel[]): Map<string, string> {
  return new Map(levels.map((level) => [level.key, level.label]));
}

/** Refuses a classification that is not a level of the scheme, naming the levels there are. */
export function assertClassification(levels: readonly ClassificationLevel[], key: string): void {
  if (levels.some((level) => level.key === key)) return;
  const names = levels.map((level) => level.label).join(', ');
  throw new AppError('validation_failed', `Choose one of the organisation's classifications: ${names}.`, [{ path: 'classification', message: `must be one of ${names}` }]);
}

async function replyOf(ctx: OrgCtx, scheme: Scheme): Promise<ClassificationScheme> {
  const counts = await countAssetsByClassification(ctx.tx, ctx.org.id);
  return { levels: scheme.levels.map((level) => ({ ...level, assetCount: counts.get(level.key) ?? 0 })), isDefault: scheme.isDefault, version: scheme.version, updatedAt: scheme.updatedAt };
}

export async function getClassificationScheme(ctx: OrgCtx): Promise<ClassificationScheme> {
  return replyOf(ctx, schemeOf(await findSchemeRow(ctx.tx, ctx.org.id)));
}

/**
 * Replaces the scheme's levels (order, labels, descriptions, new levels), if nobody changed it since
 * `version` was read. A level that assets hold cannot be removed: the organisation's lock makes the
 * check and a new asset (which takes the same lock) wait for each other.
 */
export async function updateClassificationScheme(ctx: OrgCtx, input: UpdateClassificationSchemeBody): Promise<ClassificationScheme> {
  await lockOrganisation(ctx);
  const before = schemeOf(await findSchemeRow(ctx.tx, ctx.org.id));
  if (before.version !== input.version) {
    throw new AppError('edit_conflict', 'Someone else changed the classification scheme after you opened it. Their version is shown: check it, then apply your change again.', {
      current: await replyOf(ctx, before),
    });
  }
  const levels = input.levels.map((level) => ({ key: level.key, label: level.label.trim(), description: level.description.trim() }));
  const kept = new Set(levels.map((level) => level.key));
  const counts = await countAssetsByClassification(ctx.tx, ctx.org.id);
  const stranded = [...counts].filter(([key, n]) => n > 0 && !kept.has(key));
  if (stranded.length > 0) {
    const labels = levelLabels(before.levels);
    const words = stranded.map(([key, n]) => `${labels.get(key) ?? key} (${n} asset${n === 1 ? '' : 's'})`).join(', ');
    throw new AppError('validation_failed', `These levels are still in use and cannot be removed: ${words}. Change those assets to another level first.`, [
      { path: 'levels', message: `still in use: ${words}` },
    ]);
  }
  const values = { levels: JSON.stringify(levels), updated_at: ctx.now, updated_by: ctx.actor.userId };
  const isSaved = before.isDefault ? await insertSchemeRow(ctx.tx, { org_id: ctx.org.id, ...values }) : await updateSchemeRow(ctx.tx, { orgId: ctx.org.id, version: input.version }, values);
  if (!isSaved) throw new AppError('conflict', 'Someone else changed the classification scheme at the same moment. Reload the page and check before trying again.');
  const words = (list: readonly ClassificationLevel[]) => list.map((level) => level.label).join(', ');
  await ctx.audit('asset.scheme_changed', { type: 'classification_scheme', id: ctx.org.id }, { levels: words(before.levels) }, { levels: words(levels) });
  return getClassificationScheme(ctx);
}
