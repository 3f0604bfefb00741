/**
 * One file of the Stage 1 / Stage 2 auditor pack. Each module that holds records an auditor reads
 * (documents, audits, management reviews…) exports a function from its service returning these; the
 * certification module gathers them into one ZIP with a manifest of SHA-256 hashes.
 */
export interface PackFile {
  /** Path inside the ZIP, forward slashes, no leading slash: `documents/information-security-policy-v2.pdf`. */
  path: string;
  bytes: Uint8Array;
  /** One line for the pack's index: what the file is. */
  description: string;
}
