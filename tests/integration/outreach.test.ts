import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import * as Y from 'yjs';
import { boardOperations, readBoard } from '@roster/shared';
import { createLogger, parseConfig, startRoster, type RosterApp } from '@roster/server';
import { SecretBox } from '../../server/src/outreach/secretBox.ts';
import { SmtpSettings } from '../../server/src/outreach/SmtpSettings.ts';
import { connectBoard, type BoardClient } from './support/clients.ts';
import { createTestDatabase } from './support/database.ts';
import { addMember, createBoard, signUp, type TestUser } from './support/factories.ts';
import { spawnServer, type ServerProcess } from './support/processes.ts';
import { startSmtpServer, type TestSmtpServer } from './support/smtpServer.ts';

const KEY = 'a'.repeat(64);

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: RosterApp;
let sql: postgres.Sql;
const smtpServers: TestSmtpServer[] = [];
const clients: BoardClient[] = [];
const children: ServerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const parsed = parseConfig({
    PORT: '0',
    DATABASE_URL: database.url,
    OUTREACH_SECRET_KEY: KEY,
    OUTREACH_POLL_MS: '100',
    OUTREACH_SEND_TIMEOUT_MS: '3000',
  });
  if (!parsed.ok) throw new Error(parsed.problems.join());
  app = await startRoster(parsed.config, { log: createLogger('warn') });
  sql = postgres(database.url, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const child of children) child.child.kill('SIGKILL');
  await Promise.all(smtpServers.map((server) => server.close()));
  await sql.end();
  await app.close();
  await database.drop();
});

async function smtp(options: Parameters<typeof startSmtpServer>[0] = {}) {
  const server = await startSmtpServer(options);
  smtpServers.push(server);
  return server;
}

/** An owner, a board with `count` creators (creator-<n>@example.com), and SMTP settings pointing at `port`. */
async function outreachBoard(
  count: number,
  port: number,
  ratePerMinute: number,
  email = (n: number) => `creator-${n}@example.com`,
) {
  const owner = await signUp(app, 'Olivia Owner');
  const boardId = await createBoard(app, owner);
  const creators = Array.from({ length: count }, (_, n) => ({ name: `Creator ${n} Example`, email: email(n) }));
  for (let i = 0; i < creators.length; i += 100) {
    const added = await app.services.applyOperation(
      boardId,
      boardOperations.addCreators,
      { creators: creators.slice(i, i + 100) },
      { id: owner.id, name: owner.name, role: 'owner' },
    );
    expect(added.ok).toBe(true);
  }
  const saved = await app.services.outreach.smtp.save(owner.id, owner.workspaceId, {
    host: '127.0.0.1',
    port,
    security: 'none',
    fromAddress: 'team@brand.example',
    fromName: 'Brand Team',
    ratePerMinute,
  });
  expect(saved.ok).toBe(true);
  const board = await app.services.readLiveBoard.board(boardId);
  return { owner, boardId, creators: board.creators };
}

/** Each creator's own message (what the review step sends after rendering). */
function messagesFor(creators: { id: string; name: string }[]) {
  return creators.map((creator) => ({
    creatorId: creator.id,
    subject: `Summer launch × ${creator.name}`,
    body: `Hi ${creator.name.split(' ')[0]} ${creator.id},\n\nWe would love to work with you.\n\n— Olivia`,
  }));
}

