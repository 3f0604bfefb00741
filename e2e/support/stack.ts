import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { launchChromium } from './browser.ts';
import { startServerProcess } from './server-process.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

export type ServerProcess = Awaited<ReturnType<typeof startServerProcess>>;

/** What an e2e file runs against: the real server as its own process, a real SMTP sink, Chromium. */
export interface E2eStack {
  server: ServerProcess;
  /** The SMTP sink (not started with `isWithoutMailServer`). */
  smtp: SmtpSink;
  browser: Browser;
  /**
   * A new browser context as an Australian clinic's browser would be (en-AU, Sydney time) with one
   * page whose steps wait at most 15 s. With `problems`, every console error and refused request
   * (4xx/5xx) of the context is added to that list.
   */
  newPage: (options?: BrowserContextOptions & { problems?: string[] }) => Promise<{ context: BrowserContext; page: Page }>;
  /**
   * Stops the server and starts it again on the same data directory and settings (on a new port: pages
   * must be opened again), e.g. after a CLI command, which cannot share the embedded database with a
   * running server. Runs `between` while the server is down.
   */
  restartServer: (between?: (dataDir: string) => Promise<void>) => Promise<ServerProcess>;
}

/**
 * Starts the stack before the file's tests (a fresh embedded data directory, no demo unless the env
 * turns it on, mail to the sink unless `isWithoutMailServer`: then the server prints each mail's link;
 * migrated from the suite's template unless `isFromEmptyDataDir`) and stops it after them, even when a step failed. Call it at the top
 * of an e2e file; the hooks it registers run before the file's own.
 */
export function useE2eStack(
  options: { env?: Record<string, string>; hostName?: string; isWithoutMailServer?: boolean; isFromEmptyDataDir?: boolean } = {},
): E2eStack {
  const stack = {} as E2eStack;
  // What every page of the file saw go wrong (console errors, refused requests), printed with the
  // server's log when a step fails: a CI log then says why a page never showed what the step waited for.
  const seen: string[] = [];
  beforeEach(({ onTestFailed }) => {
    const from = seen.length;
    onTestFailed(({ task }) => {
      const report = [
        `--- what the browser saw go wrong during the step:`,
        seen.slice(from).join('\n') || '(nothing)',
        `--- the end of the server's log (warnings and errors):`,
        stack.server?.output().slice(-2_500) || '(empty)',
      ].join('\n');
      // Added to the error itself, so the failure summary at the end of a run (the part a CI log keeps) carries it.
      const error = task.result?.errors?.[0];
      if (error) error.message = `${error.message}\n${report}`;
      else console.error(report);
    });
  });
  beforeAll(async () => {
    const mail: Record<string, string> = {};
    if (!options.isWithoutMailServer) {
      stack.smtp = await startSmtpSink();
      Object.assign(mail, { SMTP_URL: `smtp://127.0.0.1:${stack.smtp.port}`, MAIL_FROM: 'Custodian <no-reply@custodian.test>' });
    }
    const env = { ...mail, CUSTODIAN_DEMO: 'false', ...options.env };
    const serverOptions = options.hostName ? { hostName: options.hostName } : {};
    // A copy of the suite's migrated data directory (data-dir-template.ts), unless the file tests the first start.
    const templateDir = options.isFromEmptyDataDir ? undefined : inject('e2eDataDirTemplate');
    stack.server = await startServerProcess(env, { ...serverOptions, ...(templateDir ? { templateDir } : {}) });
    stack.restartServer = async (between) => {
      const { dataDir } = stack.server;
      await stack.server.stop();
      await between?.(dataDir);
      stack.server = await startServerProcess({ ...env, CUSTODIAN_DATA_DIR: dataDir }, serverOptions);
      return stack.server;
    };
    stack.browser = await launchChromium();
    stack.newPage = async ({ problems, ...contextOptions } = {}) => {
      const context = await stack.browser.newContext({ locale: 'en-AU', timezoneId: 'Australia/Sydney', ...contextOptions });
      const note = (problem: string) => {
        seen.push(`${new Date().toISOString()} ${problem}`);
        problems?.push(problem);
      };
      context.on('console', (message) => void (message.type() === 'error' && note(`console error: ${message.text()}`)));
      context.on('response', (response) => void (response.status() >= 400 && note(`${response.status()} ${response.request().method()} ${response.url()}`)));
      // Slow or failed requests only go to the failure report, not to the caller's list of problems.
      context.on('requestfailed', (request) => void seen.push(`${new Date().toISOString()} failed ${request.method()} ${request.url()}: ${request.failure()?.errorText ?? ''}`));
      context.on('requestfinished', (request) => {
        const took = request.timing().responseEnd;
        if (took > 2_000) seen.push(`${new Date().toISOString()} slow (${Math.round(took)} ms) ${request.method()} ${request.url()}`);
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return { context, page };
    };
  });
  afterAll(async () => {
    await stack.browser?.close();
    await stack.server?.stop();
    await stack.smtp?.close();
  });
  return stack;
}
