import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { soaApi, type ApproveSoaBody } from '@custodian/shared/contracts/soa.ts';
import { call, urlOf } from '../../api/client.ts';

export function useSoaDraft() {
  return useQuery({ queryKey: ['soa', 'draft'], queryFn: () => call(soaApi.draft) });
}

export function useSoaVersions() {
  return useQuery({ queryKey: ['soa', 'versions'], queryFn: () => call(soaApi.versions) });
}

export function useSoaDiff(from: number | null, to: number | null) {
  return useQuery({
    queryKey: ['soa', 'diff', from, to],
    queryFn: () => call(soaApi.diff, { query: { from: from ?? 1, to: to ?? 1 } }),
    enabled: from !== null && to !== null && from !== to,
  });
}

export function useApproveSoa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApproveSoaBody) => call(soaApi.approve, { body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['soa'] }),
  });
}

/** The addresses of one approved version's three files (plain links: the session cookie authenticates the GET). */
export function soaDownloads(version: number): Array<{ label: string; href: string }> {
  const params = { version };
  return [
    { label: 'Spreadsheet (XLSX)', href: urlOf(soaApi.exportXlsx, { params }) },
    { label: 'Word (DOCX)', href: urlOf(soaApi.exportDocx, { params }) },
    { label: 'PDF', href: urlOf(soaApi.exportPdf, { params }) },
  ];
}
