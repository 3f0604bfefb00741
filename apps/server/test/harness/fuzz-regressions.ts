import type { RequestSpec } from './http.ts';

/** A request the fuzzer once found breaking the server, kept so the fix stays fixed. */
export interface FuzzRegression {
  route: string;
  spec: RequestSpec;
  /** The status the fixed server answers. */
  status: number;
  found: string;
}

const deepObject = `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`;
const deepArray = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;

/** Sent as the owner of org A (a fresh session each); each must answer its status (a 4xx in the envelope, org A unchanged). */
export const fuzzRegressions: readonly FuzzRegression[] = [
  { route: 'POST /api/v1/auth/logout', spec: { rawBody: deepObject }, status: 200, found: 'deeply nested JSON overflowed the stack of the NUL check: 500' },
  {
    route: 'PATCH /api/v1/gap/items/:itemId',
    spec: { params: { itemId: 'iso27001:2022:A.5.1' }, rawBody: deepArray },
    status: 400,
    found: 'deeply nested JSON array: 500',
  },
  { route: 'POST /api/v1/orgs', spec: { body: { name: 'ab\ud800' } }, status: 400, found: 'an unpaired surrogate reached the jsonb audit event: 500' },
  { route: 'PATCH /api/v1/org', spec: { rawBody: '{"name":"Clinic \\udfff"}' }, status: 400, found: 'an unpaired surrogate escape in raw JSON: 500' },
  {
    route: 'PATCH /api/v1/gap/items/:itemId',
    spec: { params: { itemId: 'iso27001:2022:A.5.1' }, body: { version: 1, status: 'partial', targetDate: '0000-01-01' } },
    status: 400,
    found: 'year 0000 passed validation and PostgreSQL refused it: 500',
  },
  { route: 'GET /api/v1/audit-log', spec: { query: { from: '0000-01-01' } }, status: 400, found: 'year 0000 in a filter: 500' },
  { route: 'GET /api/v1/audit-log', spec: { query: { to: '9999-12-31' } }, status: 400, found: 'the day after 9999-12-31 overflowed: 500' },
];
