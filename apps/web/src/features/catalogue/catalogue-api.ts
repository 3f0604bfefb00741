import { useQuery } from '@tanstack/react-query';
import type { CatalogueReply } from '@custodian/shared/contracts/catalogue.ts';
import { api } from '../../api/client.ts';

/** The whole ISO/IEC 27001:2022 catalogue (it changes only with a release, so it is cached for long). */
export function useCatalogue() {
  return useQuery({ queryKey: ['catalogue'], queryFn: () => api.get<CatalogueReply>('/catalogue'), staleTime: 60 * 60_000 });
}

export const kindLabels = { clause: 'Clause', control: 'Annex A control', document: 'Mandatory document' } as const;
