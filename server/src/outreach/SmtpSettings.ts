import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import { can } from '@roster/shared';
import type { Sql } from '../db/client.ts';
import type { Workspaces } from '../domain/workspaces.ts';
import { isId } from '../ids.ts';
import { denied, fail, lineOfText, parseInput, type Result } from '../validation.ts';
import type { SecretBox } from './secretBox.ts';

export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/** What the settings page shows: everything but the password, which is never sent back. */
export interface SmtpView {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string | null;
  hasPassword: boolean;
  fromAddress: string;
  fromName: string | null;
  ratePerMinute: number;
}

/** What the sender needs: the view plus the decrypted password. */
export interface SmtpAccount extends SmtpView {
  password: string | null;
}

export const NO_KEY_MESSAGE =
  'Roster cannot store an SMTP password: OUTREACH_SECRET_KEY is not set on the server. Set it to 32 random bytes (openssl rand -hex 32) and restart Roster, then enter the password again.';
const UNREADABLE_MESSAGE =
  'The stored SMTP password cannot be read with the server’s OUTREACH_SECRET_KEY (the key changed or is missing). Enter the password again in Settings → Email.';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'is not a valid email address' }));
const optionalLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .optional()
    .transform((value) => (value ? value : null));

export const smtpSchema = z.object({
  host: lineOfText(253).refine((host) => /^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/.test(host), {
    message: 'must be a host name like smtp.example.com',
  }),
  port: z.coerce.number().int({ message: 'must be a whole number' }).min(1).max(65535),
  security: z.enum(SMTP_SECURITY, { message: 'must be TLS, STARTTLS or none' }),
  username: optionalLine(254),
  /** Empty: keep the stored password (or none). */
  password: z.string().max(500).optional(),
  /** Forget the stored password. */
  clearPassword: z.coerce.boolean().optional(),
  fromAddress: email,
  fromName: optionalLine(120),
  ratePerMinute: z.coerce.number().int({ message: 'must be a whole number' }).min(1).max(6000).default(60),
});

const LABELS = {
  host: 'Host',
  port: 'Port',
  security: 'Security',
  username: 'User name',
  password: 'Password',
  fromAddress: 'From address',
  fromName: 'From name',
  ratePerMinute: 'Messages per minute',
};

export interface TransportTimeouts {
  /** Each SMTP step (connect, greeting, any answer) must come within this (OUTREACH_SEND_TIMEOUT_MS / 3). */
  stepMs: number;
}

/** The nodemailer transport for an account. */
export function smtpTransport(account: SmtpAccount, timeouts: TransportTimeouts, { pool = false } = {}): Transporter {
  return nodemailer.createTransport({
    // The sender keeps one connection per workspace open between messages (a job is paced anyway).
    ...(pool ? { pool: true, maxConnections: 1, maxMessages: 100 } : {}),
    host: account.host,
    port: account.port,
    secure: account.security === 'tls',
    requireTLS: account.security === 'starttls',
    ignoreTLS: account.security === 'none',
    auth: account.username ? { user: account.username, pass: account.password ?? '' } : undefined,
    connectionTimeout: timeouts.stepMs,
    greetingTimeout: timeouts.stepMs,
    socketTimeout: timeouts.stepMs,
    logger: false,
    debug: false,
  });
}

/** The message an SMTP failure is shown with: the server's answer when there is one. */
export function smtpError(error: unknown): string {
  if (error && typeof error === 'object') {
    const { response, message } = error as { response?: unknown; message?: unknown };
    if (typeof response === 'string' && response) return response.slice(0, 500);
    if (typeof message === 'string' && message) return message.slice(0, 500);
  }
  return String(error).slice(0, 500);
}

/** A workspace's SMTP server: the owner's to set (policy `outreach.smtp`); the password encrypted at rest. */
export class SmtpSettings {
  constructor(
    private readonly sql: Sql,
    private readonly workspaces: Workspaces,
    private readonly box: SecretBox | null,
    private readonly timeouts: TransportTimeouts,
  ) {}

  /** Whether passwords can be stored (OUTREACH_SECRET_KEY is set). */
  get canStorePasswords(): boolean {
    return this.box !== null;
  }

  private async role(actorId: string, workspaceId: string) {
    if (!isId(workspaceId)) return null;
    return this.workspaces.roleOf(workspaceId, actorId);
  }

  /** The settings without the password, for any member (editors see whether email is set up); null when none. */
  async view(actorId: string, workspaceId: string): Promise<Result<{ smtp: SmtpView | null; canChange: boolean }>> {
    const role = await this.role(actorId, workspaceId);
    if (!role) return fail(404, 'workspace_not_found', 'Workspace not found.');
    const account = await this.read(workspaceId);
    return { ok: true, smtp: account ? withoutPassword(account) : null, canChange: can(role, 'outreach.smtp') };
  }

