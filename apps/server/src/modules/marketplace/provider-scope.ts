import type { ProviderKind } from '@custodian/shared/contracts/provider-fields.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { OrgCtx, TxCtx } from '../../core/ctx.ts';
import { todayIn } from '../../lib/dates.ts';
import { findProviderKind } from '../org/org.service.ts';
import { marketplaceTimeZone } from './provider-claims.ts';
import { findProfile, type ProfileRow } from './provider.repo.ts';

/** Today's date in the marketplace's calendar (badges lapse by it). */
export function marketplaceToday(ctx: TxCtx): string {
  return todayIn(marketplaceTimeZone, ctx.now);
}

const notAProvider = 'This organisation is not a provider in the marketplace.';

/** The organisation's provider kind; a 404 in plain words when it is not a provider. */
export async function requireProvider(ctx: OrgCtx): Promise<ProviderKind> {
  const kind = await findProviderKind(ctx);
  if (!kind) throw new AppError('not_found', notAProvider);
  return kind;
}

/** The organisation's profile row (every provider organisation has one from the moment it is made). */
export async function requireProfileRow(ctx: OrgCtx): Promise<ProfileRow> {
  await requireProvider(ctx);
  const row = await findProfile(ctx.tx, ctx.org.id);
  if (!row) throw new AppError('not_found', notAProvider);
  return row;
}

/** Accreditations and the affiliation register are a certification body's; other providers are told so. */
export async function requireCertificationBody(ctx: OrgCtx, what: string): Promise<void> {
  const kind = await requireProvider(ctx);
  if (kind !== 'certification_body') throw new AppError('bad_request', `Only a certification body keeps ${what}.`);
}
