/**
 * Loads the healthcare threat library (data/healthcare-threats.json): zod-checked against the shared
 * contract, and every suggested control checked against the ISO/IEC 27001:2022 catalogue.
 */
import { readFileSync } from 'node:fs';
import { threatLibrary, type ThreatLibrary, type ThreatScenario } from '@custodian/shared/contracts/threats.ts';
import { loadCatalogue } from './load-catalogue.ts';

export const THREAT_LIBRARY_FILE_URL = new URL('../data/healthcare-threats.json', import.meta.url);

export interface LoadedThreatLibrary {
  readonly library: ThreatLibrary;
  readonly byId: ReadonlyMap<string, ThreatScenario>;
}

let cached: LoadedThreatLibrary | undefined;

/**
 * Validates threat library data: the contract's shape, unique ids, and suggested controls that exist
 * in the catalogue as Annex A controls.
 * @throws Error naming every problem found.
 */
export function parseThreatLibrary(data: unknown, controlIds: ReadonlySet<string>): LoadedThreatLibrary {
  const parsed = threatLibrary.safeParse(data);
  if (!parsed.success) throw new Error(`The threat library is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  const problems: string[] = [];
  const byId = new Map<string, ThreatScenario>();
  for (const scenario of parsed.data.scenarios) {
    if (byId.has(scenario.id)) problems.push(`${scenario.id} appears twice`);
    byId.set(scenario.id, scenario);
    for (const control of scenario.suggestedControls) {
      if (!controlIds.has(control)) problems.push(`${scenario.id} suggests ${control}, which is not an Annex A control of the catalogue`);
    }
  }
  if (problems.length > 0) throw new Error(`The threat library is not valid: ${problems.join('; ')}`);
  return { library: parsed.data, byId };
}

/** The bundled threat library, read and checked once per process. */
export function loadThreatLibrary(): LoadedThreatLibrary {
  if (cached !== undefined) return cached;
  const controlIds = new Set(loadCatalogue().catalogue.controls.map((control) => control.id));
  cached = parseThreatLibrary(JSON.parse(readFileSync(THREAT_LIBRARY_FILE_URL, 'utf8')), controlIds);
  return cached;
}
