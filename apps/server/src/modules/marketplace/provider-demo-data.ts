import type { ProviderKind } from '@custodian/shared/contracts/provider-fields.ts';
import type { UpdateProviderProfileBody } from '@custodian/shared/contracts/providers.ts';

/**
 * The demo's fictional providers (issue 8): three consultancies and three certification bodies across
 * several states, so a newcomer can run a request end to end. Every name is invented and ends "(demo)";
 * accreditation numbers start "DEMO-" and their certificates say they are not real.
 */

export interface DemoAccreditation {
  accreditationNumber: string;
  standards: Array<'iso27001' | 'iso27701' | 'iso9001' | 'iso22301'>;
  scopeNote: string;
  /** Years from the first start until it expires. */
  expiresInYears: number;
}

export interface DemoProvider {
  key: string;
  kind: ProviderKind;
  name: string;
  slug: string;
  owner: { name: string; email: string };
  profile: Omit<UpdateProviderProfileBody, 'version' | 'isPublished'>;
  accreditations?: DemoAccreditation[];
  /** Ties with demo consultancies (by key), for the affiliation register. */
  affiliations?: Array<{ consultancy: string; relationship: string; commissionPercent: number | null; startedOn: string }>;
}

const consultingRates = { dayRateMinCents: 140_000, dayRateMaxCents: 195_000 };

