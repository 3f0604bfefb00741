import { assetKinds, assetRelations, defaultClassificationLevels, riskStatuses, taskStatuses, treatmentOptions } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { defaultRiskMethod, scoreRisk } from '@custodian/shared/domain/risk-matrix.ts';
import { seedEpochMs, type SeedOrg } from './generators.ts';
import type { ColumnSpec } from './insert-batch.ts';
import { createPrng, type Prng } from './prng.ts';

/**
 * The asset register and the risk register of every seeded organisation (issue 9): assets with
 * automatic refs and links between them, the method v1 (`defaultRiskMethod`), risks scored with
 * `scoreRisk` (1 to 3 assets each, mixed statuses and owners) and their treatment tasks.
 */

const dayMs = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** How much of the registers one organisation gets. */
export interface RegisterVolume {
  assets: number;
  risks: number;
}

export const registerColumns: Record<'assets' | 'asset_links' | 'risk_methods' | 'risks' | 'risk_assets' | 'risk_tasks', readonly ColumnSpec[]> = {
  assets: [
    ['org_id', 'uuid'],
    ['id', 'uuid'],
    ['ref', 'text'],
    ['name', 'text'],
    ['kind', 'text'],
    ['description', 'text'],
    ['owner_user_id', 'uuid'],
    ['classification', 'text'],
    ['confidentiality', 'smallint'],
    ['integrity', 'smallint'],
    ['availability', 'smallint'],
    ['location', 'text'],
    ['created_at', 'timestamptz'],
    ['created_by', 'uuid'],
    ['updated_at', 'timestamptz'],
    ['updated_by', 'uuid'],
  ],
  asset_links: [['org_id', 'uuid'], ['from_asset_id', 'uuid'], ['to_asset_id', 'uuid'], ['relation', 'text'], ['created_at', 'timestamptz']],
  risk_methods: [
    ['org_id', 'uuid'],
    ['version', 'integer'],
    ['likelihood', 'jsonb'],
    ['impact', 'jsonb'],
    ['levels', 'jsonb'],
    ['matrix', 'jsonb'],
    ['acceptable_level', 'text'],
    ['review_months', 'smallint'],
    ['change_note', 'text'],
    ['created_at', 'timestamptz'],
    ['created_by', 'uuid'],
  ],
  risks: [
    ['org_id', 'uuid'],
    ['id', 'uuid'],
    ['ref', 'text'],
    ['title', 'text'],
    ['threat', 'text'],
    ['vulnerability', 'text'],
    ['description', 'text'],
    ['owner_user_id', 'uuid'],
    ['method_version', 'integer'],
    ['inherent_likelihood', 'smallint'],
    ['inherent_impact', 'smallint'],
    ['inherent_level', 'text'],
    ['inherent_rank', 'smallint'],
    ['current_likelihood', 'smallint'],
    ['current_impact', 'smallint'],
    ['current_level', 'text'],
    ['current_rank', 'smallint'],
    ['residual_likelihood', 'smallint'],
    ['residual_impact', 'smallint'],
    ['residual_level', 'text'],
    ['residual_rank', 'smallint'],
    ['treatment', 'text'],
    ['treatment_notes', 'text'],
    ['status', 'text'],
    ['next_review_on', 'date'],
    ['created_at', 'timestamptz'],
    ['created_by', 'uuid'],
    ['updated_at', 'timestamptz'],
    ['updated_by', 'uuid'],
  ],
  risk_assets: [['org_id', 'uuid'], ['risk_id', 'uuid'], ['asset_id', 'uuid']],
  risk_tasks: [
    ['org_id', 'uuid'],
    ['id', 'uuid'],
    ['risk_id', 'uuid'],
    ['title', 'text'],
    ['owner_user_id', 'uuid'],
    ['due_on', 'date'],
    ['status', 'text'],
    ['control_ids', 'text[]'],
    ['notes', 'text'],
    ['created_at', 'timestamptz'],
    ['created_by', 'uuid'],
    ['updated_at', 'timestamptz'],
    ['updated_by', 'uuid'],
  ],
};

