// The HTTP API v1 (README "HTTP API") against the built app, a real PostgreSQL and a board open in a
// provider as a browser has it: tokens made in the settings page, writes that appear live.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard, type Creator } from '@roster/shared';
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
let boardId: string;
let writeToken: string;
const clients: BoardClient[] = [];

beforeAll(async () => {
  buildIfNeeded();
  database = await createTestDatabase();
  app = await spawnWebApp({ DATABASE_URL: database.url });
  sql = postgres(database.url, { max: 2, onnotice: () => {} });
  owner = await signUpThrough(app.url, sql, 'Olive Owner');
  boardId = await newBoard(owner, 'API board');
  writeToken = await makeToken(owner, { name: 'Import script', scope: 'write' });
}, 240_000);

afterAll(() => closeWebAppTest({ clients, sql, app, database }));

async function newBoard(person: Person, name: string): Promise<string> {
  const answer = await sendTo(app.url, 'POST', `/api/workspaces/${person.workspaceId}/boards`, {
    cookie: person.cookie,
    json: { name },
  });
  return (answer.json as { board: { id: string } }).board.id;
}

/** Makes a token in the settings page, as a person does, and reads it from the page's answer. */
async function makeToken(person: Person, form: Record<string, string>): Promise<string> {
  const answer = await sendTo(app.url, 'POST', `/w/${person.workspaceId}/settings/api?/create`, {
    cookie: person.cookie,
    form,
    accept: 'application/json',
  });
  const token = /roster_[a-z2-7]{32}/.exec(answer.text)?.[0];
  if (!token) throw new Error(`making a token failed: ${answer.status} ${answer.text}`);
  return token;
}

interface ApiAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { error?: { code: string; message: string; field?: string } };
}

async function api(
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const response = await fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as ApiAnswer['body'] };
}

const creators = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => ({
    name: `${prefix} ${i}`,
    handles: [{ platform: 'instagram', handle: `${prefix.toLowerCase().replace(/\W/g, '')}.${i}` }],
    followers: 1000 + i,
  }));

