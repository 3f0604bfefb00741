import { maxEvidenceFileBytes, type EvidenceFileType, type EvidenceUpload } from '@custodian/shared/contracts/evidence.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { BlobStore } from '../../lib/blob-store/blob-store.ts';
import { evidenceFileName, sniffEvidenceType } from './evidence-sniff.ts';

/** An uploaded file once checked and stored: its kept name, sniffed type, size and SHA-256. */
export interface StoredFile {
  name: string;
  type: EvidenceFileType;
  size: number;
  sha256: string;
}

const allowedWords = 'a PDF, a Word or Excel document (.docx, .xlsx), a PNG or JPEG image, or a plain text or CSV file';

/**
 * Checks an upload and stores it: at most 25 MB, a type on the allow-list told from its bytes (a
 * program renamed ".pdf" is refused before anything is stored), kept once by SHA-256. Runs outside the
 * request's transaction (the hashing and the write are slow work).
 */
export async function storeUpload(blobs: BlobStore, upload: EvidenceUpload): Promise<StoredFile> {
  const bytes = Buffer.from(upload.contentBase64, 'base64');
  if (bytes.length === 0) throw new AppError('validation_failed', 'The file is empty.', [{ path: 'file.contentBase64', message: 'is empty' }]);
  if (bytes.length > maxEvidenceFileBytes) {
    throw new AppError('payload_too_large', `"${upload.fileName}" is larger than 25 MB. Save it smaller (a PDF, or a picture at a lower resolution), or split it, and try again.`);
  }
  const type = sniffEvidenceType(bytes, upload.fileName);
  if (!type) {
    throw new AppError(
      'unsupported_media_type',
      `"${upload.fileName}" cannot be kept as evidence: it is not ${allowedWords}. Custodian checks what the file really contains, not its name. Save it as one of those (for example print it to PDF) and try again.`,
    );
  }
  const sha256 = await blobs.put(bytes);
  return { name: evidenceFileName(upload.fileName, type), type, size: bytes.length, sha256 };
}

/** A download's name safe in a header: letters, digits and a few marks kept, anything else an underscore. */
export function downloadName(name: string): string {
  return name.replace(/[^A-Za-z0-9._ ()-]/g, '_').slice(0, 200) || 'evidence';
}

/** Reads a stored file back; a blob missing from the store is the server's fault (500), never the person's. */
export async function readStoredFile(blobs: BlobStore, sha256: string): Promise<Buffer> {
  const bytes = await blobs.get(sha256);
  if (!bytes) throw new Error(`Evidence file ${sha256} is missing from the ${blobs.kind} store`);
  return bytes;
}

