import type { EvidenceStoreConfig } from '../../config.ts';
import type { BlobStore } from './blob-store.ts';
import { createDiskBlobStore } from './disk-blob-store.ts';
import { createS3BlobStore } from './s3-blob-store.ts';

/** The blob store the settings name: a folder (EVIDENCE_DIR) or an S3-compatible bucket (S3_*). */
export function openBlobStore(settings: EvidenceStoreConfig): BlobStore {
  if (settings.kind === 'disk') return createDiskBlobStore(settings.dir);
  const { kind: _kind, ...s3 } = settings;
  return createS3BlobStore(s3);
}
