// Webhooks (README "Webhooks"): events of live boards reach a receiver started by the test, signed,
// once each, and again after the receiver failed.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardOperations, readBoard, runOperation, type InputOf } from '@roster/shared';
import { verifySignature, type RosterApp } from '@roster/server';
import { connectBoard, type BoardClient } from './support/clients.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { addMember, createBoard, signUp, type TestUser } from './support/factories.ts';

const { addCreators, markPaymentPaid, recordPayment, setFee, setStatus } = boardOperations;

interface Received {
  event: string;
  delivery: string;
  signature: string;
  body: string;
  payload: Record<string, unknown> & { id: string };
}

let server: TestServer;
let app: RosterApp;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** Paths whose next request is answered 500 once. */
const failOnce = new Set<string>();
const clients: BoardClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ WEBHOOK_RETRY_BASE_MS: '300', WEBHOOK_POLL_MS: '100' });
  app = server.app;
  receiver = createServer(async (request, response) => {
    const body = await readBody(request);
    if (failOnce.delete(request.url ?? '')) {
      response.writeHead(500).end('not now');
      return;
    }
    received.push({
      event: String(request.headers['roster-event']),
      delivery: String(request.headers['roster-delivery']),
      signature: String(request.headers['roster-signature']),
      body,
      payload: JSON.parse(body) as Received['payload'],
    });
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await new Promise((resolve) => receiver?.close(resolve));
  await server?.stop();
});

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