const assetNames: Record<(typeof assetKinds)[number], readonly string[]> = {
  information: ['Patient referral letters', 'Pathology results', 'Staff records', 'Billing records', 'Appointment book', 'Clinical photographs'],
  software: ['Practice management system', 'Clinical notes module', 'Secure messaging client', 'Accounting package', 'E-prescribing module'],
  system: ['Clinic network', 'Telehealth platform', 'Cloud backup', 'Email system', 'Phone system'],
  device: ['Reception workstation', 'Consulting room PC', 'Practice laptop', 'Printer', 'Clinic server', 'Staff phone'],
  medical_device: ['ECG machine', 'Spirometer', 'Vaccine fridge monitor', 'Blood pressure monitor', 'Ultrasound unit'],
  person_role: ['Practice manager', 'Reception team', 'Nursing team', 'IT support contact'],
  service: ['Internet service', 'Pathology portal', 'Imaging portal', 'My Health Record connection', 'Payment terminal service'],
  supplier: ['IT managed service provider', 'Shredding contractor', 'Cloud hosting provider', 'Software vendor'],
  site: ['Main clinic', 'Branch clinic', 'Storage room', 'Comms cupboard'],
};
const locations = ['Reception', 'Consulting room', 'Back office', 'Comms cupboard', 'Cloud (Sydney)', 'Branch clinic', ''];
const threats = [
  ['Ransomware on the practice management system', 'Unpatched remote access', 'Ransomware'],
  ['Phishing of reception staff', 'No phishing training', 'Phishing e-mail'],
  ['Staff browsing records without need', 'No access reviews', 'Curious insider'],
  ['Misdirected referral or result', 'Manual addressing of letters', 'Human error'],
  ['Lost unencrypted laptop', 'Disk encryption not enforced', 'Theft or loss'],
  ['Shared login on a clinical workstation', 'Generic accounts', 'Account misuse'],
  ['Failed backup', 'Restores never tested', 'Backup failure'],
  ['Internet outage stops telehealth', 'Single internet link', 'Outage'],
] as const;
const controlIds = ['iso27001:2022:A.5.15', 'iso27001:2022:A.6.3', 'iso27001:2022:A.8.7', 'iso27001:2022:A.8.13', 'iso27001:2022:A.8.24', 'iso27001:2022:A.5.34', 'iso27001:2022:A.8.5'];

/** The people of an organisation who own assets, risks and tasks: the owner and the first 40 members. */
function ownersOf(org: SeedOrg) {
  return [org.owner, ...org.members.slice(0, 40).map((m) => m.user)];
}

function draw(prng: Prng, weights: Readonly<Record<string, number>>): string {
  return prng.weighted(weights);
}

/** One organisation's asset rows (refs A-0001 …), link rows (about one per asset) and the asset ids. */
export function assetRegister(seed: number, org: SeedOrg, count: number) {
  const prng = createPrng(seed, `assets:${org.orgId}`);
  const owners = ownersOf(org);
  const assets = Array.from({ length: count }, (_, i) => {
    const kind = prng.pick(assetKinds);
    const created = seedEpochMs - prng.int(30, 600) * dayMs - prng.int(0, 86_399) * 1000;
    const updated = created + prng.int(0, 29) * dayMs + prng.int(0, 86_399) * 1000;
    return {
      org_id: org.orgId,
      id: prng.uuid7(created),
      ref: `A-${String(i + 1).padStart(4, '0')}`,
      name: `${prng.pick(assetNames[kind])} ${String(i + 1).padStart(5, '0')}`,
      kind,
      description: prng.next() < 0.4 ? 'Recorded for the benchmark (benchmark data).' : '',
      owner_user_id: prng.next() < 0.85 ? prng.pick(owners).id : null,
      classification: prng.pick(defaultClassificationLevels).key,
      confidentiality: prng.int(1, 5),
      integrity: prng.int(1, 5),
      availability: prng.int(1, 5),
      location: prng.pick(locations),
      created_at: iso(created),
      created_by: org.owner.id,
      updated_at: iso(updated),
      updated_by: org.owner.id,
    };
  });
  const seen = new Set<string>();
  const links: Array<Record<string, unknown>> = [];
  for (const [i, from] of assets.entries()) {
    if (count < 2 || prng.next() < 0.2) continue;
    let j = prng.int(0, count - 1);
    if (j === i) j = (j + 1) % count;
    const to = assets[j];
    const relation = prng.pick(assetRelations);
    const key = `${from.id}:${to?.id ?? ''}:${relation}`;
    if (!to || seen.has(key)) continue;
    seen.add(key);
    links.push({ org_id: org.orgId, from_asset_id: from.id, to_asset_id: to.id, relation, created_at: from.updated_at });
  }
  return { assets, links, assetIds: assets.map((a) => a.id) };
}

