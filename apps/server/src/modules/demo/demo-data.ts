import type { GapStatus } from '@custodian/shared/contracts/gap.ts';
import type { ScopeSection } from '@custodian/shared/contracts/scope.ts';

/** Harbourside Family Clinic (demo): a 20-person GP clinic part-way through its gap analysis. */
export const demoOrganisation = 'Harbourside Family Clinic (demo)';

export const demoPeople = [
  { key: 'owner', name: 'Jo Harper (demo)', email: 'demo@harbourside.example', role: 'owner' },
  { key: 'it', name: 'Sam Nguyen (demo)', email: 'sam.nguyen@harbourside.example', role: 'isms_manager' },
  { key: 'gp', name: 'Dr Alex Chen (demo)', email: 'alex.chen@harbourside.example', role: 'contributor' },
  { key: 'reception', name: 'Mia Rossi (demo)', email: 'mia.rossi@harbourside.example', role: 'staff' },
] as const;

export type DemoPersonKey = (typeof demoPeople)[number]['key'];

export interface DemoEntry {
  ref: string;
  status: GapStatus;
  owner?: DemoPersonKey;
  /** Days from today; negative dates are already past (overdue if not finished). */
  dueInDays?: number;
  notes?: string;
  justification?: string;
}

export const demoEntries: DemoEntry[] = [
  { ref: '4.1', status: 'implemented', owner: 'owner', notes: 'Context statement agreed at the March practice meeting (demo).' },
  { ref: '4.2', status: 'implemented', owner: 'owner', notes: 'Interested parties: patients, PHN, My Health Record System Operator, insurers, AHPRA (demo).' },
  { ref: '4.3', status: 'partial', owner: 'owner', dueInDays: 14, notes: 'Draft scope covers the clinic and the cloud practice management system; allied-health rooms still to decide (demo).' },
  { ref: '4.4', status: 'partial', owner: 'owner', dueInDays: 30 },
  { ref: '5.1', status: 'partial', owner: 'owner', dueInDays: 21, notes: 'Principal GP supports the project; ISMS roles not yet minuted (demo).' },
  { ref: '5.2', status: 'implemented', owner: 'owner', notes: 'Information security policy approved by the principal (demo).' },
  { ref: '5.3', status: 'partial', owner: 'owner', dueInDays: -5, notes: 'Roles drafted; waiting on sign-off (demo).' },
  { ref: '6.1.1', status: 'partial', owner: 'it', dueInDays: 20 },
  { ref: '6.1.2', status: 'partial', owner: 'it', dueInDays: 10, notes: 'Risk method chosen (5×5 matrix); assessment half done (demo).' },
  { ref: '6.1.3', status: 'not_started', owner: 'it', dueInDays: 45 },
  { ref: '6.2', status: 'not_started', owner: 'owner', dueInDays: 40 },
  { ref: '7.2', status: 'partial', owner: 'owner', dueInDays: -12, notes: 'Privacy training records for reception incomplete (demo).' },
  { ref: '7.3', status: 'partial', owner: 'owner', dueInDays: 30 },
  { ref: '7.5.1', status: 'partial', owner: 'owner', dueInDays: 30 },
  { ref: 'A.5.1', status: 'implemented', owner: 'owner', notes: 'Policy set published on the staff intranet (demo).' },
  { ref: 'A.5.2', status: 'partial', owner: 'owner', dueInDays: 21 },
  { ref: 'A.5.9', status: 'partial', owner: 'it', dueInDays: 14, notes: 'Asset list exported from the MSP’s tool; medical devices still missing (demo).' },
  { ref: 'A.5.10', status: 'implemented', owner: 'owner' },
  { ref: 'A.5.15', status: 'implemented', owner: 'it', notes: 'Role-based access in the practice management system reviewed quarterly (demo).' },
  { ref: 'A.5.17', status: 'partial', owner: 'it', dueInDays: -3, notes: 'Shared reception log-in still in use on one workstation (demo).' },
  { ref: 'A.5.19', status: 'partial', owner: 'it', dueInDays: 60 },
  { ref: 'A.5.24', status: 'partial', owner: 'owner', dueInDays: 30, notes: 'Incident procedure drafted, including the NDB 30-day assessment (demo).' },
  { ref: 'A.5.34', status: 'implemented', owner: 'owner', notes: 'Privacy policy aligned with the Australian Privacy Principles (demo).' },
  { ref: 'A.6.1', status: 'implemented', owner: 'owner', notes: 'AHPRA registration and police checks on file for clinical staff (demo).' },
  { ref: 'A.6.3', status: 'partial', owner: 'owner', dueInDays: 30 },
  { ref: 'A.6.7', status: 'not_applicable', justification: 'No staff work remotely; telehealth consults are run from consulting rooms on clinic equipment (demo).' },
  { ref: 'A.7.1', status: 'implemented', owner: 'owner' },
  { ref: 'A.7.2', status: 'implemented', owner: 'owner', notes: 'Swipe access to the back office and server cupboard (demo).' },
  { ref: 'A.7.7', status: 'partial', owner: 'reception', dueInDays: 7, notes: 'Screen-lock reminders at reception; clear desk not yet checked (demo).' },
  { ref: 'A.8.1', status: 'partial', owner: 'it', dueInDays: 30 },
  { ref: 'A.8.5', status: 'implemented', owner: 'it', notes: 'MFA on the practice management system and Microsoft 365 (demo).' },
  { ref: 'A.8.7', status: 'implemented', owner: 'it' },
  { ref: 'A.8.8', status: 'partial', owner: 'it', dueInDays: -20, notes: 'Patching of the imaging workstation is behind (demo).' },
  { ref: 'A.8.13', status: 'implemented', owner: 'it', notes: 'Nightly encrypted backups; restore tested in June (demo).' },
  { ref: 'A.8.25', status: 'not_applicable', justification: 'The clinic develops no software; all systems are bought off the shelf or as cloud services (demo).' },
  { ref: 'A.8.26', status: 'not_applicable', justification: 'No in-house application development (demo).' },
  { ref: 'A.8.27', status: 'not_applicable', justification: 'No in-house system architecture or development (demo).' },
  { ref: 'A.8.28', status: 'not_applicable', justification: 'The clinic writes no code (demo).' },
  { ref: 'A.8.29', status: 'not_applicable', justification: 'No in-house development, so no security testing in development (demo).' },
  { ref: 'A.8.30', status: 'not_applicable', justification: 'No software development is outsourced; suppliers deliver finished products (demo).' },
  { ref: 'A.8.31', status: 'not_applicable', justification: 'No development or test environments exist (demo).' },
  { ref: 'Doc 4.3', status: 'partial', owner: 'owner', dueInDays: 14 },
  { ref: 'Doc 5.2', status: 'implemented', owner: 'owner' },
];

