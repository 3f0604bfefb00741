import { z } from 'zod';
import { apiRoute, fileReply } from './api-route.ts';
import { okReply, recordVersion, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';

/**
 * Context and scope (clauses 4.1–4.3). Every entry the practice records is one scope item in one
 * part: the issues of 4.1, the interested parties of 4.2 and the scope builder's parts of 4.3. The
 * scope statement is generated from them (documented information, DOCX and PDF) and carries its own
 * revision: every change to any part is a new revision, and an approval names the revision approved.
 */
export const scopeSections = ['internal_issue', 'external_issue', 'interested_party', 'site', 'system', 'process', 'information_type', 'interface', 'exclusion'] as const;
export type ScopeSection = (typeof scopeSections)[number];

/** How each part is named: one entry, several, and the clause of ISO/IEC 27001:2022 it answers. */
export const scopeSectionLabels: Record<ScopeSection, { one: string; other: string; clause: '4.1' | '4.2' | '4.3' }> = {
  internal_issue: { one: 'Internal issue', other: 'Internal issues', clause: '4.1' },
  external_issue: { one: 'External issue', other: 'External issues', clause: '4.1' },
  interested_party: { one: 'Interested party', other: 'Interested parties', clause: '4.2' },
  site: { one: 'Site', other: 'Sites', clause: '4.3' },
  system: { one: 'System', other: 'Systems', clause: '4.3' },
  process: { one: 'Process', other: 'Processes', clause: '4.3' },
  information_type: { one: 'Type of information', other: 'Types of information', clause: '4.3' },
  interface: { one: 'Interface or dependency', other: 'Interfaces and dependencies', clause: '4.3' },
  exclusion: { one: 'Exclusion', other: 'Exclusions', clause: '4.3' },
};

/** The web pages of the scope, one per clause; the gap analysis links items 4.1–4.3 to them. */
export const scopePages = {
  context: { path: '/scope/context', clause: '4.1', title: 'Context: internal and external issues', sections: ['internal_issue', 'external_issue'] },
  parties: { path: '/scope/parties', clause: '4.2', title: 'Interested parties and their requirements', sections: ['interested_party'] },
  boundaries: { path: '/scope/boundaries', clause: '4.3', title: 'Scope builder', sections: ['site', 'system', 'process', 'information_type', 'interface', 'exclusion'] },
} as const satisfies Record<string, { path: string; clause: string; title: string; sections: readonly ScopeSection[] }>;
export type ScopePageKey = keyof typeof scopePages;

/** The scope page that answers a catalogue item (clauses 4.1, 4.2, 4.3), or null for any other item. */
export function scopePageForItem(itemId: string): (typeof scopePages)[ScopePageKey] | null {
  const page = Object.values(scopePages).find((candidate) => itemId === `iso27001:2022:${candidate.clause}`);
  return page ?? null;
}

export interface ScopeSuggestion {
  key: string;
  section: ScopeSection;
  name: string;
  description: string;
  requirements: string;
}

/**
 * One-click suggestions typical of an Australian healthcare practice, in our own words. Adding one
 * copies it into the organisation's scope (then it is theirs to edit); each can be added once.
 */
export const scopeSuggestions: readonly ScopeSuggestion[] = [
  {
    key: 'party.patients',
    section: 'interested_party',
    name: 'Patients and their carers',
    description: 'The people whose health information the practice holds.',
    requirements: 'Their health information is kept private, accurate and available when they need care; they can see and correct it; they are told if a breach is likely to cause them serious harm.',
  },
  {
    key: 'party.oaic',
    section: 'interested_party',
    name: 'Office of the Australian Information Commissioner (OAIC)',
    description: 'The regulator for the Privacy Act 1988 and the Notifiable Data Breaches scheme.',
    requirements: 'Compliance with the Australian Privacy Principles; eligible data breaches assessed within 30 days and notified to the OAIC and affected people.',
  },
  {
    key: 'party.adha',
    section: 'interested_party',
    name: 'Australian Digital Health Agency',
    description: 'The operator of My Health Record and the national digital health services the practice connects to.',
    requirements: 'My Health Record accessed only by authorised staff for care; a written access security policy; staff trained; conformant software; misuse reported.',
  },
  {
    key: 'party.hospitals',
    section: 'interested_party',
    name: 'Hospitals (contract partners)',
    description: 'Hospitals the practice exchanges referrals, discharge summaries and results with under agreement.',
    requirements: 'Secure exchange of clinical documents; confidentiality and security terms in agreements kept; incidents affecting shared information reported promptly.',
  },
  {
    key: 'party.phn',
    section: 'interested_party',
    name: 'Primary health network (contract partner)',
    description: 'The primary health network funding programs the practice delivers and receiving its data extracts.',
    requirements: 'Data shared only as the agreement allows, de-identified where required; funding conditions on privacy and security met.',
  },
  {
    key: 'party.insurers',
    section: 'interested_party',
    name: 'Insurers',
    description: 'Professional indemnity and cyber insurers.',
    requirements: 'The security measures declared in the policy are in place (backups, multi-factor sign-in, patching); incidents notified as the policy requires.',
  },
  {
    key: 'party.staff',
    section: 'interested_party',
    name: 'Staff and clinicians',
    description: 'Employed and contracted clinicians, reception and practice staff, locums and students.',
    requirements: 'Clear rules and training on handling health information; working systems to care for patients; their own personal information protected.',
  },
  {
    key: 'system.pms',
    section: 'system',
    name: 'Practice management software',
    description: 'Clinical records, appointments and billing.',
    requirements: '',
  },
  {
    key: 'system.mhr',
    section: 'system',
    name: 'My Health Record connection',
    description: "Uploading shared health summaries and viewing patients' records through the national system.",
    requirements: '',
  },
  {
    key: 'system.telehealth',
    section: 'system',
    name: 'Telehealth platform',
    description: 'Video and phone consultations with patients.',
    requirements: '',
  },
  {
    key: 'system.pathology_imaging',
    section: 'system',
    name: 'Pathology and imaging portals',
    description: 'Ordering tests and receiving results and reports from laboratories and radiology providers.',
    requirements: '',
  },
  {
    key: 'system.cloud_backup',
    section: 'system',
    name: 'Cloud backup',
    description: 'Off-site copies of the practice management database and files.',
    requirements: '',
  },
];

const text = (max: number) => z.string().max(max);
const name = z.string().trim().min(1, { message: 'Enter a name.' }).max(200);
const justificationMissing = { message: 'Give the reason this is excluded from the scope.', path: ['justification'] };

export const scopeItem = z.object({
  id: z.uuid(),
  section: z.enum(scopeSections),
  name: z.string(),
  description: z.string(),
  /** What an interested party needs from the practice (4.2); empty in other parts. */
  requirements: z.string(),
  /** Why something is left out of the scope (required for an exclusion). */
  justification: z.string(),
  /** The suggestion it was added from, if any. */
  suggestionKey: z.string().nullable(),
  /** Who added it (a contributor may delete only what they added). */
  createdByUserId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
  version: z.number().int(),
});
export type ScopeItem = z.infer<typeof scopeItem>;

export const scopeItemListQuery = listQuery({
  sorts: ['name', 'updatedAt'],
  sort: 'name',
  filters: { section: z.enum(scopeSections).optional(), q: z.string().trim().max(200).optional() },
});
export type ScopeItemListQuery = z.infer<typeof scopeItemListQuery>;

export const createScopeItemBody = z
  .strictObject({
    section: z.enum(scopeSections),
    name,
    description: text(5000).default(''),
    requirements: text(5000).default(''),
    justification: text(5000).default(''),
    suggestionKey: z.string().max(60).optional(),
  })
  .refine((body) => body.section !== 'exclusion' || (body.justification ?? '').trim().length > 0, justificationMissing);
export type CreateScopeItemBody = z.input<typeof createScopeItemBody>;

/** Only the fields that changed, with the version the editor read. The part cannot change. */
export const updateScopeItemBody = z.strictObject({
  version: recordVersion,
  name: name.optional(),
  description: text(5000).optional(),
  requirements: text(5000).optional(),
  justification: text(5000).optional(),
});
export type UpdateScopeItemBody = z.input<typeof updateScopeItemBody>;

/** The scope statement's state: its summary, its revision, and who last changed and approved it. */
export const scopeStatement = z.object({
  /** The practice's own words introducing the scope (what the ISMS covers and why). */
  summary: z.string(),
  /** The statement's revision: 0 before anything is recorded, one more with every change. */
  revision: z.number().int(),
  changedAt: z.string().nullable(),
  changedByName: z.string().nullable(),
  approvedRevision: z.number().int().nullable(),
  approvedAt: z.string().nullable(),
  approvedByName: z.string().nullable(),
  approvalNote: z.string(),
  /** True when the revision approved is the current one. */
  isApproved: z.boolean(),
  counts: z.record(z.enum(scopeSections), z.number().int()),
  version: z.number().int(),
});
export type ScopeStatement = z.infer<typeof scopeStatement>;

export const updateScopeStatementBody = z.strictObject({ version: recordVersion, summary: text(10000) });
export type UpdateScopeStatementBody = z.input<typeof updateScopeStatementBody>;

/** Approving names the revision the approver read: a change made meanwhile refuses it (409). */
export const approveScopeBody = z.strictObject({
  revision: z.number({ message: 'must be the revision of the statement you read' }).int().min(1).max(2_147_483_647),
  note: text(2000).default(''),
});
export type ApproveScopeBody = z.input<typeof approveScopeBody>;

const idParams = z.strictObject({ id: uuidParam });
const tag = 'scope';

/** Context and scope (4.1–4.3): issues, interested parties, the scope builder and the scope statement. */
export const scopeApi = {
  statement: apiRoute({ method: 'GET', path: '/scope/statement', access: 'scope.read', tag, summary: 'The scope statement: summary, revision, approval and counts', reply: scopeStatement }),
  updateStatement: apiRoute({
    method: 'PATCH',
    path: '/scope/statement',
    access: 'scope.write',
    tag,
    summary: "Change the scope statement's summary (send the version you read)",
    body: updateScopeStatementBody,
    reply: scopeStatement,
  }),
  approve: apiRoute({
    method: 'POST',
    path: '/scope/statement/approve',
    access: 'scope.write',
    tag,
    summary: 'Approve the current revision of the scope statement (owners and ISMS managers)',
    body: approveScopeBody,
    reply: scopeStatement,
  }),
  statementDocx: apiRoute({
    method: 'GET',
    path: '/scope/statement.docx',
    access: 'scope.read',
    tag,
    summary: 'Download the scope statement as a Word document',
    reply: fileReply('application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  }),
  statementPdf: apiRoute({ method: 'GET', path: '/scope/statement.pdf', access: 'scope.read', tag, summary: 'Download the scope statement as a PDF', reply: fileReply('application/pdf') }),
  list: apiRoute({ method: 'GET', path: '/scope/items', access: 'scope.read', tag, summary: 'List scope entries (one part or all)', query: scopeItemListQuery, reply: listOf(scopeItem) }),
  get: apiRoute({ method: 'GET', path: '/scope/items/:id', access: 'scope.read', tag, summary: 'One scope entry', params: idParams, reply: scopeItem }),
  create: apiRoute({ method: 'POST', path: '/scope/items', access: 'scope.write', tag, summary: 'Add a scope entry', body: createScopeItemBody, reply: scopeItem, status: 201 }),
  update: apiRoute({
    method: 'PATCH',
    path: '/scope/items/:id',
    access: 'scope.write',
    tag,
    summary: 'Change a scope entry (send the version you read)',
    params: idParams,
    body: updateScopeItemBody,
    reply: scopeItem,
  }),
  remove: apiRoute({ method: 'DELETE', path: '/scope/items/:id', access: 'scope.write', tag, summary: 'Delete a scope entry', params: idParams, reply: okReply }),
};