async function addWebhook(owner: TestUser, path: string, events: string[]): Promise<string> {
  const result = await app.services.webhooks.create(owner.id, owner.workspaceId, {
    url: `${receiverUrl}${path}`,
    events,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.secret;
}

/** Writes to the test's database through a connection of its own, as another instance would. */
async function withOtherInstance(write: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const sql = postgres(server.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await write(sql);
  } finally {
    await sql.end();
  }
}

const forPath = (boardId: string) => received.filter((r) => (r.payload.board as { id: string }).id === boardId);

async function boardWithCreators(owner: TestUser, names: string[]): Promise<{ boardId: string; ids: string[] }> {
  const boardId = await createBoard(app, owner);
  const added = await app.services.applyOperation(
    boardId,
    addCreators,
    { creators: names.map((name) => ({ name })) },
    { id: owner.id, name: owner.name, role: 'owner' },
  );
  if (!added.ok) throw new Error(added.error.message);
  return { boardId, ids: added.ids };
}

describe('webhooks', () => {
  it('sends each status change once, signed with the webhook’s secret, whether a browser or the API made it', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const secret = await addWebhook(owner, '/status', ['creator.status_changed']);
    const { boardId, ids } = await boardWithCreators(owner, ['Ada', 'Ben', 'Cy']);
    const browser = connectBoard(app.url, boardId, { cookie: owner.cookie });
    clients.push(browser);
    await expect.poll(() => browser.provider.isSynced).toBe(true);
    await expect.poll(() => readBoard(browser.doc).creators.length).toBe(3);

    // One move in the browser's document (sent over its WebSocket), one through applyOperation.
    const input: InputOf<typeof setStatus> = {
      creatorIds: [ids[0]!],
      group: 'influencer',
      statusId: 'influencer.shortlisted',
    };
    const moved = runOperation(browser.doc, setStatus, input, {
      actor: { id: owner.id, name: owner.name },
      now: Date.now(),
    });
    expect(moved.ok).toBe(true);
    await app.services.applyOperation(
      boardId,
      setStatus,
      { creatorIds: [ids[1]!], group: 'contract', statusId: 'contract.contract-sent' },
      { id: owner.id, name: owner.name, role: 'owner' },
    );

    await expect.poll(() => forPath(boardId).length, { timeout: 15_000 }).toBe(2);
    // Nothing else arrives later: each change once (the creators' first statuses are not changes).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const deliveries = forPath(boardId);
    expect(deliveries).toHaveLength(2);
    expect(deliveries.map((d) => d.event)).toEqual(['creator.status_changed', 'creator.status_changed']);
    expect(deliveries.map((d) => [d.payload.creatorName, d.payload.group, d.payload.statusName]).sort()).toEqual([
      ['Ada', 'influencer', 'Shortlisted'],
      ['Ben', 'contract', 'Contract sent'],
    ]);
    for (const delivery of deliveries) {
      expect(verifySignature(secret, delivery.body, delivery.signature)).toBe(true);
      expect(verifySignature('whsec_wrong', delivery.body, delivery.signature)).toBe(false);
    }
  });

  it('sends a Payment status change the ledger makes, with the status the card shows', async () => {
    const owner = await signUp(app, 'Lea Ledger');
    await addWebhook(owner, '/ledger', ['creator.status_changed']);
    const { boardId, ids } = await boardWithCreators(owner, ['Fay']);
    const actor = { id: owner.id, name: owner.name, role: 'owner' as const };
    const creatorId = ids[0]!;
    await app.services.applyOperation(boardId, setFee, { creatorId, fee: { amount: 1000, currency: 'EUR' } }, actor);
    const due = await app.services.applyOperation(
      boardId,
      recordPayment,
      { creatorId, paymentId: 'half', payment: { amount: 500, currency: 'EUR', dueDate: '2026-01-10' } },
      actor,
    );
    expect(due.ok).toBe(true);
    // Paying half of the fee moves the computed Payment status from Not paid to 50% paid.
    await app.services.applyOperation(
      boardId,
      markPaymentPaid,
      { creatorId, paymentId: 'half', paidDate: '2026-01-09' },
      actor,
    );

    await expect.poll(() => forPath(boardId).length, { timeout: 15_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const deliveries = forPath(boardId);
    expect(deliveries.map((d) => [d.event, d.payload.creatorName, d.payload.group, d.payload.statusName])).toEqual([
      ['creator.status_changed', 'Fay', 'payment', '50% paid'],
    ]);
  });

  it('sends a delivery again after the receiver answered 500, and logs both answers', async () => {
    const owner = await signUp(app, 'Rita Retry');
    failOnce.add('/flaky');
    await addWebhook(owner, '/flaky', ['creator.added']);
    const { boardId } = await boardWithCreators(owner, ['Dee']);

    await expect.poll(() => forPath(boardId).length, { timeout: 15_000 }).toBe(1);
    expect(forPath(boardId)[0]!.payload).toMatchObject({ event: 'creator.added', creatorName: 'Dee' });
    // The log is written once the answer is in: wait for it, then check it says what happened.
    const log = async () => {
      const listed = await app.services.webhooks.list(owner.id, owner.workspaceId);
      return listed.ok ? listed.deliveries : [];
    };
    await expect.poll(async () => (await log())[0]?.state).toBe('delivered');
    const deliveries = await log();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ state: 'delivered', attempts: 2, lastStatus: 204 });
  });

  it('sends nothing to a webhook that did not ask for the event, nor to one of another workspace', async () => {
    const owner = await signUp(app, 'Nora None');
    await addWebhook(owner, '/notes-only', ['note.edited']);
    const stranger = await signUp(app, 'Sam Stranger');
    await addWebhook(stranger, '/stranger', ['creator.added', 'creator.status_changed']);
    const { boardId } = await boardWithCreators(owner, ['Eve']);
    // Give the deliverer time to send anything it (wrongly) queued.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(forPath(boardId)).toEqual([]);
  });

  // Each instance keeps a board's webhooks between events (WebhookTargets); another instance (here a
  // plain connection writing what it would) tells it through PostgreSQL's NOTIFY.
  it('sends events to a webhook another instance added after the board’s first events were sent nowhere', async () => {
    const owner = await signUp(app, 'Ines Instance');
    const { boardId, ids } = await boardWithCreators(owner, ['Gil']);
    const actor = { id: owner.id, name: owner.name, role: 'owner' as const };
    const move = (statusId: string) =>
      app.services.applyOperation(boardId, setStatus, { creatorIds: ids, group: 'influencer', statusId }, actor);
    await move('influencer.shortlisted');
    // The move's event went to no webhook, and the server now knows the board has none.
    await new Promise((resolve) => setTimeout(resolve, 500));

    await withOtherInstance(
      (sql) => sql`
        insert into webhooks (id, workspace_id, url, secret, events, created_by)
        values ('hook_other_instance', ${owner.workspaceId}, ${`${receiverUrl}/other`}, 'whsec_other', ${['creator.status_changed']}, ${owner.id})`,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await move('influencer.selected');

    await expect
      .poll(() => forPath(boardId).map((d) => d.payload.statusName), { timeout: 15_000 })
      .toEqual(['Selected']);
  });

  it('names the board as another instance renamed it in the events that follow', async () => {
    const owner = await signUp(app, 'Rena Rename');
    await addWebhook(owner, '/renamed', ['creator.status_changed']);
    const { boardId, ids } = await boardWithCreators(owner, ['Hal']);
    const actor = { id: owner.id, name: owner.name, role: 'owner' as const };
    const move = (statusId: string) =>
      app.services.applyOperation(boardId, setStatus, { creatorIds: ids, group: 'influencer', statusId }, actor);
    await move('influencer.shortlisted');
    await expect.poll(() => forPath(boardId).length, { timeout: 15_000 }).toBe(1);

    await withOtherInstance((sql) => sql`update boards set name = 'Autumn launch' where id = ${boardId}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await move('influencer.selected');

    await expect.poll(() => forPath(boardId).length, { timeout: 15_000 }).toBe(2);
    expect(forPath(boardId).map((d) => (d.payload.board as { name: string }).name)).toEqual([
      'Summer launch',
      'Autumn launch',
    ]);
  });

  it('is managed by owners only: an editor is refused with the policy’s sentence', async () => {
    const owner = await signUp(app, 'Owen Owner');
    const editor = await signUp(app, 'Eddie Editor');
    await addMember(app, owner, editor, 'editor');
    const result = await app.services.webhooks.create(editor.id, owner.workspaceId, {
      url: `${receiverUrl}/editor`,
      events: ['creator.added'],
    });
    expect(result).toMatchObject({ ok: false, status: 403, error: { message: 'Only owners can manage webhooks.' } });
  });

  it('refuses a URL that is not http(s) and an unknown event with sentences naming the field', async () => {
    const owner = await signUp(app, 'Vera Valid');
    const badUrl = await app.services.webhooks.create(owner.id, owner.workspaceId, {
      url: 'file:///etc/passwd',
      events: ['creator.added'],
    });
    expect(badUrl).toMatchObject({
      ok: false,
      status: 400,
      error: { field: 'url', message: 'URL must be an http(s) address.' },
    });
    const badEvent = await app.services.webhooks.create(owner.id, owner.workspaceId, {
      url: `${receiverUrl}/x`,
      events: ['creator.deleted'],
    });
    expect(badEvent).toMatchObject({ ok: false, status: 400 });
    expect(badEvent.ok || badEvent.error.message).toMatch(/^Events.*event Roster sends\.$/);
  });
});