/** The organisation's risk method, version 1: the default 5×5. */
export function riskMethodRow(org: SeedOrg) {
  const m = defaultRiskMethod;
  return {
    org_id: org.orgId,
    version: 1,
    likelihood: m.likelihood,
    impact: m.impact,
    levels: m.levels,
    matrix: m.matrix,
    acceptable_level: m.acceptableLevel,
    review_months: m.reviewMonths,
    change_note: 'The default 5×5 method (benchmark data).',
    created_at: iso(org.createdAtMs),
    created_by: org.owner.id,
  };
}

function scored(likelihood: number, impact: number) {
  const level = scoreRisk(defaultRiskMethod, likelihood, impact);
  return { likelihood, impact, level: level.key, rank: level.rank };
}

/** One organisation's risks (refs R-0001 …, each on 1 to 3 of its assets) and their treatment tasks. */
export function riskRegister(seed: number, org: SeedOrg, count: number, assetIds: readonly string[]) {
  const prng = createPrng(seed, `risks:${org.orgId}`);
  const owners = ownersOf(org);
  const risks: Array<Record<string, unknown>> = [];
  const riskAssets: Array<Record<string, unknown>> = [];
  const tasks: Array<Record<string, unknown>> = [];
  for (let i = 0; i < count; i += 1) {
    const [title, vulnerability, threat] = prng.pick(threats);
    const created = seedEpochMs - prng.int(1, 500) * dayMs - prng.int(0, 86_399) * 1000;
    const updated = created + prng.int(0, 60) * dayMs + prng.int(0, 86_399) * 1000;
    const status = draw(prng, { identified: 10, assessed: 15, treatment_planned: 25, in_treatment: 25, accepted: 20, closed: 5 }) as (typeof riskStatuses)[number];
    const inherent = scored(prng.int(2, 5), prng.int(2, 5));
    const hasCurrent = status !== 'identified';
    const current = hasCurrent ? scored(Math.max(1, inherent.likelihood - prng.int(0, 1)), inherent.impact) : null;
    const hasResidual = status !== 'identified' && status !== 'assessed';
    const residual = hasResidual ? scored(Math.max(1, inherent.likelihood - prng.int(1, 3)), Math.max(1, inherent.impact - prng.int(0, 1))) : null;
    const id = prng.uuid7(created);
    risks.push({
      org_id: org.orgId,
      id,
      ref: `R-${String(i + 1).padStart(4, '0')}`,
      title: `${title} (${String(i + 1).padStart(5, '0')})`,
      threat,
      vulnerability,
      description: prng.next() < 0.3 ? 'Scenario recorded for the benchmark (benchmark data).' : '',
      owner_user_id: prng.next() < 0.9 ? prng.pick(owners).id : null,
      method_version: 1,
      inherent_likelihood: inherent.likelihood,
      inherent_impact: inherent.impact,
      inherent_level: inherent.level,
      inherent_rank: inherent.rank,
      current_likelihood: current?.likelihood ?? null,
      current_impact: current?.impact ?? null,
      current_level: current?.level ?? null,
      current_rank: current?.rank ?? null,
      residual_likelihood: residual?.likelihood ?? null,
      residual_impact: residual?.impact ?? null,
      residual_level: residual?.level ?? null,
      residual_rank: residual?.rank ?? null,
      treatment: hasResidual ? prng.pick(treatmentOptions) : null,
      treatment_notes: '',
      status,
      next_review_on: iso(seedEpochMs + prng.int(-60, 365) * dayMs).slice(0, 10),
      created_at: iso(created),
      created_by: org.owner.id,
      updated_at: iso(updated),
      updated_by: org.owner.id,
    });
    const linked = new Set<string>();
    const n = Math.min(assetIds.length, prng.int(1, 3));
    while (linked.size < n) linked.add(prng.pick(assetIds));
    for (const assetId of linked) riskAssets.push({ org_id: org.orgId, risk_id: id, asset_id: assetId });
    if (!hasResidual) continue;
    for (let t = 0, tn = prng.int(0, 2); t < tn; t += 1) {
      tasks.push({
        org_id: org.orgId,
        id: prng.uuid7(created + (t + 1) * 1000),
        risk_id: id,
        title: `Treatment step ${t + 1} for ${title.toLowerCase()}`,
        owner_user_id: prng.pick(owners).id,
        due_on: iso(seedEpochMs + prng.int(-30, 180) * dayMs).slice(0, 10),
        status: prng.pick(taskStatuses),
        control_ids: [prng.pick(controlIds)],
        notes: '',
        created_at: iso(created),
        created_by: org.owner.id,
        updated_at: iso(updated),
        updated_by: org.owner.id,
      });
    }
  }
  return { risks, riskAssets, tasks };
}
