// The creator-facing acceptance link (README "Deals and contracts"): the built web app serves
// /accept/<token> with no sign-in; it shows one creator's terms, accepts them once, refuses a
// revoked or expired link, and the acceptance moves the creator to Contract signed for everyone
// with the board open.
import postgres from 'postgres';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCreators,
  addDeliverable,
  readBoard,
  runOperation,
  setDealTerms,
  setFee,
  type OperationContext,
} from '@roster/shared';
import { buildIfNeeded } from '../../scripts/buildIfNeeded.mjs';
import { connectBoard, type BoardClient } from './support/clients.ts';
import { createTestDatabase } from './support/database.ts';
import { sendTo, signUpThrough, type Person } from './support/http.ts';
import { spawnWebApp, type ServerProcess } from './support/processes.ts';
import { closeWebAppTest } from './support/webAppTest.ts';

let app: ServerProcess;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: postgres.Sql;
let owner: Person;
const clients: BoardClient[] = [];

beforeAll(async () => {
  buildIfNeeded();
  database = await createTestDatabase();
  app = await spawnWebApp({ DATABASE_URL: database.url, SHARE_LINK_REQUESTS_PER_MINUTE: '1000' });
  sql = postgres(database.url, { max: 2, onnotice: () => {} });
  owner = await signUpThrough(app.url, sql, 'Olive Owner');
}, 240_000);

afterAll(() => closeWebAppTest({ clients, sql, app, database }));

const send = (...args: Parameters<typeof sendTo> extends [string, ...infer Rest] ? Rest : never) =>
  sendTo(app.url, ...args);

/** A board with Mia (a deal) and Leo (another creator), open in the owner's provider. */
async function boardWithDeal() {
  const created = await send('POST', `/api/workspaces/${owner.workspaceId}/boards`, {
    cookie: owner.cookie,
    json: { name: 'Acceptance' },
  });
  const boardId = (JSON.parse(created.text) as { board: { id: string } }).board.id;
  const client = connectBoard(app.url, boardId, { cookie: owner.cookie });
  clients.push(client);
  await expect.poll(() => client.provider.isSynced).toBe(true);
  const ctx: OperationContext = { actor: { id: owner.id, name: 'Olive' }, now: Date.now(), activity: new Y.Doc() };
  const added = runOperation(
    client.doc,
    addCreators,
    { creators: [{ name: 'Mia Hart' }, { name: 'Leo Secretname', email: 'leo@private.example' }] },
    ctx,
  );
  if (!added.ok) throw new Error(added.error.message);
  const [mia, leo] = added.ids as [string, string];
  runOperation(client.doc, setFee, { creatorId: mia, fee: { amount: 1500, currency: 'EUR' } }, ctx);
  runOperation(client.doc, setFee, { creatorId: leo, fee: { amount: 98765, currency: 'EUR' } }, ctx);
  runOperation(
    client.doc,
    addDeliverable,
    { creatorId: mia, deliverable: { platform: 'instagram', format: 'Reel', count: 2, dueDate: '2026-06-01' } },
    ctx,
  );
  runOperation(
    client.doc,
    setDealTerms,
    { creatorId: mia, patch: { usageRights: { text: 'Paid social, 6 months' }, contractUrl: 'https://e.com/c.pdf' } },
    ctx,
  );
  // Payment terms as helper "payments" stores them (notes/issue12-plan.md).
  client.doc.transact(() => {
    const cells = client.doc.getArray<string>('cells');
    cells.push([
      `${mia}:paymentTerms\u0000${JSON.stringify({
        installments: [
          { percent: 50, trigger: 'signing', netDays: 0, date: null },
          { percent: 50, trigger: 'posting', netDays: 30, date: null },
        ],
      })}`,
    ]);
  });
  // Wait until the server has it all (the page reads the live board on the server).
  await expect.poll(() => client.provider.hasUnsyncedChanges).toBe(false);
  return { boardId, mia, leo, client };
}

async function makeLink(boardId: string, creatorId: string): Promise<{ id: string; token: string }> {
  const made = await send('POST', `/api/boards/${boardId}/share-links`, {
    cookie: owner.cookie,
    json: { creatorId, kind: 'acceptance', expiresInDays: 14 },
  });
  expect(made.status).toBe(201);
  const body = made.json as { link: { id: string }; token: string; path: string };
  expect(body.path).toBe(`/accept/${body.token}`);
  return { id: body.link.id, token: body.token };
}

const accept = (token: string, name = 'Mia Hart', date = '2026-05-12') =>
  send('POST', `/accept/${token}`, { form: { name, date }, accept: 'application/json' });

