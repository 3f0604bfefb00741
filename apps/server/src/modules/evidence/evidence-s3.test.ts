import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEvidence, fileBody, sampleFiles } from '../../../test/evidence-fixtures.ts';
import { startTestS3, type TestS3 } from '../../../test/s3-test-server.ts';
import { signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let s3: TestS3;
let server: TestServer;
beforeAll(async () => {
  s3 = await startTestS3();
  const { endpoint, region, bucket } = s3.settings;
  server = await startTestServer({
    env: {
      EVIDENCE_STORE: 's3',
      S3_ENDPOINT: endpoint ?? '',
      S3_REGION: region,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
  });
});
afterAll(async () => {
  await server.close();
  await s3.close();
});

const objects = () => readdirSync(s3.directory, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('._S3rver_object')).length;

describe('evidence files in an S3-compatible store', () => {
  it('stores an upload once in the bucket and downloads the same bytes', async () => {
    expect(server.deps.blobs.kind).toBe('s3');
    const owner = await signUpOwner(server);
    const bytes = Buffer.concat([sampleFiles.pdf(), Buffer.from('kept in S3')]);
    const first = await addEvidence(owner.client, fileBody('Incident plan.pdf', bytes));
    await addEvidence(owner.client, fileBody('Incident plan (copy).pdf', bytes));
    expect(objects()).toBe(1);
    const download = await owner.client.get(`/api/v1/evidence/${first.id}/file`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.raw.rawPayload.equals(bytes)).toBe(true);
    const refused = await owner.client.request('POST', '/api/v1/evidence', fileBody('invoice.pdf', sampleFiles.exe()));
    expect(refused.status).toBe(415);
    expect(objects()).toBe(1);
  });
});
