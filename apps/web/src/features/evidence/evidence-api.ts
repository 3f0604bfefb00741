import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { evidenceApi, type CreateEvidenceBody, type EvidenceDetail, type EvidenceLinkBody, type UpdateEvidenceBody } from '@custodian/shared/contracts/evidence.ts';
import { call } from '../../api/client.ts';

export type EvidenceListInput = NonNullable<CallInput<typeof evidenceApi.list>['query']>;

/** One page of evidence, filtered and sorted by the server. */
export function useEvidenceList(query: EvidenceListInput) {
  return useQuery({ queryKey: ['evidence', 'list', query], queryFn: () => call(evidenceApi.list, { query }), placeholderData: keepPreviousData });
}

/** One item with what it is evidence of. */
export function useEvidenceItem(id: string) {
  return useQuery({ queryKey: ['evidence', 'one', id], queryFn: () => call(evidenceApi.get, { params: { id } }) });
}

/** Adding, changing, deleting and linking evidence; each refreshes the list. */
export function useEvidenceChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['evidence'] });
  const keep = async (detail: EvidenceDetail) => {
    queryClient.setQueryData(['evidence', 'one', detail.id], detail);
    await refresh();
  };
  return {
    create: useMutation({ mutationFn: (body: CreateEvidenceBody) => call(evidenceApi.create, { body }), onSuccess: refresh }),
    update: useMutation({ mutationFn: (input: { id: string; body: UpdateEvidenceBody }) => call(evidenceApi.update, { params: { id: input.id }, body: input.body }), onSuccess: keep }),
    remove: useMutation({ mutationFn: (id: string) => call(evidenceApi.remove, { params: { id } }), onSuccess: refresh }),
    link: useMutation({ mutationFn: (input: { id: string; body: EvidenceLinkBody }) => call(evidenceApi.link, { params: { id: input.id }, body: input.body }), onSuccess: keep }),
    unlink: useMutation({ mutationFn: (input: { id: string; query: EvidenceLinkBody }) => call(evidenceApi.unlink, { params: { id: input.id }, query: input.query }), onSuccess: keep }),
  };
}

/** A file's bytes as base64, for the upload (read in the browser; nothing is sent until the form is saved). */
export async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
