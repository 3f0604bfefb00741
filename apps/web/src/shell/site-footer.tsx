import { useQuery } from '@tanstack/react-query';
import { systemApi } from '@custodian/shared/contracts/health.ts';
import { call } from '../api/client.ts';

/** Footer: version, database and catalogue in use, and a link to the API documentation. */
export function SiteFooter() {
  const health = useQuery({ queryKey: ['health'], queryFn: () => call(systemApi.health), staleTime: 5 * 60_000 });
  return (
    <footer className="site-footer">
      <p>
        Custodian {health.data ? `version ${health.data.version}` : ''}
        {health.data ? ` · Catalogue ${health.data.catalogue.version} · Database ${health.data.database === 'pglite' ? 'embedded (PGlite)' : 'PostgreSQL'} · Schema ${health.data.migrationVersion}` : ''}
        {health.isError ? ' · Server status unavailable' : ''}
      </p>
      <p>
        <a href="/api/v1/docs">API documentation</a>
      </p>
    </footer>
  );
}