async function startJob(owner: TestUser, boardId: string, creators: { id: string; name: string }[]) {
  const created = await app.services.outreach.jobs.create(owner, boardId, {
    templateName: 'First contact',
    messages: messagesFor(creators),
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.jobId;
}

async function jobState(owner: TestUser, boardId: string, jobId: string) {
  const listed = await app.services.outreach.jobs.list(owner.id, boardId);
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.jobs.find((job) => job.id === jobId)!;
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

async function connectSynced(url: string, boardId: string, user: TestUser): Promise<BoardClient> {
  const client = connectBoard(url, boardId, { cookie: user.cookie });
  clients.push(client);
  await expect.poll(() => client.provider.isSynced).toBe(true);
  return client;
}

const contactedCount = (doc: Y.Doc) =>
  readBoard(doc).creators.filter((c) => c.statuses.influencer === 'influencer.contacted').length;

describe('bulk outreach through a real SMTP server', () => {
  it('delivers a send to 60 creators exactly once each, with each creator’s own text, and logs it on the board', async () => {
    const server = await smtp();
    const { owner, boardId, creators } = await outreachBoard(60, server.port, 6000);
    const watcher = await connectSynced(app.url, boardId, owner);

    const jobId = await startJob(owner, boardId, creators);

    await expect.poll(() => jobState(owner, boardId, jobId).then((job) => job.state), { timeout: 60_000 }).toBe('done');
    const job = await jobState(owner, boardId, jobId);
    expect(job).toMatchObject({ total: 60, sent: 60, failed: 0, unknown: 0 });
    expect(server.received).toHaveLength(60);
    const byAddress = new Map(server.received.map((mail) => [mail.to, mail]));
    expect(byAddress.size).toBe(60);
    creators.forEach((creator, n) => {
      const mail = byAddress.get(`creator-${n}@example.com`);
      expect(mail, creator.name).toBeDefined();
      expect(mail!.subject).toBe(`Summer launch × ${creator.name}`);
      expect(mail!.text).toContain(`Hi Creator ${creator.id},`);
    });
    // Everyone looking at the board sees every card in Contacted, each with the email in its log.
    await expect.poll(() => contactedCount(watcher.doc), { timeout: 20_000 }).toBe(60);
    const logged = readBoard(watcher.doc).creators.map((c) => c.conversation?.map((e) => [e.kind, e.subject, e.jobId]));
    expect(logged[0]).toEqual([['sent', `Summer launch × ${creators[0]!.name}`, jobId]]);
  }, 90_000);

  it('sends nobody twice when the server is killed with SIGKILL midway and another one resumes the job', async () => {
    const server = await smtp();
    // Only the child processes send in this test.
    await app.services.outreach.sender.stop();
    try {
      const { owner, boardId, creators } = await outreachBoard(80, server.port, 6000);
      const jobId = await startJob(owner, boardId, creators);
      const env = {
        DATABASE_URL: database.url,
        OUTREACH_SECRET_KEY: KEY,
        OUTREACH_POLL_MS: '100',
        OUTREACH_SEND_TIMEOUT_MS: '1500',
      };
      const first = await spawnServer(env);
      children.push(first);
      await expect.poll(() => server.received.length, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(25);
      first.child.kill('SIGKILL');
      await first.exited;
      const receivedAtKill = server.received.length;
      expect(receivedAtKill).toBeLessThan(80);

      const second = await spawnServer(env);
      children.push(second);
      await expect
        .poll(() => jobState(owner, boardId, jobId).then((job) => job.state), { timeout: 60_000 })
        .toBe('done');

      const rows = await sql<{ creator_id: string; to_address: string; state: string }[]>`
        select creator_id, to_address, state from outreach_messages where job_id = ${jobId}`;
      const received = countBy(server.received, (mail) => mail.to);
      // Nobody got it twice.
      expect([...received.values()].every((n) => n === 1)).toBe(true);
      // Every message marked sent arrived (once); what did not arrive is only ever a message whose
      // outcome the server could not know (interrupted between the claim and the SMTP answer).
      for (const row of rows) {
        if (row.state === 'sent') expect(received.get(row.to_address), row.to_address).toBe(1);
        else expect(row.state).toBe('unknown');
      }
      const unknown = rows.filter((row) => row.state === 'unknown');
      expect(unknown.length).toBeLessThanOrEqual(1);
      expect(
        rows.filter((row) => received.has(row.to_address)).length +
          unknown.filter((r) => !received.has(r.to_address)).length,
      ).toBe(80);

      // A person checks the sent mail and sends the ones that did not arrive again: then every
      // creator has it exactly once.
      const missing = unknown.filter((row) => !received.has(row.to_address)).map((row) => row.creator_id);
      if (missing.length) {
        const retried = await app.services.outreach.jobs.retry(owner.id, boardId, jobId, {
          creatorIds: missing,
          includeUnknown: true,
        });
        expect(retried).toEqual({ ok: true, queued: missing.length });
      }
      await expect.poll(() => server.received.length, { timeout: 20_000 }).toBe(80);
      expect(new Set(server.received.map((mail) => mail.to)).size).toBe(80);

      // The board, read from the resumed server, has every sent creator in Contacted.
      const reader = await connectSynced(second.url, boardId, owner);
      const sentCount = (await sql`select 1 from outreach_messages where job_id = ${jobId} and state = 'sent'`).count;
      await expect.poll(() => contactedCount(reader.doc), { timeout: 20_000 }).toBe(sentCount);
      second.child.kill('SIGTERM');
      await second.exited;
    } finally {
      app.services.outreach.sender.start();
    }
  }, 180_000);

  it('keeps to the rate limit: 120 a minute sends one message every half second', async () => {
    const server = await smtp();
    const { owner, boardId, creators } = await outreachBoard(5, server.port, 120);
    const jobId = await startJob(owner, boardId, creators);
    await expect.poll(() => jobState(owner, boardId, jobId).then((job) => job.state), { timeout: 20_000 }).toBe('done');
    // When each message was started (MAIL FROM): the sender claims one every 500 ms.
    const times = server.received.map((mail) => mail.startedAt).sort((a, b) => a - b);
    expect(times).toHaveLength(5);
    const gaps = times.slice(1).map((time, i) => time - times[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(400);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(1900);
  }, 30_000);

  it('reports a recipient the SMTP server refuses with its answer, sends the rest, and sends it on retry', async () => {
    let refuse = true;
    const server = await smtp({
      reject: (address) => (refuse && address === 'creator-2@example.com' ? 'Mailbox unavailable' : null),
    });
    const { owner, boardId, creators } = await outreachBoard(5, server.port, 6000);
    const jobId = await startJob(owner, boardId, creators);

    await expect.poll(() => jobState(owner, boardId, jobId).then((job) => job.state), { timeout: 20_000 }).toBe('done');
    const job = await jobState(owner, boardId, jobId);
    expect(job).toMatchObject({ total: 5, sent: 4, failed: 1 });
    expect(job.problems).toEqual([
      expect.objectContaining({ creatorId: creators[2]!.id, state: 'failed', error: expect.stringContaining('550') }),
    ]);
    expect(server.received.map((mail) => mail.to).sort()).toEqual([
      'creator-0@example.com',
      'creator-1@example.com',
      'creator-3@example.com',
      'creator-4@example.com',
    ]);

    refuse = false;
    expect(await app.services.outreach.jobs.retry(owner.id, boardId, jobId, {})).toEqual({ ok: true, queued: 1 });
    await expect.poll(() => server.received.length, { timeout: 20_000 }).toBe(5);
    await expect
      .poll(() => jobState(owner, boardId, jobId).then((j) => [j.state, j.sent, j.failed]))
      .toEqual(['done', 5, 0]);
    expect(server.received.filter((mail) => mail.to === 'creator-2@example.com')).toHaveLength(1);
  }, 30_000);

  it('refuses a message that still holds a {{variable}}, naming the creator', async () => {
    const server = await smtp();
    const { owner, boardId, creators } = await outreachBoard(1, server.port, 60);
    const result = await app.services.outreach.jobs.create(owner, boardId, {
      messages: [{ creatorId: creators[0]!.id, subject: 'Hi', body: 'Hi {{first_name}}' }],
    });
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      error: { code: 'unfilled_variable', field: 'messages.0', message: expect.stringContaining('Creator 0 Example') },
    });
    expect(server.received).toHaveLength(0);
  });

  it('lets an editor send but a viewer neither send nor change the SMTP server', async () => {
    const server = await smtp();
    const { owner, boardId, creators } = await outreachBoard(1, server.port, 60);
    const viewer = await signUp(app, 'Vera Viewer');
    await addMember(app, owner, viewer, 'viewer');
    const editor = await signUp(app, 'Eddie Editor');
    await addMember(app, owner, editor, 'editor');

    const byViewer = await app.services.outreach.jobs.create(viewer, boardId, { messages: messagesFor(creators) });
    expect(byViewer).toMatchObject({
      ok: false,
      status: 403,
      error: { message: 'Only owners and editors can send email to creators.' },
    });
    const smtpByEditor = await app.services.outreach.smtp.save(editor.id, owner.workspaceId, {
      host: 'evil.example',
      port: 25,
      security: 'none',
      fromAddress: 'x@evil.example',
    });
    expect(smtpByEditor).toMatchObject({
      ok: false,
      status: 403,
      error: { message: 'Only owners can change the email server settings.' },
    });
    const byEditor = await app.services.outreach.jobs.create(editor, boardId, { messages: messagesFor(creators) });
    expect(byEditor.ok).toBe(true);
  });
});

describe('SMTP settings', () => {
  it('stores the password encrypted, never in clear, and authenticates with it', async () => {
    const server = await smtp({ auth: { user: 'mailer', pass: 'hunter2-very-secret' } });
    const owner = await signUp(app, 'Olivia Owner');
    const saved = await app.services.outreach.smtp.save(owner.id, owner.workspaceId, {
      host: '127.0.0.1',
      port: server.port,
      security: 'none',
      username: 'mailer',
      password: 'hunter2-very-secret',
      fromAddress: 'team@brand.example',
    });
    expect(saved).toMatchObject({ ok: true, smtp: { hasPassword: true } });
    expect(JSON.stringify(saved)).not.toContain('hunter2');
    const [row] = await sql<{ password_encrypted: string }[]>`
      select password_encrypted from smtp_settings where workspace_id = ${owner.workspaceId}`;
    expect(row!.password_encrypted).toMatch(/^v1:/);
    expect(row!.password_encrypted).not.toContain('hunter2');

    const test = await app.services.outreach.smtp.sendTest(owner.id, owner.workspaceId, { to: 'me@brand.example' });
    expect(test).toEqual({ ok: true, to: 'me@brand.example' });
    expect(server.received.map((mail) => [mail.to, mail.subject])).toEqual([['me@brand.example', 'Roster test email']]);
  });

  it('keeps the stored password when the form leaves it empty', async () => {
    const server = await smtp({ auth: { user: 'mailer', pass: 'kept-secret' } });
    const owner = await signUp(app, 'Olivia Owner');
    const settings = {
      host: '127.0.0.1',
      port: server.port,
      security: 'none',
      username: 'mailer',
      fromAddress: 'a@b.example',
    };
    await app.services.outreach.smtp.save(owner.id, owner.workspaceId, { ...settings, password: 'kept-secret' });
    await app.services.outreach.smtp.save(owner.id, owner.workspaceId, { ...settings, fromName: 'Renamed' });
    expect(
      await app.services.outreach.smtp.sendTest(owner.id, owner.workspaceId, { to: 'me@b.example' }),
    ).toMatchObject({ ok: true });
  });

  it('reports the SMTP server’s answer when the test email is refused', async () => {
    const server = await smtp({ auth: { user: 'mailer', pass: 'right' } });
    const owner = await signUp(app, 'Olivia Owner');
    await app.services.outreach.smtp.save(owner.id, owner.workspaceId, {
      host: '127.0.0.1',
      port: server.port,
      security: 'none',
      username: 'mailer',
      password: 'wrong',
      fromAddress: 'a@b.example',
    });
    const test = await app.services.outreach.smtp.sendTest(owner.id, owner.workspaceId, { to: 'me@b.example' });
    expect(test).toMatchObject({ ok: false, error: { code: 'smtp_failed', message: expect.stringContaining('535') } });
  });

  it('refuses to store a password when OUTREACH_SECRET_KEY is not set, saying what to do', async () => {
    const owner = await signUp(app, 'Olivia Owner');
    const withoutKey = new SmtpSettings(app.services.sql, app.services.workspaces, null, { stepMs: 1000 });
    const result = await withoutKey.save(owner.id, owner.workspaceId, {
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls',
      username: 'mailer',
      password: 'secret',
      fromAddress: 'a@b.example',
    });
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      error: {
        code: 'secret_key_missing',
        field: 'password',
        message: expect.stringContaining('OUTREACH_SECRET_KEY is not set'),
      },
    });
    expect((await sql`select 1 from smtp_settings where workspace_id = ${owner.workspaceId}`).count).toBe(0);
  });

  it('does not decrypt a password with another key or for another workspace', () => {
    const box = SecretBox.fromKeyText(KEY)!;
    const stored = box.encrypt('secret', 'workspace-a');
    expect(box.decrypt(stored, 'workspace-a')).toBe('secret');
    expect(box.decrypt(stored, 'workspace-b')).toBeNull();
    expect(SecretBox.fromKeyText('b'.repeat(64))!.decrypt(stored, 'workspace-a')).toBeNull();
  });
});
