import { join } from 'node:path';
import { z } from 'zod';
import type { S3Settings } from './lib/blob-store/s3-blob-store.ts';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  CUSTODIAN_DATA_DIR: z.string().min(1).default('./data'),
  CUSTODIAN_DEMO: booleanFlag.default(true),
  CUSTODIAN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Custodian <no-reply@custodian.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(3).max(50).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(10).default(600),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  API_TOKEN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  TRUST_PROXY: booleanFlag.default(false),
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(60),
  STEP_UP_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  LEAD_RESPONSE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(72),
  EVIDENCE_STORE: z.enum(['disk', 's3'], { message: 'must be disk or s3' }).default('disk'),
  EVIDENCE_DIR: z.string().min(1).optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// address' }).optional(),
  S3_REGION: z.string().min(1).default('ap-southeast-2'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3–63 lower-case letters, digits, dots and hyphens)').optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: booleanFlag.default(false),
});

/** Where evidence files are kept: a folder (the data directory's `evidence` by default) or an S3-compatible bucket. */
export type EvidenceStoreConfig = { kind: 'disk'; dir: string } | ({ kind: 's3' } & S3Settings);

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | null;
  dataDir: string;
  isDemoEnabled: boolean;
  secret: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  loginLockoutMinutes: number;
  rateLimitPerMinute: number;
  authRateLimitPerMinute: number;
  /** Requests per minute per API token. */
  apiTokenRateLimitPerMinute: number;
  isBehindProxy: boolean;
  /** Where signed audit checkpoints are written, one file per organisation (outside the database). */
  auditCheckpointDir: string;
  /** At most one checkpoint per organisation per this many seconds (and on demand). */
  auditCheckpointSeconds: number;
  /** How long confirming it's you (password or passkey again) counts for sensitive actions in a session. */
  stepUpSeconds: number;
  /** How long a provider has to accept or decline a lead before it passes to the next provider. */
  leadResponseHours: number;
  /** Where uploaded evidence files are stored (content-addressed by SHA-256). */
  evidenceStore: EvidenceStoreConfig;
}

/** The settings table the README documents: name, default, meaning. */
export const settingDescriptions: Record<keyof z.infer<typeof envSchema>, string> = {
  PORT: 'HTTP port',
  HOST: 'Interface to listen on',
  PUBLIC_URL: 'Address people use to reach Custodian (links in e-mails); https enables Secure cookies',
  DATABASE_URL: 'PostgreSQL server; when unset the embedded PGlite database is used',
  CUSTODIAN_DATA_DIR: 'Directory of the embedded database and the generated secret',
  CUSTODIAN_DEMO: 'Create the demo organisation on first start',
  CUSTODIAN_SECRET: 'Key that encrypts MFA secrets; generated into the data directory when unset',
  SMTP_URL: 'SMTP server for outgoing mail; when unset mail is written to the log and the outbox',
  MAIL_FROM: 'Sender address of outgoing mail',
  LOG_LEVEL: 'Log level',
  SESSION_IDLE_MINUTES: 'Session ends after this many idle minutes',
  SESSION_ABSOLUTE_HOURS: 'Session ends this many hours after login regardless of activity',
  LOGIN_MAX_FAILURES: 'Failed logins before an account is locked',
  LOGIN_LOCKOUT_MINUTES: 'How long a locked account stays locked',
  RATE_LIMIT_PER_MINUTE: 'Requests per minute per client address across the API',
  AUTH_RATE_LIMIT_PER_MINUTE: 'Requests per minute per client address to sign-up, login and MFA',
  API_TOKEN_RATE_LIMIT_PER_MINUTE: 'Requests per minute per API token',
  TRUST_PROXY: 'Trust X-Forwarded-* headers from a reverse proxy',
  AUDIT_CHECKPOINT_DIR: 'Directory of the signed audit-trail checkpoints (one file per organisation); default audit-checkpoints in the data directory',
  AUDIT_CHECKPOINT_SECONDS: 'At most one audit checkpoint per organisation per this many seconds',
  LEAD_RESPONSE_HOURS: 'Hours a marketplace provider has to answer a lead before it passes to the next provider',
  EVIDENCE_STORE: 'Where uploaded evidence files are kept: disk (a folder) or s3 (an S3-compatible bucket, set S3_BUCKET)',
  EVIDENCE_DIR: 'Folder of the evidence files when EVIDENCE_STORE is disk; default evidence in the data directory',
  S3_ENDPOINT: 'Address of an S3-compatible store (MinIO, Ceph, another provider); unset for AWS S3 itself',
  S3_REGION: 'Region of the S3 bucket',
  S3_BUCKET: 'Bucket of the evidence files when EVIDENCE_STORE is s3 (required then)',
  S3_ACCESS_KEY_ID: 'Access key of the S3 bucket; with S3_SECRET_ACCESS_KEY, or neither to use the instance or container role',
  S3_SECRET_ACCESS_KEY: 'Secret key of the S3 bucket (with S3_ACCESS_KEY_ID)',
  S3_FORCE_PATH_STYLE: 'Put the bucket in the path rather than the host name (most S3-compatible stores need true)',
  STEP_UP_SECONDS: "How long confirming it's you (password or passkey again) counts for sensitive actions such as turning off two-step verification",
};

/**
 * Parses the environment once. On any problem it returns every error at once so the operator can fix
 * them together. Nothing else in the server reads process.env.
 */
export function parseConfig(
  env: Record<string, string | undefined>,
  argv: readonly string[] = [],
): { ok: true; config: Config } | { ok: false; errors: string[] } {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    };
  }
  const e = parsed.data;
  const storeErrors = [
    ...(e.EVIDENCE_STORE === 's3' && !e.S3_BUCKET ? ['S3_BUCKET: is required when EVIDENCE_STORE is s3'] : []),
    ...(Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY) ? ['S3_ACCESS_KEY_ID: give both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither'] : []),
  ];
  if (storeErrors.length > 0) return { ok: false, errors: storeErrors };
  const evidenceStore: EvidenceStoreConfig =
    e.EVIDENCE_STORE === 's3'
      ? {
          kind: 's3',
          endpoint: e.S3_ENDPOINT ?? null,
          region: e.S3_REGION,
          bucket: e.S3_BUCKET ?? '',
          credentials: e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : null,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        }
      : { kind: 'disk', dir: e.EVIDENCE_DIR ?? join(e.CUSTODIAN_DATA_DIR, 'evidence') };
  const isDemoEnabled = argv.includes('--no-demo') ? false : e.CUSTODIAN_DEMO;
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
      databaseUrl: e.DATABASE_URL ?? null,
      dataDir: e.CUSTODIAN_DATA_DIR,
      isDemoEnabled,
      secret: e.CUSTODIAN_SECRET ?? null,
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.MAIL_FROM,
      logLevel: e.LOG_LEVEL,
      sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
      loginMaxFailures: e.LOGIN_MAX_FAILURES,
      loginLockoutMinutes: e.LOGIN_LOCKOUT_MINUTES,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      authRateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
      apiTokenRateLimitPerMinute: e.API_TOKEN_RATE_LIMIT_PER_MINUTE,
      isBehindProxy: e.TRUST_PROXY,
      auditCheckpointDir: e.AUDIT_CHECKPOINT_DIR ?? join(e.CUSTODIAN_DATA_DIR, 'audit-checkpoints'),
      auditCheckpointSeconds: e.AUDIT_CHECKPOINT_SECONDS,
      stepUpSeconds: e.STEP_UP_SECONDS,
      leadResponseHours: e.LEAD_RESPONSE_HOURS,
      evidenceStore,
    },
  };
}