export const demoProviders: DemoProvider[] = [
  {
    key: 'paperbark',
    kind: 'consultant',
    name: 'Paperbark Health Security Advisory (demo)',
    slug: 'paperbark-health-security-demo',
    owner: { name: 'Morgan Ellis (demo)', email: 'morgan.ellis@paperbark-advisory.example' },
    profile: {
      summary: 'Small-practice ISMS builds: a gap analysis in the first fortnight, policies people read, and a clinic ready for its Stage 1 audit in about five months.',
      services: ['consulting', 'training'],
      standards: ['iso27001', 'essential_eight'],
      states: ['NSW', 'ACT'],
      isRemote: true,
      sectors: ['general_practice', 'allied_health', 'dental'],
      healthcareEngagements: 26,
      healthcareSummary: 'GP clinics of 10 to 60 staff, physiotherapy groups and two dental chains; most certified within nine months.',
      teamSize: 7,
      teamSummary: 'Two lead implementers, a privacy specialist and four consultants who have worked in practice management.',
      ...consultingRates,
      capacityPerMonth: 3,
    },
  },
  {
    key: 'saltbush',
    kind: 'consultant',
    name: 'Saltbush ISMS Consulting (demo)',
    slug: 'saltbush-isms-consulting-demo',
    owner: { name: 'Riley Tran (demo)', email: 'riley.tran@saltbush-isms.example' },
    profile: {
      summary: 'Hospital and aged-care ISMS programmes, with risk workshops run on the ward rather than in the boardroom.',
      services: ['consulting'],
      standards: ['iso27001', 'iso27701', 'nsqhs'],
      states: ['VIC', 'TAS', 'SA'],
      isRemote: false,
      sectors: ['hospital', 'day_surgery', 'aged_care', 'mental_health'],
      healthcareEngagements: 41,
      healthcareSummary: 'Private hospitals, day-surgery centres and residential aged-care groups with up to 900 staff.',
      teamSize: 15,
      teamSummary: 'Lead auditors turned consultants, a clinical informatics nurse and an OT security engineer.',
      dayRateMinCents: 165_000,
      dayRateMaxCents: 240_000,
      capacityPerMonth: 4,
    },
  },
  {
    key: 'coralfern',
    kind: 'consultant',
    name: 'Coralfern Clinical Compliance (demo)',
    slug: 'coralfern-clinical-compliance-demo',
    owner: { name: 'Jordan Pike (demo)', email: 'jordan.pike@coralfern.example' },
    profile: {
      summary: 'Remote-first help for pathology, imaging and telehealth providers spread across regional Australia.',
      services: ['consulting', 'training'],
      standards: ['iso27001', 'iso22301'],
      states: ['QLD', 'NT', 'WA'],
      isRemote: true,
      sectors: ['pathology', 'diagnostic_imaging', 'telehealth', 'community_health'],
      healthcareEngagements: 12,
      healthcareSummary: 'Multi-site pathology collectors and imaging groups; several with sites in remote communities.',
      teamSize: 4,
      teamSummary: 'Four consultants, each a certified lead implementer, working across time zones.',
      dayRateMinCents: 120_000,
      dayRateMaxCents: 170_000,
      capacityPerMonth: 2,
    },
  },
  {
    key: 'wattlebird',
    kind: 'certification_body',
    name: 'Wattlebird Certification (demo)',
    slug: 'wattlebird-certification-demo',
    owner: { name: 'Casey Moreau (demo)', email: 'casey.moreau@wattlebird-cert.example' },
    profile: {
      summary: 'ISO/IEC 27001 certification for health services, with auditors who have worked in clinics.',
      services: ['certification_audit'],
      standards: ['iso27001', 'iso27701'],
      states: ['NSW', 'VIC', 'QLD'],
      isRemote: true,
      sectors: ['general_practice', 'hospital', 'allied_health'],
      healthcareEngagements: 58,
      healthcareSummary: 'Initial certifications and surveillance audits for practices from 8 to 1,200 staff.',
      teamSize: 22,
      teamSummary: 'Eleven ISO/IEC 27001 lead auditors, four technical experts in health informatics.',
      dayRateMinCents: 180_000,
      dayRateMaxCents: 230_000,
      capacityPerMonth: 6,
      commissionPercent: 5,
      commissionNote: 'Pays a 5 % referral fee to Paperbark Health Security Advisory (demo) on clients it refers.',
    },
    accreditations: [
      { accreditationNumber: 'DEMO-JASANZ-27001-0417', standards: ['iso27001', 'iso27701'], scopeNote: 'Information security and privacy management systems; healthcare and social assistance.', expiresInYears: 3 },
    ],
    affiliations: [{ consultancy: 'paperbark', relationship: 'Referral partner (fictional)', commissionPercent: 5, startedOn: '2025-07-01' }],
  },
  {
    key: 'quokka',
    kind: 'certification_body',
    name: 'Quokka Audit & Certification (demo)',
    slug: 'quokka-audit-certification-demo',
    owner: { name: 'Drew Kaplan (demo)', email: 'drew.kaplan@quokka-audit.example' },
    profile: {
      summary: 'Certification audits across Western and South Australia, on site or remote for small sites.',
      services: ['certification_audit'],
      standards: ['iso27001', 'iso9001'],
      states: ['WA', 'SA'],
      isRemote: true,
      sectors: ['pathology', 'diagnostic_imaging', 'pharmacy', 'dental'],
      healthcareEngagements: 19,
      healthcareSummary: 'Pathology, imaging and pharmacy groups with many small sites, sampled under multi-site rules.',
      teamSize: 9,
      teamSummary: 'Five lead auditors and a scheme manager.',
      dayRateMinCents: 170_000,
      dayRateMaxCents: 210_000,
      capacityPerMonth: 4,
    },
    accreditations: [{ accreditationNumber: 'DEMO-JASANZ-27001-1182', standards: ['iso27001', 'iso9001'], scopeNote: 'Information security and quality management systems.', expiresInYears: 2 }],
  },
  {
    key: 'lyrebird',
    kind: 'certification_body',
    name: 'Lyrebird Assurance Registrar (demo)',
    slug: 'lyrebird-assurance-registrar-demo',
    owner: { name: 'Sasha Ivers (demo)', email: 'sasha.ivers@lyrebird-assurance.example' },
    profile: {
      summary: 'A specialist registrar for aged care, disability and mental-health services.',
      services: ['certification_audit'],
      standards: ['iso27001'],
      states: ['VIC', 'TAS', 'SA', 'NSW'],
      isRemote: false,
      sectors: ['aged_care', 'disability', 'mental_health', 'community_health'],
      healthcareEngagements: 33,
      healthcareSummary: 'Residential and home-care providers, disability services and community mental-health organisations.',
      teamSize: 12,
      teamSummary: 'Seven lead auditors with backgrounds in aged-care quality and clinical governance.',
      dayRateMinCents: 175_000,
      dayRateMaxCents: 220_000,
      capacityPerMonth: 3,
    },
    accreditations: [{ accreditationNumber: 'DEMO-JASANZ-27001-2290', standards: ['iso27001'], scopeNote: 'Information security management systems; health care and community services.', expiresInYears: 1 }],
  },
];

/** A one-page PDF saying the certificate is a demo, not a real accreditation. */
export function demoCertificatePdf(name: string, number: string): Buffer {
  const text = `DEMO CERTIFICATE - NOT A REAL ACCREDITATION. ${name.replace(/[()\\]/g, '')} ${number}`;
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}
