import { gapExportUrl } from './gap-api.ts';

/** Downloads the gap analysis workbook (a plain link: the session cookie authenticates the GET). */
export function ExportGapLink() {
  return (
    <a className="button button-secondary" href={gapExportUrl} download>
      Export gap analysis (XLSX)
    </a>
  );
}
