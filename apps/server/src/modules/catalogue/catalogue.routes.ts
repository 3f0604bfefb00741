import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { catalogueItem, catalogueItemParams, catalogueReply, catalogueSearchQuery } from '@custodian/shared/contracts/catalogue.ts';
import { pageOf } from '@custodian/shared/contracts/common.ts';
import type { AppDeps } from '../../http/context.ts';
import { getCatalogue, getCatalogueItem, getCatalogueJson, searchCatalogue } from './catalogue.service.ts';

const tags = ['catalogue'];

/** Read-only ISO/IEC 27001:2022 catalogue: clauses, Annex A controls, mandatory documents. */
export function catalogueRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/catalogue', {
      config: { access: 'catalogue.read' },
      schema: { tags, summary: 'The whole catalogue', response: { 200: catalogueReply } },
      handler: async (_request, reply) => {
        // Immutable per checksum: checked and serialised once (getCatalogueJson), not on every request.
        reply.header('etag', `"${deps.catalogue.checksum}"`).type('application/json; charset=utf-8').serializer(() => getCatalogueJson(deps.catalogue));
        return getCatalogue(deps.catalogue);
      },
    });
    app.get('/catalogue/search', {
      config: { access: 'catalogue.read' },
      schema: { tags, summary: 'Search the catalogue', querystring: catalogueSearchQuery, response: { 200: pageOf(catalogueItem) } },
      handler: async (request) => searchCatalogue(deps.catalogue, request.query),
    });
    app.get('/catalogue/items/:itemId', {
      config: { access: 'catalogue.read' },
      schema: { tags, summary: 'One catalogue item', params: catalogueItemParams, response: { 200: catalogueItem } },
      handler: async (request) => getCatalogueItem(deps.catalogue, request.params.itemId),
    });
  };
}