  async save(actorId: string, workspaceId: string, input: unknown): Promise<Result<{ smtp: SmtpView }>> {
    const role = await this.role(actorId, workspaceId);
    if (!role) return fail(404, 'workspace_not_found', 'Workspace not found.');
    if (!can(role, 'outreach.smtp')) return denied('outreach.smtp');
    const parsed = parseInput(smtpSchema, input, LABELS);
    if (!parsed.ok) return parsed;
    const value = parsed.value;
    let passwordEncrypted: string | null | undefined; // undefined: keep what is stored
    if (value.password) {
      if (!this.box) return fail(400, 'secret_key_missing', NO_KEY_MESSAGE, 'password');
      passwordEncrypted = this.box.encrypt(value.password, workspaceId);
    } else if (value.clearPassword || !value.username) {
      passwordEncrypted = null;
    }
    await this.sql`
      insert into smtp_settings (workspace_id, host, port, security, username, password_encrypted, from_address, from_name, rate_per_minute, updated_by)
      values (${workspaceId}, ${value.host}, ${value.port}, ${value.security}, ${value.username}, ${passwordEncrypted ?? null},
              ${value.fromAddress}, ${value.fromName}, ${value.ratePerMinute}, ${actorId})
      on conflict (workspace_id) do update set
        host = excluded.host, port = excluded.port, security = excluded.security, username = excluded.username,
        password_encrypted = ${passwordEncrypted === undefined ? this.sql`smtp_settings.password_encrypted` : passwordEncrypted},
        from_address = excluded.from_address, from_name = excluded.from_name,
        rate_per_minute = excluded.rate_per_minute, updated_by = excluded.updated_by, updated_at = now()`;
    return { ok: true, smtp: withoutPassword((await this.read(workspaceId))!) };
  }

  /** The stored account with its password decrypted; a Failure when the password cannot be read. */
  async account(workspaceId: string): Promise<Result<{ account: SmtpAccount }>> {
    const [row] = await this.sql<{ password_encrypted: string | null }[]>`
      select password_encrypted from smtp_settings where workspace_id = ${workspaceId}`;
    const account = await this.read(workspaceId);
    if (!row || !account)
      return fail(
        409,
        'smtp_not_set',
        'No email server is set up for this workspace. An owner sets it in Settings → Email.',
      );
    if (row.password_encrypted) {
      const password = this.box?.decrypt(row.password_encrypted, workspaceId) ?? null;
      if (password === null) return fail(409, 'smtp_password_unreadable', UNREADABLE_MESSAGE);
      return { ok: true, account: { ...account, password } };
    }
    return { ok: true, account };
  }

  /** Sends a short test email through the stored settings; the answer is the SMTP server's. */
  async sendTest(actorId: string, workspaceId: string, input: unknown): Promise<Result<{ to: string }>> {
    const role = await this.role(actorId, workspaceId);
    if (!role) return fail(404, 'workspace_not_found', 'Workspace not found.');
    if (!can(role, 'outreach.smtp')) return denied('outreach.smtp');
    const parsed = parseInput(z.object({ to: email }), input, { to: 'Send to' });
    if (!parsed.ok) return parsed;
    const found = await this.account(workspaceId);
    if (!found.ok) return found;
    const transport = smtpTransport(found.account, this.timeouts);
    try {
      await transport.sendMail({
        from: fromHeader(found.account),
        to: parsed.value.to,
        subject: 'Roster test email',
        text: 'This is a test email from Roster. Your SMTP settings work.',
      });
      return { ok: true, to: parsed.value.to };
    } catch (error) {
      return fail(400, 'smtp_failed', `The test email was not sent: ${smtpError(error)}`);
    } finally {
      transport.close();
    }
  }

  private async read(workspaceId: string): Promise<SmtpAccount | null> {
    const [row] = await this.sql<
      {
        host: string;
        port: number;
        security: SmtpSecurity;
        username: string | null;
        password_encrypted: string | null;
        from_address: string;
        from_name: string | null;
        rate_per_minute: number;
      }[]
    >`select host, port, security, username, password_encrypted, from_address, from_name, rate_per_minute
      from smtp_settings where workspace_id = ${workspaceId}`;
    if (!row) return null;
    return {
      host: row.host,
      port: row.port,
      security: row.security,
      username: row.username,
      hasPassword: row.password_encrypted !== null,
      password: null,
      fromAddress: row.from_address,
      fromName: row.from_name,
      ratePerMinute: row.rate_per_minute,
    };
  }
}

/** `"Name" <address>` (nodemailer quotes the name). */
export function fromHeader(account: Pick<SmtpAccount, 'fromAddress' | 'fromName'>) {
  return account.fromName ? { name: account.fromName, address: account.fromAddress } : account.fromAddress;
}

function withoutPassword(account: SmtpAccount): SmtpView {
  const { password: _password, ...view } = account;
  return view;
}
