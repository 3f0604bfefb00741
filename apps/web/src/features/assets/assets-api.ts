import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { assetsApi, type AddAssetLinkBody, type AssetDetail, type CreateAssetBody, type UpdateAssetBody, type UpdateClassificationSchemeBody } from '@custodian/shared/contracts/assets.ts';
import type { AssetRelation } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { call } from '../../api/client.ts';

export type AssetListInput = NonNullable<CallInput<typeof assetsApi.list>['query']>;

/** One page of the asset register, filtered and sorted by the server. */
export function useAssets(query: AssetListInput, isEnabled = true) {
  return useQuery({ queryKey: ['assets', 'list', query], queryFn: () => call(assetsApi.list, { query }), placeholderData: keepPreviousData, enabled: isEnabled });
}

/** One asset with its links both ways. */
export function useAsset(id: string) {
  return useQuery({ queryKey: ['assets', 'one', id], queryFn: () => call(assetsApi.get, { params: { id } }) });
}

/** The organisation's classification scheme (the default until a manager saves one). */
export function useClassificationScheme() {
  return useQuery({ queryKey: ['assets', 'scheme'], queryFn: () => call(assetsApi.scheme) });
}

/** Adding, changing and deleting assets and their links; each refreshes the register. */
export function useAssetChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['assets'] });
  const keep = async (detail: AssetDetail) => {
    queryClient.setQueryData(['assets', 'one', detail.id], detail);
    await refresh();
  };
  return {
    create: useMutation({ mutationFn: (body: CreateAssetBody) => call(assetsApi.create, { body }), onSuccess: refresh }),
    update: useMutation({ mutationFn: (input: { id: string; body: UpdateAssetBody }) => call(assetsApi.update, { params: { id: input.id }, body: input.body }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => call(assetsApi.remove, { params: { id } }), onSuccess: refresh }),
    addLink: useMutation({ mutationFn: (input: { id: string; body: AddAssetLinkBody }) => call(assetsApi.addLink, { params: { id: input.id }, body: input.body }), onSuccess: keep }),
    removeLink: useMutation({
      mutationFn: (input: { id: string; toAssetId: string; relation: AssetRelation }) => call(assetsApi.removeLink, { params: input }),
      onSuccess: keep,
    }),
  };
}

/** Saves the whole classification scheme with the version the editor read. */
export function useUpdateClassificationScheme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateClassificationSchemeBody) => call(assetsApi.updateScheme, { body }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['assets', 'scheme'], saved);
      await queryClient.invalidateQueries({ queryKey: ['assets', 'list'] });
    },
  });
}
