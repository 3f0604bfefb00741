import { useQuery } from '@tanstack/react-query';
import { catalogueApi } from '@custodian/shared/contracts/catalogue.ts';
import { call } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';

/**
 * The whole ISO/IEC 27001:2022 catalogue. It is asked for by the checksum the session reports, so the
 * browser may keep the reply for a long time and a new release is fetched as soon as the server runs it.
 */
export function useCatalogue() {
  const checksum = useSession().data?.catalogue.checksum;
  return useQuery({
    queryKey: ['catalogue', checksum],
    queryFn: () => call(catalogueApi.all, { query: { v: checksum } }),
    enabled: checksum !== undefined,
    staleTime: Infinity,
  });
}

export const kindLabels = { clause: 'Clause', control: 'Annex A control', document: 'Mandatory document' } as const;
