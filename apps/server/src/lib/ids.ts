import { randomBytes } from 'node:crypto';

// Random bytes are drawn 4 KiB at a time and handed out 16 per id (as Node's own randomUUID pools its
// entropy): one system call per 256 ids instead of one each, which made an import of 50,000 rows spend
// a third of a second making ids.
const idsPerDraw = 256;
let pool = Buffer.alloc(0);
let poolOffset = 0;

function sixteenRandomBytes(): Buffer {
  if (poolOffset + 16 > pool.length) {
    pool = randomBytes(16 * idsPerDraw);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  return bytes;
}

/** A UUID version 7: time-ordered, so new rows land at the end of primary-key indexes. */
export function newId(now: number = Date.now()): string {
  const bytes = sixteenRandomBytes();
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a UUID as PostgreSQL prints one (lower-case hex); used before a value reaches a uuid column or a file name. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
