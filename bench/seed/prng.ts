/**
 * A small seeded pseudo-random generator (mulberry32) and the draws the seed generators need. Each
 * table gets its own stream (seed mixed with the table name), so adding a table never changes the
 * rows of another.
 */
export interface Prng {
  /** A float in [0, 1). */
  next: () => number;
  /** An integer in [min, max] inclusive. */
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  /** Draws a key by weight, e.g. { staff: 90, auditor: 10 }. */
  weighted: <K extends string>(weights: Readonly<Record<K, number>>) => K;
  /** A UUID version 7 with the given time (as the server's newId makes) and seeded random bits. */
  uuid7: (atMs: number) => string;
  /** Lower-case hex of the given number of random bytes. */
  hex: (bytes: number) => string;
}

/** mulberry32: a tiny, fast, seeded generator of floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string: mixes a stream name into the seed. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A generator for one named stream of a seed. */
export function createPrng(seed: number, stream: string): Prng {
  const next = mulberry32((seed ^ fnv1a(stream)) >>> 0);
  const byte = () => Math.floor(next() * 256);
  const hex = (bytes: number) => {
    let out = '';
    for (let i = 0; i < bytes; i += 1) out += byte().toString(16).padStart(2, '0');
    return out;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    weighted: (weights) => {
      const entries = Object.entries(weights) as Array<[keyof typeof weights, number]>;
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let draw = next() * total;
      for (const [key, weight] of entries) {
        draw -= weight;
        if (draw < 0) return key;
      }
      const last = entries.at(-1);
      if (!last) throw new Error('weighted draw from no weights');
      return last[0];
    },
    uuid7: (atMs) => {
      const time = Math.max(0, Math.floor(atMs)).toString(16).padStart(12, '0').slice(-12);
      const rest = hex(10);
      const variant = ((parseInt(rest.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
      return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${rest.slice(0, 3)}-${variant}${rest.slice(4, 7)}-${rest.slice(7, 19)}`;
    },
    hex,
  };
}
