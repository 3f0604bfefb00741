import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3Settings } from '../src/lib/blob-store/s3-blob-store.ts';

/** A local S3-compatible server (s3rver, in this process) with one empty bucket, on a free port of 127.0.0.1. */
export interface TestS3 {
  settings: S3Settings;
  /** The folder s3rver keeps objects in (a test can count or damage them). */
  directory: string;
  close: () => Promise<void>;
}

/** Starts s3rver on a temporary folder; the settings point the S3 blob store at it. */
export async function startTestS3(bucket = 'custodian-evidence'): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'custodian-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await server.run();
  return {
    settings: {
      endpoint: `http://127.0.0.1:${port}`,
      region: 'ap-southeast-2',
      bucket,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
    },
    directory,
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
