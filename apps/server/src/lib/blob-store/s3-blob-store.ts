import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { assertBlobName, blobName, checkedBlob, type BlobStore } from './blob-store.ts';

/** Where an S3-compatible store is and how to sign in to it (config.ts reads these from the environment). */
export interface S3Settings {
  /** The store's address (MinIO, Ceph, Backblaze, a local test server); null for AWS S3 itself. */
  endpoint: string | null;
  region: string;
  bucket: string;
  /** Both or neither; neither uses the SDK's own chain (an instance or container role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  /** Bucket in the path (`host/bucket/key`) rather than the host name: most S3-compatible servers need it. */
  forcePathStyle: boolean;
}

function isNotFound(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404;
}

/**
 * Blobs as objects in an S3-compatible bucket, keyed `blobs/ab/abcd…` by SHA-256. S3 writes an object
 * whole or not at all, so a put needs no temporary name; a blob already present is not sent again.
 */
export function createS3BlobStore(settings: S3Settings): BlobStore {
  const client = new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    // Checksums only where S3 requires them: several S3-compatible servers refuse the SDK's default
    // trailing CRC32 on uploads. Each blob is checked against its SHA-256 when read instead.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
  });
  const keyOf = (sha256: string) => {
    assertBlobName(sha256);
    return `blobs/${sha256.slice(0, 2)}/${sha256}`;
  };
  const has = async (sha256: string) => {
    try {
      await client.send(new HeadObjectCommand({ Bucket: settings.bucket, Key: keyOf(sha256) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  };
  return {
    kind: 's3',
    has,
    put: async (bytes) => {
      const sha256 = blobName(bytes);
      if (await has(sha256)) return sha256;
      await client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: keyOf(sha256), Body: bytes, ContentType: 'application/octet-stream', ContentLength: bytes.length }));
      return sha256;
    },
    get: async (sha256) => {
      try {
        const reply = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: keyOf(sha256) }));
        if (!reply.Body) return null;
        return checkedBlob(sha256, Buffer.from(await reply.Body.transformToByteArray()));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
  };
}
