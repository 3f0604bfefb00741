import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 that keeps every message it receives (the tests' mailbox). */
export async function startSmtpSink(): Promise<{
  port: number;
  messages: CapturedMail[];
  waitFor: (to: string, timeoutMs?: number) => Promise<CapturedMail>;
  close: () => Promise<void>;
}> {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  async function waitFor(to: string, timeoutMs = 15_000): Promise<CapturedMail> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = messages.find((m) => m.to.includes(to));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
  }
  return { port, messages, waitFor, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Decodes quoted-printable soft line breaks and escapes so links read back whole. */
export function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** The sink as the mail helpers need it. */
export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/**
 * The decoded text of the newest message to `to` whose text matches, waiting up to 15 s for it to
 * arrive (mail is delivered by the server's worker after the request that queued it).
 */
export async function mailTo(sink: SmtpSink, to: string, matching: RegExp): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const found = sink.messages
      .filter((m) => m.to.includes(to))
      .map((m) => decodeQuotedPrintable(m.raw))
      .reverse()
      .find((text) => matching.test(text));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} matching ${matching} within 15 s`);
}

/** The link to `path` (with its token: base64url, an invitation's also carries its organisation id and a dot) in the newest message to `to` whose text matches. */
export async function linkFromMail(sink: SmtpSink, to: string, matching: RegExp, path: string): Promise<string> {
  const text = await mailTo(sink, to, matching);
  const link = new RegExp(`(https?://[^/\\s]+${path}\\?token=[A-Za-z0-9_.-]+)`).exec(text)?.[1];
  if (!link) throw new Error(`no ${path} link in the mail to ${to}`);
  return link;
}
