import { providersApi } from '@custodian/shared/contracts/providers.ts';
import { defineRoute, type HttpControl } from '../../http/route-kit.ts';
import { getDirectoryProfile, listDirectory } from './directory.service.ts';
import {
  createAccreditation,
  createAffiliation,
  createProviderOrg,
  deleteAccreditation,
  deleteAffiliation,
  downloadCertificate,
  getProviderProfile,
  listAccreditations,
  listAffiliations,
  updateAccreditation,
  updateAffiliation,
  updateProviderProfile,
} from './provider.service.ts';

const ok = { ok: true as const };

/** A certificate upload is sent as base64 in JSON: 5 MB of file is about 6.7 MB of request. */
const uploadLimit = 8 * 1024 * 1024;

/** A downloaded certificate, under a file name safe in a header, with the type sniffed when it was uploaded. */
export function certificateReply(file: { name: string; type: string; bytes: Buffer }, http: HttpControl) {
  return http.file(file.name.replace(/[^A-Za-z0-9._ -]/g, '_'), file.bytes, file.type);
}

/** A provider's own profile, accreditations and affiliations, and the public directory. */
export const providerRoutes = [
  defineRoute(providersApi.createOrg, { handler: (ctx, { body }) => createProviderOrg(ctx, body) }),
  defineRoute(providersApi.profile, { handler: (ctx) => getProviderProfile(ctx) }),
  defineRoute(providersApi.updateProfile, { handler: (ctx, { body }) => updateProviderProfile(ctx, body) }),
  defineRoute(providersApi.accreditations, { handler: (ctx) => listAccreditations(ctx) }),
  defineRoute(providersApi.createAccreditation, { bodyLimit: uploadLimit, handler: (ctx, { body }) => createAccreditation(ctx, body) }),
  defineRoute(providersApi.updateAccreditation, { bodyLimit: uploadLimit, handler: (ctx, { params, body }) => updateAccreditation(ctx, params.id, body) }),
  defineRoute(providersApi.deleteAccreditation, { handler: async (ctx, { params }) => (await deleteAccreditation(ctx, params.id), ok) }),
  defineRoute(providersApi.certificate, { handler: (ctx, { params }) => downloadCertificate(ctx, params.id), respond: (file, http) => certificateReply(file, http) }),
  defineRoute(providersApi.affiliations, { handler: (ctx) => listAffiliations(ctx) }),
  defineRoute(providersApi.createAffiliation, { handler: (ctx, { body }) => createAffiliation(ctx, body) }),
  defineRoute(providersApi.updateAffiliation, { handler: (ctx, { params, body }) => updateAffiliation(ctx, params.id, body) }),
  defineRoute(providersApi.deleteAffiliation, { handler: async (ctx, { params }) => (await deleteAffiliation(ctx, params.id), ok) }),
  defineRoute(providersApi.directory, { handler: (ctx, { query }) => listDirectory(ctx, query) }),
  defineRoute(providersApi.directoryProfile, { handler: (ctx, { params }) => getDirectoryProfile(ctx, params.slug) }),
];
