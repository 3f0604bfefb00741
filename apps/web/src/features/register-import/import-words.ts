import type { ImportCounts } from '@custodian/shared/contracts/register-import.ts';

/** "50,000 rows", "1 row". */
export function countOf(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-AU')} ${count === 1 ? one : many}`;
}

/** "3 assets, 2 links between assets" — what an import adds, in words. */
export function describeCounts(counts: ImportCounts): string {
  const parts = [
    counts.assets > 0 ? countOf(counts.assets, 'asset', 'assets') : '',
    counts.assetLinks > 0 ? countOf(counts.assetLinks, 'link between assets', 'links between assets') : '',
    counts.risks > 0 ? countOf(counts.risks, 'risk', 'risks') : '',
    counts.treatmentTasks > 0 ? countOf(counts.treatmentTasks, 'treatment task', 'treatment tasks') : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}
