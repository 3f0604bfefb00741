import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assetKinds } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { loadCatalogue } from './load-catalogue.ts';
import { loadThreatLibrary, parseThreatLibrary, THREAT_LIBRARY_FILE_URL } from './threat-library.ts';

const { library, byId } = loadThreatLibrary();
const scenarios = library.scenarios;
const annexA = new Set(loadCatalogue().catalogue.controls.filter((control) => control.id.includes(':A.')).map((control) => control.id));
const raw = (): { scenarios: Record<string, unknown>[] } => JSON.parse(readFileSync(THREAT_LIBRARY_FILE_URL, 'utf8')) as { scenarios: Record<string, unknown>[] };

/** Every scenario the issue names, found by its id (the words a person searches for are in the title). */
const listedThemes: readonly [theme: string, id: string, titleWords: RegExp][] = [
  ['ransomware on the practice management system', 'threat:ransomware-pms', /ransomware/i],
  ['phishing of reception staff', 'threat:phishing-reception', /phishing/i],
  ['staff browsing records without need', 'threat:staff-snooping', /without a clinical need/i],
  ['misdirected referrals', 'threat:misdirected-referral', /referral/i],
  ['misdirected results', 'threat:misdirected-results', /results/i],
  ['lost unencrypted laptops', 'threat:lost-laptop', /laptop/i],
  ['lost USB sticks', 'threat:lost-usb', /USB/],
  ['shared logins on clinical workstations', 'threat:shared-logins', /shared logins/i],
  ['telehealth compromise', 'threat:telehealth-compromise', /telehealth/i],
  ['vendor breaches', 'threat:it-provider-compromise', /provider/i],
  ['cloud breaches', 'threat:cloud-pms-breach', /cloud/i],
  ['medical-device vulnerabilities', 'threat:medical-device-vulnerability', /medical device/i],
  ['My Health Record misuse', 'threat:my-health-record-misuse', /My Health Record/],
  ['power outage', 'threat:power-outage', /power/i],
  ['internet outage', 'threat:internet-outage', /internet/i],
  ['failed backups', 'threat:failed-backups', /backups/i],
  ['insider theft', 'threat:insider-theft', /copies patient data/i],
];

describe('the healthcare threat library', () => {
  it('holds at least 45 scenarios, each with a unique id', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(45);
    expect(new Set(scenarios.map((scenario) => scenario.id)).size).toBe(scenarios.length);
    expect(new Set(scenarios.map((scenario) => scenario.title.toLowerCase())).size).toBe(scenarios.length);
  });

  it.each(listedThemes)('covers %s', (_theme, id, titleWords) => {
    const scenario = byId.get(id);
    expect(scenario, id).toBeDefined();
    expect(scenario?.title).toMatch(titleWords);
  });

  it('uses every category, and every category holds at least three scenarios', () => {
    const counts = new Map<string, number>();
    for (const scenario of scenarios) counts.set(scenario.category, (counts.get(scenario.category) ?? 0) + 1);
    for (const category of ['cyber_attack', 'people', 'privacy', 'third_party', 'physical', 'technology_failure', 'clinical_technology']) {
      expect(counts.get(category) ?? 0, category).toBeGreaterThanOrEqual(3);
    }
  });

  it('suggests between two and six distinct Annex A controls per scenario, every one in the catalogue', () => {
    for (const scenario of scenarios) {
      expect(scenario.suggestedControls.length, scenario.id).toBeGreaterThanOrEqual(2);
      expect(scenario.suggestedControls.length, scenario.id).toBeLessThanOrEqual(6);
      expect(new Set(scenario.suggestedControls).size, scenario.id).toBe(scenario.suggestedControls.length);
      for (const control of scenario.suggestedControls) expect(annexA.has(control), `${scenario.id}: ${control}`).toBe(true);
    }
  });

  it('suggests the controls that really treat the named themes', () => {
    const suggests = (id: string, control: string): boolean => byId.get(id)?.suggestedControls.includes(`iso27001:2022:${control}`) ?? false;
    expect(suggests('threat:ransomware-pms', 'A.8.13')).toBe(true); // backup
    expect(suggests('threat:failed-backups', 'A.8.13')).toBe(true);
    expect(suggests('threat:phishing-reception', 'A.6.3')).toBe(true); // awareness and training
    expect(suggests('threat:staff-snooping', 'A.8.15')).toBe(true); // logging
    expect(suggests('threat:lost-laptop', 'A.8.24')).toBe(true); // cryptography
    expect(suggests('threat:lost-usb', 'A.7.10')).toBe(true); // storage media
    expect(suggests('threat:shared-logins', 'A.5.16')).toBe(true); // identity management
    expect(suggests('threat:cloud-pms-breach', 'A.5.23')).toBe(true); // cloud services
    expect(suggests('threat:medical-device-vulnerability', 'A.8.8')).toBe(true); // technical vulnerabilities
    expect(suggests('threat:power-outage', 'A.7.11')).toBe(true); // supporting utilities
    expect(suggests('threat:internet-outage', 'A.8.14')).toBe(true); // redundancy
    expect(suggests('threat:insider-theft', 'A.8.12')).toBe(true); // data leakage prevention
  });

  it('names asset kinds of the vocabulary and scores on the default 5 × 5 scales', () => {
    for (const scenario of scenarios) {
      for (const kind of scenario.assetKinds) expect(assetKinds).toContain(kind);
      expect(scenario.suggestedLikelihood).toBeGreaterThanOrEqual(1);
      expect(scenario.suggestedImpact).toBeLessThanOrEqual(5);
    }
  });

  it('writes its own words: no scenario quotes a control title as its threat or vulnerability', () => {
    const titles = loadCatalogue().catalogue.controls.map((control) => control.title.toLowerCase()).filter((title) => title.length > 25);
    for (const scenario of scenarios) {
      const text = `${scenario.threat} ${scenario.vulnerability} ${scenario.description}`.toLowerCase();
      for (const title of titles) expect(text.includes(title), `${scenario.id} quotes "${title}"`).toBe(false);
    }
  });

  it('refuses a library with a repeated id or a control outside Annex A', () => {
    const doubled = raw();
    doubled.scenarios.push({ ...doubled.scenarios[0] });
    expect(() => parseThreatLibrary(doubled, annexA)).toThrow(/appears twice/);
    const badControl = raw();
    badControl.scenarios[0] = { ...badControl.scenarios[0], suggestedControls: ['iso27001:2022:A.5.99'] };
    expect(() => parseThreatLibrary(badControl, annexA)).toThrow(/not an Annex A control/);
  });
});
