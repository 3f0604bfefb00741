import { loadEssentialEight, essentialEightGroups, essentialEightMapping, MATURITY_LEVELS, type EssentialEight } from '@custodian/catalogue/essential-eight.ts';
import { loadLegacyMapping, type LegacyMapping } from '@custodian/catalogue/iso27001-2013-mapping.ts';
import type { LoadedCatalogue } from '@custodian/catalogue/load-catalogue.ts';
import { exportOscalCatalog, exportOscalProfile } from '@custodian/catalogue/oscal/export-catalog.ts';
import { exportOscalSsp } from '@custodian/catalogue/oscal/export-ssp.ts';
import { loadPrivacyPrinciples, principleId, privacyPrinciplesMapping, type PrivacyPrinciples } from '@custodian/catalogue/privacy-principles.ts';
import { buildTransitionView } from '@custodian/catalogue/transition-view.ts';
import { maturityLevelTitles, type FrameworkCoverageReply, type TransitionViewReply } from '@custodian/shared/contracts/frameworks.ts';
import type { GapStatus } from '@custodian/shared/contracts/gap.ts';
import { assessFrameworkCoverage } from '@custodian/shared/domain/framework-coverage.ts';
import type { OrgCtx, SessionCtx } from '../../core/ctx.ts';
import { evidenceTitlesByControl } from '../evidence/evidence.service.ts';
import { listAllControls } from '../gap/controls.service.ts';
import { getScopeStatement } from '../scope/scope.service.ts';

interface Frameworks {
  checksum: string;
  essentialEight: EssentialEight;
  privacyPrinciples: PrivacyPrinciples;
  legacy: LegacyMapping;
}
let cached: Frameworks | null = null;

/** The mappings, read and checked against the catalogue once per catalogue version (they are data files). */
function frameworksFor(loaded: LoadedCatalogue): Frameworks {
  if (cached?.checksum !== loaded.checksum) {
    const { catalogue } = loaded;
    cached = { checksum: loaded.checksum, essentialEight: loadEssentialEight(catalogue), privacyPrinciples: loadPrivacyPrinciples(catalogue), legacy: loadLegacyMapping(catalogue) };
  }
  return cached;
}

/** Every Annex A control's status as the register holds it (none recorded: not started). */
async function annexStatuses(ctx: OrgCtx): Promise<Map<string, GapStatus>> {
  return new Map((await listAllControls(ctx)).filter((item) => item.source === 'annex_a').map((item) => [item.controlId, item.status]));
}

/** Essential Eight (per maturity level and strategy) and the Privacy Principles, from the register's statuses. */
export async function getFrameworkCoverage(ctx: OrgCtx): Promise<FrameworkCoverageReply> {
  const { essentialEight: e8, privacyPrinciples: apps } = frameworksFor(ctx.deps.catalogue);
  const statuses = await annexStatuses(ctx);
  const e8Coverage = assessFrameworkCoverage(essentialEightMapping(e8), statuses, essentialEightGroups(e8));
  const group = new Map(e8Coverage.groups.map((g) => [g.id, g.totals]));
  const totalsOf = (id: string) => {
    const found = group.get(id);
    if (!found) throw new Error(`the Essential Eight coverage has no group ${id}`);
    return found;
  };
  const appCoverage = assessFrameworkCoverage(privacyPrinciplesMapping(apps), statuses);
  const appResult = new Map(appCoverage.requirements.map((r) => [r.id, r.coverage]));
  const refOf = (id: string) => {
    const entry = ctx.deps.catalogue.byId.get(id);
    return entry?.kind === 'control' ? entry.item.ref : id;
  };
  return {
    essentialEight: {
      title: e8.title,
      attribution: e8.attribution,
      levels: MATURITY_LEVELS.map((level) => ({ level, title: maturityLevelTitles[level], totals: totalsOf(level) })),
      strategies: e8.strategies.map((strategy) => ({ id: strategy.id, title: strategy.title, levels: MATURITY_LEVELS.map((level) => ({ level, totals: totalsOf(`${strategy.id}:${level}`) })) })),
    },
    privacyPrinciples: {
      title: apps.title,
      totals: appCoverage.totals,
      principles: apps.principles.map((p) => ({
        id: principleId(p.number),
        number: p.number,
        title: p.title,
        coverage: appResult.get(principleId(p.number)) ?? 'not_covered',
        controlRefs: p.annexA.map(refOf),
      })),
    },
  };
}

/** Each 2022 control with the 2013 controls that feed it and the organisation's status of it today. */
export async function getTransitionView(ctx: OrgCtx): Promise<TransitionViewReply> {
  const { legacy } = frameworksFor(ctx.deps.catalogue);
  const statuses = await annexStatuses(ctx);
  const view = buildTransitionView(ctx.deps.catalogue.catalogue, legacy, new Map());
  return {
    controls: view.controls.map((control) => ({
      controlId: control.id,
      ref: control.ref,
      title: control.title,
      isNew: control.isNew,
      status: statuses.get(control.id) ?? 'not_started',
      sources: control.sources.map((source) => ({ ref: source.ref, title: source.title })),
    })),
    legacyCount: legacy.controls.length,
    newCount: view.newControlIds.length,
  };
}

const asFile = (name: string, document: unknown) => ({ fileName: name, body: Buffer.from(`${JSON.stringify(document, null, 2)}\n`) });

/** The catalogue and its whole-catalogue profile: the same for everyone, dated now. */
export function oscalCatalog(ctx: SessionCtx): { fileName: string; body: Buffer } {
  return asFile('catalog.json', exportOscalCatalog(ctx.deps.catalogue.catalogue, { lastModified: ctx.now.toISOString() }));
}

export function oscalProfile(ctx: SessionCtx): { fileName: string; body: Buffer } {
  return asFile('profile.json', exportOscalProfile(ctx.deps.catalogue.catalogue, { lastModified: ctx.now.toISOString(), catalogHref: 'catalog.json' }));
}

/** The organisation's implementation of every Annex A control as an OSCAL system security plan (imports profile.json). */
export async function oscalSsp(ctx: OrgCtx): Promise<{ fileName: string; body: Buffer }> {
  const controls = (await listAllControls(ctx)).filter((item) => item.source === 'annex_a');
  const scope = await getScopeStatement(ctx);
  const evidence = await evidenceTitlesByControl(ctx);
  const ssp = exportOscalSsp({
    organisationName: ctx.org.name,
    generatedAt: ctx.now.toISOString(),
    catalogue: ctx.deps.catalogue.catalogue,
    profileHref: 'profile.json',
    scopeStatement: scope.summary || null,
    controls: controls.map((item) => ({
      id: item.controlId,
      applicable: item.isApplicable,
      justification: item.isApplicable ? null : item.justification,
      status: item.status,
      implementationDescription: item.implementation || null,
      ownerName: item.ownerName,
      evidenceTitles: evidence.get(item.controlId) ?? [],
    })),
  });
  return asFile('ssp.json', ssp);
}
