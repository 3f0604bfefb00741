import type { DocumentTemplate } from './document-templates.ts';

/** The second half of the policy library (split only to keep files short). */
export const moreTemplates: DocumentTemplate[] = [
  {
    key: 'backup',
    name: 'Backup policy',
    summary: 'What is backed up, how often, where copies are kept and how restores are tested.',
    mandatoryId: null,
    sections: [
      { heading: 'Purpose', paragraphs: ['If a system fails or ransomware strikes, {org} must be able to get its clinical and business records back quickly and completely.'] },
      {
        heading: 'What we back up',
        paragraphs: [],
        bullets: ['the clinical system database and attachments, every day;', 'practice management, billing and shared files, every day;', 'system configuration, after every significant change.'],
      },
      { heading: 'Where copies are kept', paragraphs: ['At least one copy is kept off site or in the cloud, and at least one copy is offline or cannot be changed once written, so an attacker inside our network cannot delete every copy. Backups are encrypted.'] },
      { heading: 'Testing', paragraphs: ['{owner} arranges a test restore at least every three months and records how long it took and whether anything was missing. Failed backups are followed up the same day.'] },
    ],
  },
  {
    key: 'incident-response',
    name: 'Information security incident response policy',
    summary: 'How incidents are reported, handled, and notified under the Notifiable Data Breaches scheme.',
    mandatoryId: null,
    sections: [
      { heading: 'Purpose', paragraphs: ['This policy sets out what {org} does when something goes wrong with information security: a lost device, a misdirected letter, a phishing e-mail that worked, or a system outage.'] },
      { heading: 'Report it', paragraphs: ['Anyone who notices a possible incident tells {owner} straight away. Do not try to investigate on your own, and do not delete anything.'] },
      {
        heading: 'Handle it',
        paragraphs: [],
        bullets: ['contain: stop the harm spreading (disconnect, reset passwords, recall the message);', 'assess: what information, whose, and how likely serious harm is;', 'recover: restore systems and records;', 'learn: record what happened and what we will change.'],
      },
      { heading: 'Notify', paragraphs: ['If an eligible data breach is suspected, {org} completes its assessment within 30 days. Where serious harm is likely, we notify the people affected and the Office of the Australian Information Commissioner as soon as practicable. My Health Record incidents are also reported as that system requires.'] },
    ],
  },
  {
    key: 'supplier-security',
    name: 'Supplier security policy',
    summary: 'Checking and managing suppliers who handle the practice’s information or systems.',
    mandatoryId: null,
    sections: [
      { heading: 'Purpose', paragraphs: ['{org} relies on suppliers for clinical software, IT support, pathology and imaging links, hosting and more. Their security is part of ours.'] },
      {
        heading: 'Before we sign',
        paragraphs: [],
        bullets: ['ask how the supplier protects our information and where it is stored;', 'check certifications or independent reports where they exist;', 'make sure the contract covers confidentiality, breach notification, return of data and the right to ask questions.'],
      },
      { heading: 'While we work together', paragraphs: ['{owner} keeps a list of suppliers with access to our information, reviews the important ones every year, and makes sure supplier accounts are named, limited and removed when no longer needed.'] },
    ],
  },
  {
    key: 'cryptography',
    name: 'Cryptography policy',
    summary: 'Where encryption is required and how keys and certificates are looked after.',
    mandatoryId: null,
    sections: [
      { heading: 'Purpose', paragraphs: ['Encryption keeps information unreadable to anyone without the key. This policy says where {org} requires it.'] },
      {
        heading: 'Where we encrypt',
        paragraphs: [],
        bullets: ['laptops, phones, tablets and removable media;', 'backups;', 'information sent over the internet, including e-mail links, web portals and telehealth;', 'remote access connections.'],
      },
      { heading: 'Keys and certificates', paragraphs: ['Recovery keys and certificates are recorded by {owner}, stored securely away from the devices they protect, and renewed before they expire. Only current, well-supported encryption settings are used.'] },
    ],
  },
  {
    key: 'clean-desk',
    name: 'Clean desk and clear screen policy',
    summary: 'Keeping paper and screens clear of patient information when unattended.',
    mandatoryId: null,
    sections: [
      { heading: 'Purpose', paragraphs: ['Patients, visitors and cleaners pass through our rooms. At {org}, nothing private is left where they can see it.'] },
      {
        heading: 'Every day',
        paragraphs: [],
        bullets: ['lock your screen when you leave your desk or room;', 'put referrals, results and forms away in a locked drawer or cabinet when not in use;', 'collect printing straight away;', 'put paper with personal information in the secure shredding bin, never the recycling;', 'keep reception desks clear of day lists and notes.'],
      },
    ],
  },
  {
    key: 'records-retention',
    name: 'Records retention and disposal policy',
    summary: 'How long health and business records are kept, aligned to Australian health records rules, and how they are destroyed.',
    mandatoryId: null,
    sections: [
      { heading: 'Purpose', paragraphs: ['{org} keeps records as long as the law and good care require, and then destroys them securely. Australian Privacy Principle 11 asks us to destroy or de-identify personal information we no longer need, unless a law requires us to keep it.'] },
      {
        heading: 'How long we keep health records',
        paragraphs: ['Several state and territory laws set minimum periods for health records held by private providers (for example in New South Wales, Victoria and the ACT). As a common baseline, {org} keeps:'],
        bullets: ['records of an adult for at least 7 years after the last time we provided a health service to them;', 'records of a person seen as a child until they turn 25, or for 7 years after the last service, whichever is later;', 'longer where a law, a professional body, an insurer or an open complaint or claim requires it.'],
      },
      { heading: 'Check your jurisdiction', paragraphs: ['{owner} confirms the periods for each state or territory where {org} provides care, and records any longer period that applies, before this policy is approved.'] },
      { heading: 'Disposal', paragraphs: ['Paper records are shredded by an approved service that provides a certificate of destruction. Electronic records are deleted in a way that cannot be recovered, and devices are wiped or destroyed before disposal. We keep a register of what was destroyed, when and by whom — never the records themselves.'] },
    ],
  },
];
