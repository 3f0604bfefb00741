import { riskInsightsApi } from '@custodian/shared/contracts/risk-insights.ts';
import { snapshotAllOrganisations } from '../../../src/modules/risk-insights/risk-insights.service.ts';
import { docxParagraphs, pdfText } from '../../read-document.ts';
import { insertAsset, insertMethod, insertRisks } from '../../risk-register-fixtures.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter } from '../world.ts';

/**
 * A risk register of org A whose risk title, treatment notes, task and asset name carry a canary,
 * with an acceptance and today's snapshot: nobody outside org A may ever see any of it (the charts and
 * the reports read all of these tables). Written as the database owner with refs of its own, so it
 * sits beside the registers' own canaries without taking their next refs or method version.
 */
export const riskInsightsCanaries: readonly CanaryPlanter[] = [
  {
    kind: 'riskTitle',
    plant: async (world, text) => {
      const orgId = world.orgA.id;
      const ownerId = world.userIds.owner;
      await insertMethod(world.server, orgId);
      await insertAsset(world.server, orgId, { ref: 'INSIGHTS-A1', name: `Server ${text}` });
      await insertRisks(world.server, orgId, [
        {
          ref: 'INSIGHTS-R1',
          title: `Ransomware ${text}`,
          inherent: { likelihood: 4, impact: 5 },
          residual: { likelihood: 2, impact: 2 },
          treatment: 'modify',
          treatmentNotes: `Notes ${text}`,
          status: 'accepted',
          ownerUserId: ownerId,
          assetRefs: ['INSIGHTS-A1'],
          tasks: [{ title: `Task ${text}`, ownerUserId: ownerId, controlIds: ['iso27001:2022:A.8.13'] }],
          acceptance: { byUserId: ownerId, note: `Accepted ${text}` },
        },
      ]);
      await snapshotAllOrganisations(world.server.deps, world.server.app.log);
    },
  },
];

/** Risk insights and the risk reports. */
const docxText = async (raw: Buffer) => (await docxParagraphs(raw)).join('\n');

/** Risk insights and the risk reports (the reports' text is read back, so a canary in them is found). */
export const riskInsightsInventory: readonly InventoryEntry[] = [
  { ...fromRoute(riskInsightsApi.get), request: () => ({ query: { days: '30' } }) },
  { ...fromRoute(riskInsightsApi.assessmentDocx), bodyText: docxText },
  { ...fromRoute(riskInsightsApi.assessmentPdf), bodyText: pdfText },
  { ...fromRoute(riskInsightsApi.treatmentDocx), bodyText: docxText },
  { ...fromRoute(riskInsightsApi.treatmentPdf), bodyText: pdfText },
];
