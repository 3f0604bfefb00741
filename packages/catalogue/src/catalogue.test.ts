import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CatalogueValidationError, findCatalogueProblems, validateCatalogue } from './catalogue-checks.ts';
import {
  ATTRIBUTE_FAMILIES,
  CONTROL_TYPES,
  CYBERSECURITY_CONCEPTS,
  OPERATIONAL_CAPABILITIES,
  SECURITY_DOMAINS,
  SECURITY_PROPERTIES,
  type AttributeFamily,
  type Catalogue,
  type Guidance,
} from './catalogue.schema.ts';
import {
  CATALOGUE_FILE_URL,
  catalogueItemIds,
  loadCatalogue,
  parseCatalogueBytes,
  sha256Hex,
} from './load-catalogue.ts';

const loaded = loadCatalogue();
const { catalogue } = loaded;
const PREFIX = 'iso27001:2022:';

/** A fresh, deep copy of the bundled catalogue that a test may break. */
function copy(): Catalogue {
  return structuredClone(catalogue);
}

/** Runs the full validation pipeline and returns the problems it reported. */
function rejectionProblems(data: unknown): readonly string[] {
  try {
    validateCatalogue(data);
  } catch (err) {
    if (err instanceof CatalogueValidationError) return err.problems;
    throw err;
  }
  throw new Error('expected the catalogue to be rejected');
}

const ALLOWED: Record<AttributeFamily, readonly string[]> = {
  controlType: CONTROL_TYPES,
  securityProperties: SECURITY_PROPERTIES,
  cybersecurityConcepts: CYBERSECURITY_CONCEPTS,
  operationalCapabilities: OPERATIONAL_CAPABILITIES,
  securityDomains: SECURITY_DOMAINS,
};

const REQUIREMENT_CLAUSES = [
  '4.1',
  '4.2',
  '4.3',
  '4.4',
  '5.1',
  '5.2',
  '5.3',
  '6.1.1',
  '6.1.2',
  '6.1.3',
  '6.2',
  '6.3',
  '7.1',
  '7.2',
  '7.3',
  '7.4',
  '7.5.1',
  '7.5.2',
  '7.5.3',
  '8.1',
  '8.2',
  '8.3',
  '9.1',
  '9.2.1',
  '9.2.2',
  '9.3.1',
  '9.3.2',
  '9.3.3',
  '10.1',
  '10.2',
];

function allGuidance(): Array<{ id: string; guidance: Guidance }> {
  const out: Array<{ id: string; guidance: Guidance }> = [];
  for (const c of catalogue.clauses) if (c.guidance !== null) out.push({ id: c.id, guidance: c.guidance });
  for (const c of catalogue.controls) out.push({ id: c.id, guidance: c.guidance });
  for (const d of catalogue.documents) out.push({ id: d.id, guidance: d.guidance });
  return out;
}

