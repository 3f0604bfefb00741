import { certificationApi, manifestHashHeader } from '@custodian/shared/contracts/certification.ts';
import { defineRoute } from '../../http/route-kit.ts';
import {
  buildAuditorPack,
  createCertificate,
  deleteCertificate,
  getCertificate,
  listCertificates,
  makeCertificateCurrent,
  renderAuditorPack,
  updateCertificate,
  updateCertificationAudit,
} from './certification.service.ts';

/** The certification cycle: certificates, the audits of each cycle, and the auditor pack. */
export const certificationRoutes = [
  defineRoute(certificationApi.list, { handler: (ctx) => listCertificates(ctx) }),
  defineRoute(certificationApi.get, { handler: (ctx, { params }) => getCertificate(ctx, params.id) }),
  defineRoute(certificationApi.create, { handler: (ctx, { body }) => createCertificate(ctx, body) }),
  defineRoute(certificationApi.update, { handler: (ctx, { params, body }) => updateCertificate(ctx, params.id, body) }),
  defineRoute(certificationApi.makeCurrent, { handler: (ctx, { params, body }) => makeCertificateCurrent(ctx, params.id, body.version) }),
  defineRoute(certificationApi.remove, { handler: async (ctx, { params }) => (await deleteCertificate(ctx, params.id), { ok: true as const }) }),
  defineRoute(certificationApi.updateAudit, { handler: (ctx, { params, body }) => updateCertificationAudit(ctx, params.id, params.kind, body) }),
  // The files are read and rendered in the request's one snapshot; the ZIP is written after the commit.
  defineRoute(certificationApi.auditorPack, {
    handler: (ctx) => buildAuditorPack(ctx),
    respond: async (pack, http) => {
      const file = await renderAuditorPack(pack);
      http.header(manifestHashHeader, file.manifestSha256);
      return http.file(file.fileName, file.body);
    },
  }),
];
