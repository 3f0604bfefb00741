import type { DocumentTemplateKey } from '@custodian/shared/contracts/documents.ts';
import { escapeHtml } from './document-html.ts';
import { moreTemplates } from './document-templates-more.ts';

/** One section of a template: a heading, paragraphs and an optional list. `{org}` and `{owner}` are filled in. */
export interface TemplateSection {
  heading: string;
  paragraphs: string[];
  bullets?: string[];
}

export interface DocumentTemplate {
  key: DocumentTemplateKey;
  name: string;
  summary: string;
  /** The catalogue's mandatory document an approved copy meets, if any. */
  mandatoryId: string | null;
  sections: TemplateSection[];
}

const firstTemplates: DocumentTemplate[] = [
  {
    key: 'information-security',
    name: 'Information security policy',
    summary: 'The top-level policy: why the practice protects information, who is responsible, and the commitments it makes.',
    mandatoryId: 'iso27001:2022:doc:information-security-policy',
    sections: [
      { heading: 'Purpose', paragraphs: ['{org} looks after health information that patients trust us with. This policy sets out how we keep that information confidential, accurate and available to the clinicians who need it, and how we keep improving the way we do it.'] },
      { heading: 'Scope', paragraphs: ['It applies to everyone who works for or with {org} — employees, contractors, locums, students and volunteers — and to every system, device and paper record we use, at every site and when working remotely.'] },
      {
        heading: 'Our commitments',
        paragraphs: ['Leadership of {org} commits to:'],
        bullets: [
          'meet our legal, regulatory and contractual obligations, including the Privacy Act 1988 and the health records laws of our state or territory;',
          'set information security objectives each year and check progress at management review;',
          'assess information security risks and treat them in a planned way;',
          'give staff the training, time and tools they need to work securely;',
          'continually improve our information security management system (ISMS).',
        ],
      },
      { heading: 'Responsibilities', paragraphs: ['{owner} is responsible for this policy and for running the ISMS day to day. Managers make sure their teams know and follow it. Every person is responsible for protecting the information they handle and for reporting anything that looks wrong straight away.'] },
      { heading: 'Breaches of this policy', paragraphs: ['A breach of this policy may lead to disciplinary action. Reporting a mistake promptly is always better than hiding it: we treat honest reports as a chance to learn.'] },
    ],
  },
  {
    key: 'acceptable-use',
    name: 'Acceptable use policy',
    summary: 'What staff may and may not do with the practice’s systems, e-mail, internet and patient information.',
    mandatoryId: null,
    sections: [
      { heading: 'Purpose', paragraphs: ['This policy explains how people at {org} may use our computers, phones, e-mail, internet access and clinical systems.'] },
      {
        heading: 'You must',
        paragraphs: [],
        bullets: ['use practice systems for practice work, with only occasional, reasonable personal use;', 'look up a patient’s record only when you are involved in their care or need it for your job;', 'keep your passwords and access cards to yourself;', 'lock your screen whenever you step away;', 'report lost devices, suspicious e-mails and mistakes to {owner} at once.'],
      },
      {
        heading: 'You must not',
        paragraphs: [],
        bullets: ['send patient information to personal e-mail, messaging apps or cloud storage;', 'install software or connect unapproved devices to the practice network;', 'share screenshots or photos of patient information on social media;', 'try to get around security controls, even to save time.'],
      },
      { heading: 'Monitoring', paragraphs: ['{org} records access to clinical systems and may review those records to protect patients and staff. Records are reviewed only by authorised people and for a proper reason.'] },
    ],
  },
  {
    key: 'access-control',
    name: 'Access control policy',
    summary: 'Who gets access to what, how access is approved, reviewed and removed.',
    mandatoryId: null,
    sections: [
      { heading: 'Principles', paragraphs: ['At {org}, people get the access their role needs and no more. Every account belongs to one named person.'] },
      {
        heading: 'Granting and changing access',
        paragraphs: ['New access, and any increase, is requested by the person’s manager and approved by {owner} or the system owner. The request and approval are kept.'],
      },
      { heading: 'Removing access', paragraphs: ['Access is removed on a person’s last day, or sooner if their role changes. Shared and temporary accounts are disabled when no longer needed.'] },
      { heading: 'Reviews', paragraphs: ['Every three months, system owners review who has access to clinical and business systems and remove anything that is no longer needed. Administrator access is reviewed monthly.'] },
      { heading: 'Authentication', paragraphs: ['Remote access, e-mail and administrator accounts use multi-factor authentication. Passwords are long passphrases and are never reused across systems.'] },
    ],
  },
  {
    key: 'clinical-workstations',
    name: 'Clinical workstations and shared logins policy',
    summary: 'How consulting-room and front-desk computers are used safely, and why shared logins are avoided.',
    mandatoryId: null,
    sections: [
      { heading: 'Purpose', paragraphs: ['Computers in consulting rooms, treatment areas and reception at {org} are used by many people in a day. This policy keeps patient information on them private while keeping care quick.'] },
      {
        heading: 'Rules for workstations',
        paragraphs: [],
        bullets: ['every person signs in with their own account; clinical notes are written under the clinician’s own name;', 'screens lock automatically after a short idle time and are locked by hand when leaving the room;', 'screens face away from patients and visitors where possible;', 'no patient information is saved on the local computer or on USB drives.'],
      },
      { heading: 'Shared logins', paragraphs: ['Shared logins hide who did what and are not used for clinical systems. Where a device truly must be shared (for example a kiosk or a medical device), {owner} records it, limits what it can reach and reviews it every six months.'] },
      { heading: 'Fast user switching', paragraphs: ['Where the clinical system supports quick sign-in (a card tap or short PIN after a full sign-in), staff use it instead of leaving a colleague’s session open.'] },
    ],
  },
  {
    key: 'mobile-byod',
    name: 'Mobile devices and bring-your-own-device policy',
    summary: 'Rules for practice phones, tablets and laptops, and for personal devices used for work.',
    mandatoryId: null,
    sections: [
      { heading: 'Purpose', paragraphs: ['Phones, tablets and laptops make care flexible but are easily lost. This policy sets how {org} keeps information on them safe.'] },
      {
        heading: 'Every device used for work',
        paragraphs: [],
        bullets: ['is protected by a PIN, password or biometric and locks automatically;', 'has its operating system and apps kept up to date;', 'is encrypted;', 'can be wiped remotely if lost or stolen.'],
      },
      { heading: 'Personal devices', paragraphs: ['Staff may use a personal phone for practice e-mail and approved apps only after {owner} has enrolled it. Patient information stays in approved apps; it is never saved to the phone’s photo library or personal cloud storage. Clinical photos are taken only with the approved app.'] },
      { heading: 'Loss or theft', paragraphs: ['Report a lost or stolen device to {owner} straight away, day or night, so it can be wiped and accounts secured.'] },
    ],
  },
  {
    key: 'remote-work-telehealth',
    name: 'Remote work and telehealth policy',
    summary: 'Working from home and running video or phone consultations securely.',
    mandatoryId: null,
    sections: [
      { heading: 'Purpose', paragraphs: ['This policy covers work for {org} done away from our sites, including telehealth consultations.'] },
      {
        heading: 'Working remotely',
        paragraphs: [],
        bullets: ['connect only through the approved remote access with multi-factor authentication;', 'work where others cannot see your screen or hear patient conversations;', 'do not print patient information at home;', 'keep devices locked and out of reach of family members.'],
      },
      {
        heading: 'Telehealth consultations',
        paragraphs: [],
        bullets: ['use only the telehealth platform approved by {org};', 'confirm the patient’s identity at the start of each consultation;', 'do not record consultations unless the patient agrees and the recording is stored in the clinical record;', 'have a fallback (a phone call) if the video connection fails.'],
      },
    ],
  },
];

/** Every template, in the order the library shows them. */
export const documentTemplates: readonly DocumentTemplate[] = [...firstTemplates, ...moreTemplates];

/** The template's text as HTML, with the organisation's details filled in. */
export function templateHtml(template: DocumentTemplate, details: { org: string; owner: string; today: string }): string {
  const fill = (value: string) => escapeHtml(value.replaceAll('{org}', details.org).replaceAll('{owner}', details.owner));
  const intro = `<p><strong>${fill('{org}')}</strong> — ${fill(template.name)}. Prepared by ${fill('{owner}')} from the Custodian template on ${escapeHtml(details.today)}; review and adapt it before approval.</p>`;
  const body = template.sections.map((section) => {
    const paragraphs = section.paragraphs.map((p) => `<p>${fill(p)}</p>`).join('');
    const bullets = section.bullets ? `<ul>${section.bullets.map((b) => `<li>${fill(b)}</li>`).join('')}</ul>` : '';
    return `<h2>${fill(section.heading)}</h2>${paragraphs}${bullets}`;
  });
  return intro + body.join('');
}
