import { createHash } from 'node:crypto';

/**
 * Content-addressed storage for uploaded files: a blob is named by the SHA-256 of its bytes, so the
 * same content is stored once however often it is uploaded, and a stored blob cannot be changed
 * without its name changing. A blob carries no type and no owner: the evidence row that names it says
 * what it is and which organisation may reach it (row-level security), and its type is the one
 * sniffed from its bytes when it was uploaded. Nothing reads a blob except through such a row.
 */
export interface BlobStore {
  /** Where blobs live, for logs and errors ("disk" or "s3"). */
  readonly kind: 'disk' | 's3';
  /** Stores the bytes unless a blob with their SHA-256 is stored already; returns the SHA-256 (hex). */
  put: (bytes: Buffer) => Promise<string>;
  /** The blob's bytes, checked against its name; null when there is none. */
  get: (sha256: string) => Promise<Buffer | null>;
  has: (sha256: string) => Promise<boolean>;
}

const sha256Pattern = /^[0-9a-f]{64}$/;

/** Lower-case hex SHA-256 of the bytes: a blob's name. */
export function blobName(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Refuses a name that is not a SHA-256 in lower-case hex (it becomes a file path or an object key). */
export function assertBlobName(sha256: string): void {
  if (!sha256Pattern.test(sha256)) throw new Error(`Not a blob name: ${JSON.stringify(sha256.slice(0, 80))}`);
}

/** Returns the bytes when they still hash to their name; a changed or damaged blob is an error, never served. */
export function checkedBlob(sha256: string, bytes: Buffer): Buffer {
  if (blobName(bytes) !== sha256) throw new Error(`Stored blob ${sha256} no longer matches its SHA-256; it was changed or damaged outside Custodian.`);
  return bytes;
}
