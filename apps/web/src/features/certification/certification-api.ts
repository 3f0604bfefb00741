import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  certificationApi,
  type CertificationAuditKind,
  type CreateCertificateBody,
  type UpdateCertificateBody,
  type UpdateCertificationAuditBody,
} from '@custodian/shared/contracts/certification.ts';
import { quotesApi } from '@custodian/shared/contracts/quotes.ts';
import { call } from '../../api/client.ts';

/** The organisation's certificates, the current one first. */
export function useCertificates() {
  return useQuery({ queryKey: ['certification'], queryFn: () => call(certificationApi.list) });
}

/** The organisation's marketplace engagements, to link one to a certificate (only for those who may read the marketplace). */
export function useEngagementOptions(isAllowed: boolean) {
  return useQuery({ queryKey: ['marketplace', 'engagements'], queryFn: () => call(quotesApi.engagements), enabled: isAllowed });
}

/** Every change to the cycle, each refreshing the certificates. */
export function useCertificationChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['certification'] });
  return {
    create: useMutation({ mutationFn: (body: CreateCertificateBody) => call(certificationApi.create, { body }), onSuccess: refresh }),
    // Read again after a refusal too: a 409 means the list shows an older version than the one saved.
    update: useMutation({ mutationFn: (input: { id: string; body: UpdateCertificateBody }) => call(certificationApi.update, { params: { id: input.id }, body: input.body }), onSettled: refresh }),
    makeCurrent: useMutation({ mutationFn: (input: { id: string; version: number }) => call(certificationApi.makeCurrent, { params: { id: input.id }, body: { version: input.version } }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => call(certificationApi.remove, { params: { id } }), onSuccess: refresh }),
    updateAudit: useMutation({
      mutationFn: (input: { id: string; kind: CertificationAuditKind; body: UpdateCertificationAuditBody }) => call(certificationApi.updateAudit, { params: { id: input.id, kind: input.kind }, body: input.body }),
      onSettled: refresh,
    }),
  };
}
