import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assertBlobName, blobName, checkedBlob, type BlobStore } from './blob-store.ts';

function isMissing(error: unknown): boolean {
  return (error as { code?: string }).code === 'ENOENT';
}

/**
 * Blobs as files under `root`, sharded by the first two pairs of hex digits (`ab/cd/abcd…`) so no
 * folder grows past 65,536 entries. A blob is written to a temporary file in `root/tmp` and renamed
 * into place (rename is atomic on one file system), so a crash never leaves half a blob under its name,
 * and two writers of the same content both end with the one complete file.
 */
export function createDiskBlobStore(root: string): BlobStore {
  const pathOf = (sha256: string) => {
    assertBlobName(sha256);
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const has = async (sha256: string) => {
    try {
      return (await stat(pathOf(sha256))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  };
  return {
    kind: 'disk',
    has,
    put: async (bytes) => {
      const sha256 = blobName(bytes);
      if (await has(sha256)) return sha256;
      const target = pathOf(sha256);
      const tmpDir = join(root, 'tmp');
      await mkdir(tmpDir, { recursive: true, mode: 0o700 });
      await mkdir(join(target, '..'), { recursive: true, mode: 0o700 });
      const temp = join(tmpDir, `${sha256}.${randomBytes(8).toString('hex')}`);
      try {
        await writeFile(temp, bytes, { flag: 'wx', mode: 0o600, flush: true });
        await rename(temp, target);
      } finally {
        await rm(temp, { force: true });
      }
      return sha256;
    },
    get: async (sha256) => {
      try {
        return checkedBlob(sha256, await readFile(pathOf(sha256)));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
  };
}
