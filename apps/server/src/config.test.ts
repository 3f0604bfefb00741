import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig, settingDescriptions } from './config.ts';

describe('config', () => {
  it('applies defaults for an empty environment', () => {
    const parsed = parseConfig({});
    expect(parsed.ok && parsed.config).toMatchObject({ port: 3000, databaseUrl: null, dataDir: './data', isDemoEnabled: true, publicUrl: 'http://localhost:3000' });
  });

  it('lists every problem at once', () => {
    const parsed = parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CUSTODIAN_SECRET: 'short' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.split(':')[0])).toEqual(['PORT', 'DATABASE_URL', 'CUSTODIAN_SECRET']);
  });

  it('skips the demo with --no-demo', () => {
    const parsed = parseConfig({}, ['--no-demo']);
    expect(parsed.ok && parsed.config.isDemoEnabled).toBe(false);
  });

  it('keeps evidence files on disk in the data directory by default, or in the S3 bucket the settings name', () => {
    const disk = parseConfig({ CUSTODIAN_DATA_DIR: '/srv/custodian' });
    expect(disk.ok && disk.config.evidenceStore).toEqual({ kind: 'disk', dir: '/srv/custodian/evidence' });
    const s3 = parseConfig({ EVIDENCE_STORE: 's3', S3_BUCKET: 'clinic-evidence', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret', S3_FORCE_PATH_STYLE: 'true' });
    expect(s3.ok && s3.config.evidenceStore).toEqual({
      kind: 's3',
      endpoint: 'http://127.0.0.1:9000',
      region: 'ap-southeast-2',
      bucket: 'clinic-evidence',
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      forcePathStyle: true,
    });
    const missing = parseConfig({ EVIDENCE_STORE: 's3', S3_ACCESS_KEY_ID: 'id' });
    expect(missing.ok ? [] : missing.errors.map((e) => e.split(':')[0])).toEqual(['S3_BUCKET', 'S3_ACCESS_KEY_ID']);
    const wrong = parseConfig({ EVIDENCE_STORE: 'ftp', S3_ENDPOINT: 'ftp://x' });
    expect(wrong.ok ? [] : wrong.errors.map((e) => e.split(':')[0])).toEqual(['EVIDENCE_STORE', 'S3_ENDPOINT']);
  });

  it('is documented: the README settings table names every setting', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(settingDescriptions)) expect(readme, name).toContain(`| \`${name}\` |`);
  });
});