/** The demo clinic's context and scope (4.1–4.3): a draft scope statement, not yet approved. */
export const demoScopeSummary = 'All clinical and administrative services of Harbourside Family Clinic at its one site, the people who deliver them and the systems that hold patient information (demo).';

export const demoScopeEntries: Array<{ section: ScopeSection; name: string; description?: string; requirements?: string; justification?: string; suggestionKey?: string }> = [
  { section: 'internal_issue', name: 'Reliance on locum GPs (demo)', description: 'Locums start at short notice and need accounts the same day.' },
  { section: 'internal_issue', name: 'Small practice team, no in-house IT (demo)', description: 'IT support comes from an external provider two days a week.' },
  { section: 'external_issue', name: 'Ransomware aimed at general practice (demo)', description: 'Sector alerts describe attacks on practice management systems.' },
  { section: 'external_issue', name: 'Privacy Act reforms (demo)', description: 'Stronger penalties and new rights for individuals are expected.' },
  { section: 'interested_party', name: 'Patients and their carers (demo)', suggestionKey: 'party.patients', requirements: 'Their health information is kept private and available when they need care; they are told of a breach likely to cause serious harm (demo).' },
  { section: 'interested_party', name: 'Primary health network (contract partner) (demo)', suggestionKey: 'party.phn', requirements: 'Data extracts shared only as the funding agreement allows (demo).' },
  { section: 'site', name: 'Harbourside clinic, 12 Wharf Street (demo)', description: 'Consulting rooms, treatment room, reception and the records room.' },
  { section: 'system', name: 'Practice management software (demo)', suggestionKey: 'system.pms', description: 'Cloud-hosted clinical records, appointments and billing (demo).' },
  { section: 'system', name: 'Cloud backup (demo)', suggestionKey: 'system.cloud_backup', description: 'Nightly off-site copies of the practice files (demo).' },
  { section: 'information_type', name: 'Patient health records (demo)', description: 'Consultation notes, results, referrals and correspondence.' },
  { section: 'interface', name: 'Pathology results feed (demo)', description: 'Results arrive from the pathology provider through secure messaging.' },
  { section: 'exclusion', name: 'Allied-health rooms leased to other practices (demo)', justification: 'Run by separate businesses on their own systems; the clinic holds none of their records.' },
];
