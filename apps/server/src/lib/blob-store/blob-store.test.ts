import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../../../test/s3-test-server.ts';
import { blobName, type BlobStore } from './blob-store.ts';
import { createDiskBlobStore } from './disk-blob-store.ts';
import { createS3BlobStore } from './s3-blob-store.ts';

/** Every file under a folder, recursively (to count what a store wrote). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

interface Harness {
  store: BlobStore;
  /** Files the store's backing folder holds for blobs (not temporary files or metadata). */
  blobFiles: () => string[];
  /** Overwrites the stored bytes of a blob behind the store's back. */
  damage: (sha256: string) => void;
}

/** The same contract, run against each implementation. */
function blobStoreContract(name: string, setUp: () => Promise<{ harness: Harness; close: () => Promise<void> }>): void {
  describe(`${name} blob store`, () => {
    let h: Harness;
    let close: () => Promise<void> = async () => undefined;
    beforeAll(async () => {
      const started = await setUp();
      h = started.harness;
      close = started.close;
    });
    afterAll(async () => close());

    it('stores bytes under their SHA-256, once however often they are put, and gives them back', async () => {
      const bytes = Buffer.from(`first blob ${name} ${Date.now()}`);
      const before = h.blobFiles().length;
      const sha256 = await h.store.put(bytes);
      expect(sha256).toBe(blobName(bytes));
      expect(sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await Promise.all([h.store.put(Buffer.from(bytes)), h.store.put(Buffer.from(bytes))])).toEqual([sha256, sha256]);
      expect(h.blobFiles().length).toBe(before + 1);
      expect(await h.store.has(sha256)).toBe(true);
      expect((await h.store.get(sha256))?.equals(bytes)).toBe(true);
    });

    it('answers null and false for a blob it does not hold, and refuses a name that is not a SHA-256', async () => {
      const absent = blobName(Buffer.from('never stored'));
      expect(await h.store.get(absent)).toBeNull();
      expect(await h.store.has(absent)).toBe(false);
      await expect(h.store.get('../../etc/passwd')).rejects.toThrow(/Not a blob name/);
      await expect(h.store.has('ABC')).rejects.toThrow(/Not a blob name/);
    });

    it('stores large and empty-looking binary content exactly', async () => {
      const bytes = Buffer.alloc(3 * 1024 * 1024 + 7);
      for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 31) % 256;
      const sha256 = await h.store.put(bytes);
      expect((await h.store.get(sha256))?.equals(bytes)).toBe(true);
    });

    it('never serves a blob whose bytes no longer match its name', async () => {
      const sha256 = await h.store.put(Buffer.from(`to be damaged ${name}`));
      h.damage(sha256);
      await expect(h.store.get(sha256)).rejects.toThrow(/no longer matches/);
    });
  });
}

blobStoreContract('disk', async () => {
  const root = mkdtempSync(join(tmpdir(), 'custodian-blobs-'));
  const store = createDiskBlobStore(root);
  const blobFiles = () => filesUnder(root).filter((file) => !file.includes(`${join(root, 'tmp')}`));
  return {
    harness: {
      store,
      blobFiles,
      damage: (sha256) => writeFileSync(join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256), 'changed'),
    },
    close: async () => rmSync(root, { recursive: true, force: true }),
  };
});

let s3: TestS3 | null = null;
blobStoreContract('S3', async () => {
  s3 = await startTestS3();
  const server = s3;
  // s3rver keeps each object as a folder-like "<key>._S3rver_object" file beside its metadata.
  const blobFiles = () => filesUnder(server.directory).filter((file) => file.endsWith('._S3rver_object'));
  return {
    harness: {
      store: createS3BlobStore(server.settings),
      blobFiles,
      damage: (sha256) => {
        const file = blobFiles().find((path) => path.includes(sha256));
        if (!file) throw new Error('the object was not found on disk');
        writeFileSync(file, 'changed');
      },
    },
    close: async () => server.close(),
  };
});
