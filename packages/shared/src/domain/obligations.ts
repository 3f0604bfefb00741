/**
 * A dated obligation: something the organisation has promised to do by a date (a policy review, a
 * corrective action, a surveillance audit, a training course…). Every module that keeps dates exports
 * its obligations through its service in this one shape; the guided path collects them for the
 * dashboard, the calendar feed (ICS) and the e-mail reminders, so a new kind of date reaches all three
 * by being listed once.
 */
export interface DatedObligation {
  /** Stable across reads, unique in the organisation: `<kind>:<record id>[:<which date>]`. Used as the ICS UID. */
  key: string;
  /** The module's own word for the record, e.g. 'policy-review', 'corrective-action', 'surveillance-audit'. */
  kind: string;
  /** What is due, in words a clinic understands: "Review the Acceptable use policy". */
  title: string;
  /** The calendar day it is due, in the organisation's time zone: `yyyy-mm-dd`. */
  dueOn: string;
  /** The member who owns it (user id), when there is one; the feed and reminders go to this person. */
  ownerUserId: string | null;
  /** Where in the app the obligation is dealt with, e.g. `/documents/<id>` (a path of the web app). */
  href: string;
  /** Done obligations are kept out of the feed and reminders. */
  isDone: boolean;
}
