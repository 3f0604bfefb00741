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

  it('is documented: the README settings table names every setting', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(settingDescriptions)) expect(readme, name).toContain(`| \`${name}\` |`);
  });
});