describe('bundled ISO/IEC 27001:2022 catalogue', () => {
  it('loads, validates and reports no referential problems', () => {
    expect(catalogue.id).toBe('iso27001:2022');
    expect(findCatalogueProblems(catalogue)).toEqual([]);
  });

  it('has exactly 37 organisational, 8 people, 14 physical and 34 technological controls', () => {
    const count = (prefix: string, theme: string): number =>
      catalogue.controls.filter((c) => c.ref.startsWith(prefix) && c.theme === theme).length;
    expect(count('A.5.', 'organisational')).toBe(37);
    expect(count('A.6.', 'people')).toBe(8);
    expect(count('A.7.', 'physical')).toBe(14);
    expect(count('A.8.', 'technological')).toBe(34);
    expect(catalogue.controls).toHaveLength(93);
  });

  it('numbers controls A.5.1–A.5.37, A.6.1–A.6.8, A.7.1–A.7.14 and A.8.1–A.8.34 in order', () => {
    const expected = [
      ...Array.from({ length: 37 }, (_, i) => `A.5.${i + 1}`),
      ...Array.from({ length: 8 }, (_, i) => `A.6.${i + 1}`),
      ...Array.from({ length: 14 }, (_, i) => `A.7.${i + 1}`),
      ...Array.from({ length: 34 }, (_, i) => `A.8.${i + 1}`),
    ];
    expect(catalogue.controls.map((c) => c.ref)).toEqual(expected);
  });

  it('uses unique ids across clauses, controls and documents', () => {
    const ids = catalogueItemIds(catalogue);
    expect(new Set(ids).size).toBe(ids.length);
    expect(loaded.byId.size).toBe(ids.length);
    for (const id of ids) expect(id.startsWith(PREFIX)).toBe(true);
  });

  it('indexes every item by id with its kind', () => {
    expect(loaded.byId.get(`${PREFIX}A.5.1`)?.kind).toBe('control');
    expect(loaded.byId.get(`${PREFIX}6.1.2`)?.kind).toBe('clause');
    expect(loaded.byId.get(`${PREFIX}doc:statement-of-applicability`)?.kind).toBe('document');
    const entry = loaded.byId.get(`${PREFIX}A.8.13`);
    if (entry?.kind !== 'control') throw new Error('A.8.13 should be a control');
    expect(entry.item.title).toBe('Information backup');
  });

  it('resolves every clause parent, control theme and document clause reference', () => {
    const clauses = new Map(catalogue.clauses.map((c) => [c.id, c]));
    for (const c of catalogue.clauses) {
      if (c.parent === null) {
        expect(c.ref).toMatch(/^\d+$/);
      } else {
        const parent = clauses.get(c.parent);
        expect(parent, `${c.id} parent`).toBeDefined();
        expect(c.ref.startsWith(`${parent?.ref ?? '?'}.`)).toBe(true);
      }
    }
    const themeIds = new Set(catalogue.themes.map((t) => t.id));
    for (const c of catalogue.controls) expect(themeIds.has(c.theme), `${c.id} theme`).toBe(true);
    for (const d of catalogue.documents) {
      for (const ref of d.clauseRefs) expect(clauses.get(ref)?.hasRequirements, `${d.id} -> ${ref}`).toBe(true);
    }
  });

  it('lists top-level clauses 4–10 and every requirement-bearing sub-clause', () => {
    const top = catalogue.clauses.filter((c) => c.parent === null).map((c) => c.ref);
    expect(top).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    const withRequirements = catalogue.clauses.filter((c) => c.hasRequirements).map((c) => c.ref);
    expect(withRequirements).toEqual(REQUIREMENT_CLAUSES);
    const grouping = catalogue.clauses.filter((c) => !c.hasRequirements && c.parent !== null).map((c) => c.ref);
    expect(grouping).toEqual(['6.1', '7.5', '9.2', '9.3']);
  });

  it('assigns stage 1 to ISMS design clauses and stage 2 to operation and evaluation clauses', () => {
    const stageOf = (ref: string): number | null => catalogue.clauses.find((c) => c.ref === ref)?.stage ?? null;
    for (const ref of ['4.3', '5.2', '6.1.2', '6.1.3', '6.2', '7.5.3', '8.2', '8.3']) expect(stageOf(ref)).toBe(1);
    for (const ref of ['8.1', '9.1', '9.2.2', '9.3.3', '10.1', '10.2']) expect(stageOf(ref)).toBe(2);
    for (const c of catalogue.clauses) {
      if (c.hasRequirements) expect([1, 2]).toContain(c.stage);
      else expect(c.stage).toBeNull();
    }
  });

  it('gives every control all five attribute families, non-empty, from the allowed values', () => {
    for (const control of catalogue.controls) {
      for (const family of ATTRIBUTE_FAMILIES) {
        const values: readonly string[] = control.attributes[family];
        expect(values.length, `${control.ref} ${family}`).toBeGreaterThan(0);
        expect(new Set(values).size, `${control.ref} ${family} duplicates`).toBe(values.length);
        for (const v of values) expect(ALLOWED[family], `${control.ref} ${family}`).toContain(v);
      }
    }
  });

  it('spot-checks attribute values against ISO/IEC 27002:2022', () => {
    const attrs = (ref: string) => catalogue.controls.find((c) => c.ref === ref)?.attributes;
    expect(attrs('A.5.7')?.controlType).toEqual(['preventive', 'detective', 'corrective']);
    expect(attrs('A.5.30')?.securityProperties).toEqual(['availability']);
    expect(attrs('A.7.7')?.securityProperties).toEqual(['confidentiality']);
    expect(attrs('A.8.13')?.cybersecurityConcepts).toEqual(['recover']);
    expect(attrs('A.8.8')?.operationalCapabilities).toEqual(['threat_and_vulnerability_management']);
    expect(attrs('A.6.8')?.securityDomains).toEqual(['defence']);
  });

  it('has guidance with a meaning and 2–4 evidence items for every requirement clause, control and document', () => {
    for (const c of catalogue.clauses) expect(c.guidance === null, c.id).toBe(!c.hasRequirements);
    const entries = allGuidance();
    expect(entries).toHaveLength(REQUIREMENT_CLAUSES.length + 93 + catalogue.documents.length);
    for (const { id, guidance } of entries) {
      expect(guidance.meaning.trim().length, id).toBeGreaterThan(40);
      const sentences = guidance.meaning.split(/(?<=[.!?])\s+(?=[A-Z])/).length;
      expect(sentences, `${id} sentences`).toBeGreaterThanOrEqual(2);
      expect(sentences, `${id} sentences`).toBeLessThanOrEqual(4);
      expect(guidance.evidence.length, id).toBeGreaterThanOrEqual(2);
      expect(guidance.evidence.length, id).toBeLessThanOrEqual(4);
      for (const e of guidance.evidence) expect(e.trim().length, id).toBeGreaterThan(0);
    }
  });

  it('writes guidance in Australian English', () => {
    const us =
      /\b(organiz|authoriz|analyz|minimiz|prioritiz|recogniz|behavior|color|center|defense|catalog\b|synchroniz)/i;
    for (const { id, guidance } of allGuidance()) {
      for (const text of [guidance.meaning, ...guidance.evidence]) expect(text, id).not.toMatch(us);
    }
  });

  it('covers the mandatory documented information of ISO/IEC 27001:2022', () => {
    const refs = new Set(catalogue.documents.flatMap((d) => d.clauseRefs.map((r) => r.slice(PREFIX.length))));
    for (const ref of [
      '4.3',
      '5.2',
      '6.1.2',
      '6.1.3',
      '6.2',
      '7.2',
      '7.5.1',
      '8.1',
      '8.2',
      '8.3',
      '9.1',
      '9.2.2',
      '9.3.3',
      '10.2',
    ]) {
      expect(refs.has(ref), ref).toBe(true);
    }
    expect(loaded.byId.get(`${PREFIX}doc:statement-of-applicability`)?.kind).toBe('document');
    for (const d of catalogue.documents) expect(d.id).toMatch(/^iso27001:2022:doc:[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe('checksum and caching', () => {
  it('is a stable 64-character hex SHA-256 of the raw file bytes', () => {
    const bytes = readFileSync(CATALOGUE_FILE_URL);
    expect(loaded.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded.checksum).toBe(sha256Hex(bytes));
    expect(parseCatalogueBytes(bytes).checksum).toBe(loaded.checksum);
  });

  it('returns the cached result on later calls', () => {
    expect(loadCatalogue()).toBe(loaded);
  });

  it('rejects bytes that are not JSON', () => {
    expect(() => parseCatalogueBytes(new TextEncoder().encode('{not json'))).toThrow(/not valid UTF-8 JSON/);
  });
});

describe('rejecting broken catalogue data', () => {
  it('accepts an untouched copy', () => {
    expect(() => validateCatalogue(copy())).not.toThrow();
  });

  it('rejects a duplicated id', () => {
    const broken = copy();
    const first = broken.controls[0];
    const second = broken.controls[1];
    if (first === undefined || second === undefined) throw new Error('fixture');
    second.id = first.id;
    expect(findCatalogueProblems(broken).join('\n')).toMatch(/duplicate item id "iso27001:2022:A\.5\.1"/);
    expect(rejectionProblems(broken).length).toBeGreaterThan(0);
  });

  it('rejects a dangling clause parent', () => {
    const broken = copy();
    const clause = broken.clauses.find((c) => c.ref === '6.1.2');
    if (clause === undefined) throw new Error('fixture');
    clause.parent = `${PREFIX}6.9`;
    expect(rejectionProblems(broken).join('\n')).toMatch(/parent "iso27001:2022:6\.9", which is not a clause/);
  });

  it('rejects a document pointing at a missing clause', () => {
    const broken = copy();
    const doc = broken.documents[0];
    if (doc === undefined) throw new Error('fixture');
    doc.clauseRefs = [`${PREFIX}4.9`];
    expect(rejectionProblems(broken).join('\n')).toMatch(/unknown clause "iso27001:2022:4\.9"/);
  });

  it('rejects a control with an unknown theme or a ref outside its theme', () => {
    const broken = copy();
    const a = broken.controls[0];
    const b = broken.controls[40];
    if (a === undefined || b === undefined) throw new Error('fixture');
    a.theme = 'financial';
    b.theme = 'organisational';
    const problems = rejectionProblems(broken).join('\n');
    expect(problems).toMatch(/unknown theme "financial"/);
    expect(problems).toMatch(/outside theme "organisational"/);
  });

  it('rejects a missing control and so a gap in the numbering', () => {
    const broken = copy();
    broken.controls.splice(10, 1);
    expect(rejectionProblems(broken).join('\n')).toMatch(/not contiguous/);
  });

  it('lists every problem at once rather than stopping at the first', () => {
    const broken = copy();
    const doc = broken.documents[0];
    const control = broken.controls[2];
    if (doc === undefined || control === undefined) throw new Error('fixture');
    doc.clauseRefs = [`${PREFIX}4.9`];
    control.theme = 'nowhere';
    expect(rejectionProblems(broken).length).toBeGreaterThanOrEqual(2);
  });

  it('rejects an attribute value outside the allowed enums and an empty family', () => {
    const raw: unknown = JSON.parse(JSON.stringify(catalogue).replace('"governance_and_ecosystem"', '"ecosystem"'));
    expect(rejectionProblems(raw).join('\n')).toMatch(/securityDomains/);
    const empty = copy();
    const control = empty.controls[5];
    if (control === undefined) throw new Error('fixture');
    control.attributes.cybersecurityConcepts = [];
    expect(rejectionProblems(empty).join('\n')).toMatch(/cybersecurityConcepts/);
  });

  it('rejects unknown keys (strict objects)', () => {
    const broken = copy();
    const withExtra = { ...broken, controls: broken.controls.map((c, i) => (i === 0 ? { ...c, notes: 'x' } : c)) };
    expect(rejectionProblems(withExtra).join('\n')).toMatch(/notes/);
    expect(rejectionProblems({ ...copy(), extra: true }).join('\n')).toMatch(/extra/);
  });

  it('rejects a requirement clause without guidance or a grouping clause with a stage', () => {
    const raw = JSON.parse(JSON.stringify(catalogue)) as { clauses: Array<Record<string, unknown>> };
    const req = raw.clauses.find((c) => c['ref'] === '4.1');
    const group = raw.clauses.find((c) => c['ref'] === '9.2');
    if (req === undefined || group === undefined) throw new Error('fixture');
    req['guidance'] = null;
    group['stage'] = 2;
    const problems = rejectionProblems(raw).join('\n');
    expect(problems).toMatch(/clauses\.\d+\.guidance/);
    expect(problems).toMatch(/clauses\.\d+\.stage/);
  });

  it('rejects empty guidance text', () => {
    const broken = copy();
    const control = broken.controls[7];
    if (control === undefined) throw new Error('fixture');
    control.guidance.meaning = '   ';
    control.guidance.evidence = ['only one'];
    const problems = rejectionProblems(broken).join('\n');
    expect(problems).toMatch(/controls\.7\.guidance\.meaning/);
    expect(problems).toMatch(/controls\.7\.guidance\.evidence/);
  });
});