async function until<T>(read: () => T, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('writes through the API', () => {
  it('a script adds 100 creators and moves 10 of them while a browser has the board open, which sees it all live', async () => {
    const browser = connectBoard(app.url, boardId, { cookie: owner.cookie });
    clients.push(browser);
    await until(
      () => browser.provider.isSynced,
      (synced) => synced,
    );

    const added = await api(writeToken, 'POST', `/boards/${boardId}/creators`, { creators: creators(100, 'Script') });
    expect(added.status).toBe(201);
    const ids = added.body.ids as string[];
    expect(ids).toHaveLength(100);

    const read = await api(writeToken, 'GET', `/boards/${boardId}`);
    const shortlisted = (
      read.body.board as { statuses: Record<string, { id: string; name: string }[]> }
    ).statuses.influencer!.find((status) => status.name === 'Shortlisted')!;
    for (const id of ids.slice(0, 10)) {
      const moved = await api(writeToken, 'PATCH', `/boards/${boardId}/creators/${id}`, {
        statuses: { influencer: shortlisted.id },
      });
      expect(moved.status).toBe(200);
      expect((moved.body.creator as Creator).statuses.influencer).toBe(shortlisted.id);
    }

    const seen = await until(
      () => readBoard(browser.doc).creators,
      (list) => list.length === 100 && list.filter((c) => c.statuses.influencer === shortlisted.id).length === 10,
    );
    expect(
      seen
        .filter((c) => c.statuses.influencer === shortlisted.id)
        .map((c) => c.id)
        .sort(),
    ).toEqual(ids.slice(0, 10).sort());
  });

  it('names the token’s maker in the board’s history', async () => {
    const history = await api(writeToken, 'GET', `/boards/${boardId}/activity?limit=5`);
    expect(history.status).toBe(200);
    const entries = history.body.activity as { actorName: string }[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.actorName === 'Olive Owner')).toBe(true);
  });

  it('pages through a board’s creators with limit and cursor', async () => {
    const first = await api(writeToken, 'GET', `/boards/${boardId}?limit=30`);
    const second = await api(
      writeToken,
      'GET',
      `/boards/${boardId}?limit=30&cursor=${first.body.nextCursor as string}`,
    );
    expect(first.body.total).toBe(100);
    expect(first.body.creators as Creator[]).toHaveLength(30);
    const firstIds = (first.body.creators as Creator[]).map((c) => c.id);
    expect((second.body.creators as Creator[]).some((c) => firstIds.includes(c.id))).toBe(false);
  });

  it('a retried POST with the same Idempotency-Key adds the creators once and answers the same', async () => {
    const body = { creators: creators(3, 'Retried') };
    const headers = { 'idempotency-key': 'import-2026-12-03-a' };
    const first = await api(writeToken, 'POST', `/boards/${boardId}/creators`, body, headers);
    const again = await api(writeToken, 'POST', `/boards/${boardId}/creators`, body, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const found = await api(writeToken, 'GET', `/boards/${boardId}?q=Retried`);
    expect(found.body.total).toBe(3);
  });

  it('refuses an Idempotency-Key used again for a different body with 422', async () => {
    const headers = { 'idempotency-key': 'import-2026-12-03-b' };
    await api(writeToken, 'POST', `/boards/${boardId}/creators`, { creators: creators(1, 'Keyed') }, headers);
    const other = await api(
      writeToken,
      'POST',
      `/boards/${boardId}/creators`,
      { creators: creators(1, 'Other') },
      headers,
    );
    expect(other.status).toBe(422);
    expect(other.body.error?.code).toBe('idempotency_key_reused');
  });

  it('answers invalid input with 400, a sentence and the field', async () => {
    const answer = await api(writeToken, 'POST', `/boards/${boardId}/creators`, {
      creators: [{ name: 'Negative', followers: -5 }],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.field).toBe('creators.0.followers');
    expect(answer.body.error?.message).toMatch(/^[A-Z].*\.$/);
  });

  it('answers a body that is not JSON with 400', async () => {
    const answer = await api(writeToken, 'POST', `/boards/${boardId}/creators`, '{"creators": [', {});
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('invalid_json');
  });

  it('refuses a move to a status that does not exist with 404 and leaves the creator as it was', async () => {
    const [creator] = (await api(writeToken, 'GET', `/boards/${boardId}?limit=1`)).body.creators as Creator[];
    const answer = await api(writeToken, 'PATCH', `/boards/${boardId}/creators/${creator!.id}`, {
      statuses: { influencer: 'no-such-status' },
    });
    expect(answer.status).toBe(404);
    expect(answer.body.error?.code).toBe('status_not_found');
    const after = await api(writeToken, 'GET', `/boards/${boardId}/creators/${creator!.id}`);
    expect((after.body.creator as Creator).statuses).toEqual(creator!.statuses);
  });
});

describe('who may use the API', () => {
  it('a read token reads the board but its writes are refused with 403 and change nothing', async () => {
    const readToken = await makeToken(owner, { name: 'Dashboard', scope: 'read' });
    const read = await api(readToken, 'GET', `/boards/${boardId}?limit=1`);
    expect(read.status).toBe(200);
    const before = read.body.total;
    const write = await api(readToken, 'POST', `/boards/${boardId}/creators`, { creators: creators(1, 'Sneaky') });
    expect(write.status).toBe(403);
    expect(write.body.error?.code).toBe('forbidden');
    expect((await api(readToken, 'GET', `/boards/${boardId}?limit=1`)).body.total).toBe(before);
  });

  it('a token of another workspace gets 404 for this board', async () => {
    const stranger = await signUpThrough(app.url, sql, 'Stella Stranger');
    const theirs = await makeToken(stranger, { name: 'Theirs', scope: 'write' });
    const read = await api(theirs, 'GET', `/boards/${boardId}`);
    const write = await api(theirs, 'POST', `/boards/${boardId}/creators`, { creators: creators(1, 'Intruder') });
    expect(read.status).toBe(404);
    expect(write.status).toBe(404);
  });

  it('answers 401 without a token, with a made-up one, and with a revoked one', async () => {
    const revoked = await makeToken(owner, { name: 'Soon revoked', scope: 'read' });
    const [row] = await sql<{ id: string }[]>`select id from api_tokens where name = 'Soon revoked'`;
    const revoke = await sendTo(app.url, 'POST', `/w/${owner.workspaceId}/settings/api?/revoke`, {
      cookie: owner.cookie,
      form: { tokenId: row!.id },
      accept: 'application/json',
    });
    expect(revoke.json?.type).toBe('success');
    for (const token of [null, `roster_${'a'.repeat(32)}`, revoked]) {
      const answer = await api(token, 'GET', '/boards');
      expect(answer.status).toBe(401);
      expect(answer.body.error?.code).toBe('unauthorized');
    }
  });

  it('stores only a hash of a token, never the token', async () => {
    const rows = await sql`select * from api_tokens`;
    expect(JSON.stringify(rows)).not.toContain(writeToken);
  });

  it('limits a token’s rate with 429 and Retry-After', async () => {
    const busy = await makeToken(owner, { name: 'Busy', scope: 'read' });
    const answers = await Promise.all(Array.from({ length: 90 }, () => api(busy, 'GET', '/boards')));
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.headers.get('retry-after')).toBe('1');
    expect(limited[0]!.body.error?.code).toBe('rate_limited');
  });
});

describe('hostile requests', () => {
  it('answers every v1 endpoint, for a corpus of hostile bodies and queries, below 500, and the server stays up', async () => {
    const corpusToken = await makeToken(owner, { name: 'Corpus', scope: 'write' });
    const added = await api(corpusToken, 'POST', `/boards/${boardId}/creators`, { creators: creators(1, 'Target') });
    const creatorId = (added.body.ids as string[])[0]!;
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const bodies = [
      '',
      'null',
      '[]',
      '"text"',
      deep,
      '{"creators":null}',
      '{"creators":[]}',
      JSON.stringify({ creators: [{ name: 'x'.repeat(100_000) }] }),
      JSON.stringify({ creators: [{ name: 'Proto', __proto__: { admin: true }, handles: 'nope' }] }),
      JSON.stringify({ fields: { __proto__: { x: 1 }, constructor: 'x' } }),
      JSON.stringify({ fields: { followers: 'many', audience: { countries: { DE: 500 } } } }),
      JSON.stringify({ statuses: { influencer: 123, nonsense: 'x' } }),
      JSON.stringify({ fee: { amount: 'x', currency: '€€€€' } }),
      JSON.stringify({ fields: null, statuses: null, fee: null }),
      '{"creators":[{"name":"\\u0000\\ud800"}]}',
    ];
    const paths = [
      `/boards/${boardId}/creators`,
      `/boards/${boardId}/creators/${creatorId}`,
      `/boards/${boardId}/creators/%00`,
      `/boards/%00/creators`,
    ];
    const failures: string[] = [];
    const statuses = new Set<number>();
    let resets = 0;
    for (const path of paths) {
      // A token per path keeps each under its burst, so every request is really handled (no 429).
      const token = await makeToken(owner, { name: `Corpus ${path}`, scope: 'write' });
      for (const method of ['POST', 'PATCH', 'DELETE']) {
        for (const body of bodies) {
          let answer: Response;
          try {
            answer = await fetch(`${app.url}/api/v1${path}`, {
              method,
              headers: {
                authorization: `Bearer ${token}`,
                'content-type': 'application/json',
                'idempotency-key': `k${Math.random()}`,
              },
              body,
            });
          } catch {
            // A route that answers before reading a large body (a 404 for an unknown board) lets
            // Node close the connection while the client still sends: the client sees ECONNRESET.
            // Not a failure of the server; a 5xx or a server that stopped (checked below) is.
            resets += 1;
            continue;
          }
          statuses.add(answer.status);
          if (answer.status >= 500) failures.push(`${method} ${path} ${body.slice(0, 60)} → ${answer.status}`);
        }
      }
    }
    for (const query of [
      '?limit=-1',
      '?limit=99999',
      '?cursor=abc',
      '?status=',
      '?q=' + 'x'.repeat(5000),
      '?unknown=1',
      '?limit=1&limit=2',
    ]) {
      const answer = await api(corpusToken, 'GET', `/boards/${boardId}${query}`);
      if (answer.status >= 500) failures.push(`GET ${query.slice(0, 40)} → ${answer.status}`);
      expect(answer.status, query.slice(0, 40)).toBeLessThan(500);
    }
    expect(failures).toEqual([]);
    expect(resets).toBeLessThan(10);
    expect(statuses.has(429)).toBe(false);
    expect(statuses.has(400)).toBe(true);
    expect(app.child.exitCode).toBeNull();
    expect((await api(corpusToken, 'GET', '/boards')).status).toBe(200);
  }, 120_000);
});

describe('the API’s description', () => {
  it('serves an OpenAPI document with every endpoint and the add-creators body built from the shared schema', async () => {
    const answer = await api(null, 'GET', '/openapi.json');
    expect(answer.status).toBe(200);
    const paths = answer.body.paths as Record<string, Record<string, { requestBody?: unknown }>>;
    expect(Object.keys(paths).sort()).toEqual([
      '/boards',
      '/boards/{boardId}',
      '/boards/{boardId}/activity',
      '/boards/{boardId}/creators',
      '/boards/{boardId}/creators/{creatorId}',
    ]);
    const body = JSON.stringify(paths['/boards/{boardId}/creators']!.post!.requestBody);
    expect(body).toContain('"followers"');
    expect(body).toContain('"maxItems":20000');
  });

  it('describes the creator it answers with, payments included: every field a creator is read with is in the Creator schema', async () => {
    const added = await api(writeToken, 'POST', `/boards/${boardId}/creators`, { creators: [{ name: 'Described' }] });
    const id = (added.body.ids as string[])[0]!;
    await api(writeToken, 'PATCH', `/boards/${boardId}/creators/${id}`, { fee: { amount: 900, currency: 'EUR' } });
    const read = await api(writeToken, 'GET', `/boards/${boardId}/creators/${id}`);
    const creator = read.body.creator as Record<string, unknown>;
    const described = (await api(null, 'GET', '/openapi.json')).body as {
      components: { schemas: Record<string, { properties?: Record<string, { properties?: object }> }> };
      paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
    };
    const schema = described.components.schemas.Creator;
    expect(Object.keys(creator).filter((key) => !(key in (schema?.properties ?? {})))).toEqual([]);
    const payments = creator.payments as Record<string, unknown>;
    expect(Object.keys(payments).filter((key) => !(key in (schema!.properties!.payments!.properties ?? {})))).toEqual(
      [],
    );
    expect(JSON.stringify(described.paths['/boards/{boardId}/creators/{creatorId}']!.get!.responses['200'])).toContain(
      '#/components/schemas/Creator',
    );
  });

  it('shows a readable reference page', async () => {
    const page = await sendTo(app.url, 'GET', '/api/v1/docs', {});
    expect(page.status).toBe(200);
    expect(page.text).toContain('/boards/{boardId}/creators');
    expect(page.text).toContain('Authorization: Bearer');
  });
});
