import type { MandatoryDocumentsReply } from '@custodian/shared/contracts/documents.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { getScopeStatement } from '../scope/scope.service.ts';
import { listSoaVersions } from '../soa/soa.service.ts';
import { allDocumentRows } from './documents.repo.ts';

const scopeId = 'iso27001:2022:doc:isms-scope';
const soaId = 'iso27001:2022:doc:statement-of-applicability';

/**
 * The catalogue's mandatory documented information as a checklist. An item is met by an approved
 * document linked to it (its `mandatoryId`); the scope and the Statement of Applicability are also met
 * by the approvals their own modules record (an approved current scope statement, an approved SoA version).
 */
export async function mandatoryChecklist(ctx: OrgCtx): Promise<MandatoryDocumentsReply> {
  const documents = (await allDocumentRows(ctx.tx, ctx.org.id)).filter((row) => row.approved_number !== null && row.mandatory_id !== null);
  const scope = await getScopeStatement(ctx);
  const soaVersions = (await listSoaVersions(ctx)).items;
  const items = ctx.deps.catalogue.catalogue.documents.map((entry) => {
    const linked = documents.find((row) => row.mandatory_id === entry.id);
    if (linked) {
      return { id: entry.id, title: entry.title, isMet: true, how: `Approved document: ${linked.name}`, documentId: linked.id };
    }
    if (entry.id === scopeId && scope.isApproved) return { id: entry.id, title: entry.title, isMet: true, how: `Approved scope statement (revision ${scope.revision})`, documentId: null };
    const latestSoa = soaVersions.reduce<(typeof soaVersions)[number] | undefined>((best, v) => (!best || v.version > best.version ? v : best), undefined);
    if (entry.id === soaId && latestSoa) return { id: entry.id, title: entry.title, isMet: true, how: `Approved Statement of Applicability (version ${latestSoa.version})`, documentId: null };
    return { id: entry.id, title: entry.title, isMet: false, how: 'Not yet approved: link an approved document to it from the document’s details.', documentId: null };
  });
  const done = items.filter((item) => item.isMet).length;
  return { items, done, total: items.length };
}
