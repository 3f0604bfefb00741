import nodemailer from 'nodemailer';
import type { Logger } from '../core/logger.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { deliverPendingMail } from '../modules/mail/mail.service.ts';

const maxAttempts = 5;

/**
 * Without SMTP, each message becomes one readable log line with its link, so whoever runs Custodian
 * locally can open it (the owner's Outbox page shows the whole message too).
 */
export function loggedMailLine(mail: { to_address: string; subject: string; body_text: string }): string {
  const links = mail.body_text.match(/https?:\/\/\S+/g) ?? [];
  const subject = mail.subject.replace(/\s+/g, ' ');
  return `E-mail not sent (no SMTP configured) to ${mail.to_address}: "${subject}"${links.length ? ` — open ${links.join(' ')}` : ''}`;
}

export interface MailWorker {
  /** Asks the worker to look at the outbox now. */
  nudge: () => void;
  /** Sends everything pending, then resolves (used by tests and at shutdown). */
  drain: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Delivers queued mail. With an SMTP server configured it sends over SMTP; without one it writes each
 * message to the log and marks it "logged", so a local install still shows what would have been sent.
 * Polls every few seconds and whenever nudged; a failed send is retried up to five times.
 */
export function startMailWorker(options: {
  db: Kysely<DB>;
  smtpUrl: string | null;
  from: string;
  log: Logger;
  clock: () => Date;
  pollMs?: number;
}): MailWorker {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  let running: Promise<void> | null = null;
  let isAgainRequested = false;
  let isStopped = false;

  async function runOnce(): Promise<number> {
    return deliverPendingMail(options.db, 20, async (mail) => {
      const at = options.clock();
      if (!transport) {
        options.log.info({ mailId: mail.id, to: mail.to_address }, loggedMailLine(mail));
        return { status: 'logged', at };
      }
      try {
        await transport.sendMail({ from: options.from, to: mail.to_address, subject: mail.subject, text: mail.body_text });
        return { status: 'sent', at };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        options.log.warn({ err: error, mailId: mail.id }, 'mail delivery failed');
        return { status: mail.attempts + 1 >= maxAttempts ? 'failed' : 'pending', error: message, at };
      }
    });
  }

  async function loop(): Promise<void> {
    do {
      isAgainRequested = false;
      try {
        while ((await runOnce()) === 20 && !isStopped) {
          // a full batch means more may be waiting; failures wait for the next poll
        }
      } catch (error) {
        options.log.error({ err: error }, 'mail worker failed');
      }
    } while (isAgainRequested && !isStopped);
  }

  function nudge(): void {
    if (isStopped) return;
    if (running) {
      isAgainRequested = true;
      return;
    }
    running = loop().finally(() => {
      running = null;
    });
  }

  const timer = setInterval(nudge, options.pollMs ?? 5000);
  timer.unref();

  return {
    nudge,
    drain: async () => {
      nudge();
      while (running) await running;
    },
    stop: async () => {
      isStopped = true;
      clearInterval(timer);
      if (running) await running;
      transport?.close();
    },
  };
}
