import { useQuery } from '@tanstack/react-query';
import { frameworksApi } from '@custodian/shared/contracts/frameworks.ts';
import { call, urlOf } from '../../api/client.ts';

/*
 * Query keys sit under ['gap', …]: a change of a control's status in the gap analysis invalidates
 * ['gap'], so coverage and the transition view are read again after it.
 */

/** Essential Eight and Australian Privacy Principles coverage from the organisation's Annex A statuses. */
export function useFrameworkCoverage(isEnabled = true) {
  return useQuery({ queryKey: ['gap', 'frameworks', 'coverage'], queryFn: () => call(frameworksApi.coverage), enabled: isEnabled });
}

/** The 93 controls of ISO/IEC 27001:2022 with the 2013 controls that feed each one and today's status. */
export function useTransitionView() {
  return useQuery({ queryKey: ['gap', 'frameworks', 'transition'], queryFn: () => call(frameworksApi.transition) });
}

/** Download addresses of the OSCAL files (plain links: the session cookie authenticates the GET). */
export const oscalUrls = {
  catalog: urlOf(frameworksApi.oscalCatalog),
  profile: urlOf(frameworksApi.oscalProfile),
  ssp: urlOf(frameworksApi.oscalSsp),
};
