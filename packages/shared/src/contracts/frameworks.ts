import { z } from 'zod';
import { apiRoute, fileReply } from './api-route.ts';
import { gapStatuses } from './gap.ts';

/** Coverage of another framework from the organisation's own Annex A statuses (issue 10, part 4). */
const totals = z.object({
  total: z.number().int(),
  covered: z.number().int(),
  partly: z.number().int(),
  notCovered: z.number().int(),
  excluded: z.number().int(),
  percentCovered: z.number().nullable(),
  percentAddressed: z.number().nullable(),
});
export type CoverageTotalsReply = z.infer<typeof totals>;

export const requirementCoverageLabels = { covered: 'Covered', partly: 'Partly covered', not_covered: 'Not covered', excluded: 'Excluded' } as const;
const coverage = z.enum(['covered', 'partly', 'not_covered', 'excluded']);

export const maturityLevelTitles = { ML1: 'Maturity Level One', ML2: 'Maturity Level Two', ML3: 'Maturity Level Three' } as const;
const level = z.enum(['ML1', 'ML2', 'ML3']);

export const frameworkCoverage = z.object({
  essentialEight: z.object({
    title: z.string(),
    attribution: z.string(),
    levels: z.array(z.object({ level, title: z.string(), totals })),
    strategies: z.array(z.object({ id: z.string(), title: z.string(), levels: z.array(z.object({ level, totals })) })),
  }),
  privacyPrinciples: z.object({
    title: z.string(),
    totals,
    principles: z.array(z.object({ id: z.string(), number: z.number().int(), title: z.string(), coverage, controlRefs: z.array(z.string()) })),
  }),
});
export type FrameworkCoverageReply = z.infer<typeof frameworkCoverage>;

export const transitionView = z.object({
  controls: z.array(
    z.object({
      controlId: z.string(),
      ref: z.string(),
      title: z.string(),
      isNew: z.boolean(),
      /** The organisation's status of the 2022 control today. */
      status: z.enum(gapStatuses),
      sources: z.array(z.object({ ref: z.string(), title: z.string() })),
    }),
  ),
  legacyCount: z.number().int(),
  newCount: z.number().int(),
});
export type TransitionViewReply = z.infer<typeof transitionView>;

const tag = 'frameworks';
const json = fileReply('application/json');

export const frameworksApi = {
  coverage: apiRoute({ method: 'GET', path: '/frameworks/coverage', access: 'gap.read', tag, summary: 'Essential Eight and Australian Privacy Principles coverage from the controls register', reply: frameworkCoverage }),
  transition: apiRoute({ method: 'GET', path: '/frameworks/iso27001-2013', access: 'gap.read', tag, summary: 'ISO/IEC 27001:2013 Annex A → 2022: what carries over and what is new', reply: transitionView }),
  oscalCatalog: apiRoute({ method: 'GET', path: '/oscal/catalog.json', access: 'catalogue.read', tag, summary: 'The ISO/IEC 27001:2022 catalogue as an OSCAL 1.1.3 catalog', reply: json }),
  oscalProfile: apiRoute({ method: 'GET', path: '/oscal/profile.json', access: 'catalogue.read', tag, summary: 'An OSCAL profile selecting every control of the catalog (the SSP imports it)', reply: json }),
  oscalSsp: apiRoute({ method: 'GET', path: '/oscal/ssp.json', access: 'gap.export', tag, summary: 'The organisation’s implementation as an OSCAL 1.1.3 system security plan', reply: json }),
};
