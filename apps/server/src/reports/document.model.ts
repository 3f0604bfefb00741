/**
 * A document as plain data: what every DOCX and PDF of documented information is built from (the scope
 * statement, the risk assessment report, the risk treatment plan, and later policies and minutes). A
 * report builds one of these from the organisation's records; `render-document-docx.ts` and
 * `render-document-pdf.ts` turn the same model into either file, so the two never say different things.
 */

/** One row of the document-control block printed under the title (organisation, version, approver…). */
export interface ControlEntry {
  label: string;
  value: string;
}

export interface TableColumn {
  header: string;
  /** Relative width (default 1): a column of 3 is three times as wide as a column of 1. */
  weight?: number;
}

export type DocumentBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; columns: TableColumn[]; rows: string[][]; empty?: string };

export interface DocumentSection {
  heading: string;
  blocks: DocumentBlock[];
}

export interface DocumentModel {
  title: string;
  /** Printed small under the title, e.g. "ISO/IEC 27001:2022 clause 4.3". */
  subtitle?: string;
  control: ControlEntry[];
  sections: DocumentSection[];
  /** Printed at the end, e.g. how the document was generated. */
  footnote?: string;
  /** Landscape pages for wide registers. */
  isLandscape?: boolean;
}
