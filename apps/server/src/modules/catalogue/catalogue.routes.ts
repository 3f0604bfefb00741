import { catalogueApi } from '@custodian/shared/contracts/catalogue.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { describeCatalogueCache, getCatalogueItem, getCatalogueJson, searchCatalogue } from './catalogue.service.ts';

/** Read-only ISO/IEC 27001:2022 catalogue: clauses, Annex A controls, mandatory documents. */
export const catalogueRoutes = [
  defineRoute(catalogueApi.all, {
    // Immutable per checksum: checked and serialised once, cached by the browser, revalidated by ETag.
    handler: async (ctx, { query }) => describeCatalogueCache(ctx.deps.catalogue, query.v),
    respond: (cache, http) => {
      http.header('etag', cache.etag);
      http.header('cache-control', cache.cacheControl);
      if (http.requestHeader('if-none-match') === cache.etag) return http.notModified();
      return http.rawJson(getCatalogueJson(cache.loaded));
    },
  }),
  defineRoute(catalogueApi.search, { handler: async (ctx, { query }) => searchCatalogue(ctx.deps.catalogue, query) }),
  defineRoute(catalogueApi.item, { handler: async (ctx, { params }) => getCatalogueItem(ctx.deps.catalogue, params.itemId) }),
];
