import { z } from 'zod';
import type { Sql } from '../db/client.ts';
import { hashPassword, verifyNothing, verifyPassword } from '../auth/password.ts';
import { SignInThrottle } from '../auth/signInThrottle.ts';
import type { SessionStore, SessionUser } from '../auth/sessions.ts';
import { newId } from '../ids.ts';
import { fail, lineOfText, parseInput, type Result } from '../validation.ts';
import type { Workspaces } from './workspaces.ts';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'is not a valid email address' }));
const password = z
  .string()
  .min(8, { message: 'must be at least 8 characters' })
  .max(256, { message: 'must be at most 256 characters' });

export const signUpSchema = z.object({
  name: lineOfText(100),
  email,
  password,
});
export const logInSchema = z.object({ email, password: z.string().min(1, { message: 'is required' }).max(256) });
export const changePasswordSchema = z.object({ currentPassword: z.string().max(256), newPassword: password });

const LOGIN_FAILED = 'Email or password is wrong.';
const RATE_LIMITED = 'Too many sign-in attempts. Wait a few minutes and try again.';

/** Sign-up, sign-in and password changes. Errors never reveal whether an email has an account. */
export class Accounts {
  private readonly throttle = new SignInThrottle();

  constructor(
    private readonly sql: Sql,
    private readonly sessions: SessionStore,
    private readonly workspaces: Workspaces,
  ) {}

  /**
   * Creates an account and signs it in. Signed up through an invite link, the account joins the
   * inviting workspace and gets none of its own (a person invited to a team does not want an
   * empty "Ann's workspace" next to it); otherwise, or when the invite was used up meanwhile, it
   * gets its own workspace.
   */
  async signUp(
    input: unknown,
    { inviteToken }: { inviteToken?: string } = {},
  ): Promise<Result<{ user: SessionUser; token: string; expiresAt: Date; workspaceId: string }>> {
    const parsed = parseInput(signUpSchema, input);
    if (!parsed.ok) return parsed;
    const { name, email, password } = parsed.value;
    const passwordHash = await hashPassword(password);
    const id = newId();
    const inserted = await this.sql<{ id: string }[]>`
      insert into users (id, email, name, password_hash) values (${id}, ${email}, ${name}, ${passwordHash})
      on conflict do nothing returning id`;
    if (inserted.length === 0) {
      // Saying so reveals the account exists, but sign-up cannot work otherwise; sign-in never does.
      return fail(409, 'email_taken', 'An account with this email already exists. Sign in instead.', 'email');
    }
    const invited = inviteToken ? await this.workspaces.acceptInvite(id, inviteToken) : null;
    const workspaceId = invited?.ok
      ? invited.workspaceId
      : (await this.workspaces.create(id, `${name.split(' ')[0]}'s workspace`)).id;
    const session = await this.sessions.create(id);
    return { ok: true, user: { id, email, name }, workspaceId, ...session };
  }

  /** Checks email and password; wrong passwords are limited per account and address (see SignInThrottle). */
  async logIn(
    input: unknown,
    clientAddress: string,
  ): Promise<Result<{ user: SessionUser; token: string; expiresAt: Date }>> {
    const parsed = parseInput(logInSchema, input);
    if (!parsed.ok) return parsed;
    const { email, password } = parsed.value;
    const attempt = this.throttle.begin(email, clientAddress);
    if (!attempt) return fail(429, 'rate_limited', RATE_LIMITED);
    const [row] = await this.sql<(SessionUser & { password_hash: string })[]>`
      select id, email, name, password_hash from users where lower(email) = ${email}`;
    const valid = row ? await verifyPassword(row.password_hash, password) : await verifyNothing(password);
    if (!row || !valid) return fail(401, 'login_failed', LOGIN_FAILED);
    attempt.succeeded();
    const session = await this.sessions.create(row.id);
    return { ok: true, user: { id: row.id, email: row.email, name: row.name }, ...session };
  }

  /**
   * Changes the password and ends every other session of the user. Wrong current passwords spend
   * the sign-in budgets: a borrowed session must not be a way to guess the password without limit.
   */
  async changePassword(
    userId: string,
    currentSessionId: string,
    input: unknown,
    clientAddress: string,
  ): Promise<Result<object>> {
    const parsed = parseInput(changePasswordSchema, input);
    if (!parsed.ok) return parsed;
    const [row] = await this.sql<
      { email: string; password_hash: string }[]
    >`select email, password_hash from users where id = ${userId}`;
    if (!row) return fail(404, 'account_not_found', 'Account not found.');
    const attempt = this.throttle.begin(row.email.toLowerCase(), clientAddress);
    if (!attempt) return fail(429, 'rate_limited', 'Too many wrong passwords. Wait a few minutes and try again.');
    if (!(await verifyPassword(row.password_hash, parsed.value.currentPassword))) {
      return fail(400, 'wrong_password', 'The current password is wrong.', 'currentPassword');
    }
    attempt.succeeded();
    await this
      .sql`update users set password_hash = ${await hashPassword(parsed.value.newPassword)} where id = ${userId}`;
    await this.sessions.invalidateAllOf(userId, currentSessionId);
    return { ok: true };
  }
}