describe('the acceptance link', () => {
  it('shows the creator their own terms, with payment terms, and nothing of the rest of the board', async () => {
    const { boardId, mia } = await boardWithDeal();
    const { token } = await makeLink(boardId, mia);
    const page = await send('GET', `/accept/${token}`, {});
    expect(page.status).toBe(200);
    for (const shown of [
      'Terms for Mia Hart',
      '€1,500',
      'Reel',
      '2026-06-01',
      'Paid social, 6 months',
      'https://e.com/c.pdf',
    ])
      expect(page.text).toContain(shown);
    expect(page.text).toContain('50% on signing');
    expect(page.text).toContain('50% net 30 after posting');
    // Not another creator, their fee or email, nor the board's statuses.
    for (const hidden of ['Leo Secretname', '98,765', '98765', 'leo@private.example', 'Negotiating', 'influencer.'])
      expect(page.text).not.toContain(hidden);
    // The token opens no board route: the board API still wants a session.
    const board = await send('GET', `/api/boards/${boardId}/share-links`, { accept: 'application/json' });
    expect(board.status).toBe(401);
  });

  it('records the acceptance once and moves the creator to Contract signed on a board open in a provider', async () => {
    const { boardId, mia, client } = await boardWithDeal();
    const { id: linkId, token } = await makeLink(boardId, mia);
    const first = await accept(token);
    expect(first.json).toMatchObject({ type: 'success' });
    await expect
      .poll(() => readBoard(client.doc).creators.find((c) => c.id === mia)?.statuses.contract)
      .toBe('contract.contract-signed');
    expect(readBoard(client.doc).creators.find((c) => c.id === mia)?.deal).toMatchObject({
      contractAcceptance: { name: 'Mia Hart', date: '2026-05-12', linkId },
      contractSignedAt: '2026-05-12',
    });
    const again = await accept(token, 'Someone Else', '2026-05-13');
    expect(again.json).toMatchObject({ type: 'failure', status: 409 });
    expect(again.text).toContain('These terms were already accepted.');
    expect(readBoard(client.doc).creators.find((c) => c.id === mia)?.deal.contractAcceptance?.name).toBe('Mia Hart');
    const page = await send('GET', `/accept/${token}`, {});
    expect(page.text).toContain('Accepted by Mia Hart on 2026-05-12');
  });

  it('refuses a name left empty with a sentence, and records nothing', async () => {
    const { boardId, mia, client } = await boardWithDeal();
    const { token } = await makeLink(boardId, mia);
    const answer = await accept(token, '   ');
    expect(answer.json).toMatchObject({ type: 'failure', status: 400 });
    expect(answer.text).toContain('Your name is required.');
    expect(readBoard(client.doc).creators.find((c) => c.id === mia)?.deal.contractAcceptance).toBeNull();
  });

  it('refuses a revoked link: the page says so and an acceptance through it changes nothing', async () => {
    const { boardId, mia, client } = await boardWithDeal();
    const { id, token } = await makeLink(boardId, mia);
    const revoked = await send('DELETE', `/api/boards/${boardId}/share-links/${id}`, {
      cookie: owner.cookie,
      accept: 'application/json',
    });
    expect(revoked.status).toBe(200);
    const page = await send('GET', `/accept/${token}`, {});
    expect(page.text).toContain('This link was turned off by the team that sent it.');
    expect(page.text).not.toContain('Mia Hart');
    const answer = await accept(token);
    expect(answer.json).toMatchObject({ type: 'failure', status: 410 });
    expect(readBoard(client.doc).creators.find((c) => c.id === mia)?.statuses.contract).toBe('contract.no-contract');
  });

  it('refuses an expired link the same way', async () => {
    const { boardId, mia, client } = await boardWithDeal();
    const { id, token } = await makeLink(boardId, mia);
    await sql`update share_links set expires_at = now() - interval '1 second' where id = ${id}`;
    const page = await send('GET', `/accept/${token}`, {});
    expect(page.text).toContain('This link has expired.');
    expect((await accept(token)).json).toMatchObject({ type: 'failure', status: 410 });
    expect(readBoard(client.doc).creators.find((c) => c.id === mia)?.deal.contractAcceptance).toBeNull();
  });

  it('does not open for a made-up token, nor for a review link of the same creator', async () => {
    const { boardId, mia } = await boardWithDeal();
    expect((await send('GET', `/accept/${'a'.repeat(32)}`, {})).text).toContain('This link does not exist.');
    const review = await send('POST', `/api/boards/${boardId}/share-links`, {
      cookie: owner.cookie,
      json: { creatorId: mia, kind: 'review' },
    });
    const { token } = review.json as { token: string };
    const page = await send('GET', `/accept/${token}`, {});
    expect(page.text).toContain('This link does not exist.');
    expect((await accept(token)).json).toMatchObject({ type: 'failure', status: 404 });
  });
});
