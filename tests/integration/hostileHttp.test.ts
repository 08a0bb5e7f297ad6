// The built web app (server/src/main.ts, as `pnpm start` runs it) against hostile HTTP: open
// redirects through `next`, and a corpus of malformed requests sent to every route, which must
// all be answered with a 4xx (or a success), never a 5xx.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfNeeded, ROOT } from '../../scripts/buildIfNeeded.mjs';
import { createTestDatabase } from './support/database.ts';
import { sendTo, signUpThrough, uniqueEmail, type Answer, type Person, type Probe } from './support/http.ts';
import { spawnWebApp, type ServerProcess } from './support/processes.ts';

let app: ServerProcess;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: postgres.Sql;
let owner: Person;
let member: Person;
let boardId: string;
let inviteToken: string;
let inviteId: string;

beforeAll(async () => {
  buildIfNeeded();
  database = await createTestDatabase();
  app = await spawnWebApp({ DATABASE_URL: database.url });
  sql = postgres(database.url, { max: 2, onnotice: () => {} });
  owner = await signUpOverHttp('Olive Owner');
  member = await signUpOverHttp('Mo Member');
  const created = await send('POST', `/api/workspaces/${owner.workspaceId}/boards`, {
    cookie: owner.cookie,
    json: { name: 'Hostile corpus' },
  });
  boardId = (JSON.parse(created.text) as { board: { id: string } }).board.id;
  // One invite the member accepts (so there is a member to change and remove), one left pending.
  const accepted = await createInvite();
  await send('POST', `/invite/${accepted}`, { cookie: member.cookie, form: {} });
  inviteToken = await createInvite();
  inviteId = (await sql<{ id: string }[]>`select id from invites where used_at is null`)[0]!.id;
}, 240_000);

afterAll(async () => {
  await sql?.end();
  if (app && app.child.exitCode === null) {
    app.child.kill('SIGTERM');
    await app.exited;
  }
  await database?.drop();
});

describe('next, the page to return to after signing in', () => {
  // Each is read by a browser as another host, or cannot be sent as a Location header at all.
  const HOSTILE_NEXT = [
    '/%09/evil.example',
    '/%09%5Cevil.example',
    '/%0A/evil.example',
    '/%0D%0A/evil.example',
    '//evil.example',
    '/%5Cevil.example',
    '%5C%5Cevil.example',
    'https://evil.example/',
    'https:evil.example',
    '/.//evil.example',
    '/a/..//evil.example',
    '/%2e%2e//evil.example',
    'javascript:alert(1)',
    '/%0D%0ASet-Cookie:%20x=1',
    '/%00',
    '/%FF',
    '/%E0%A4%A',
  ];

  it('sends a signed-in visitor of /login or /signup only to a path on this origin', async () => {
    const wrong: string[] = [];
    for (const next of HOSTILE_NEXT) {
      for (const page of ['/login', '/signup']) {
        const answer = await send('GET', `${page}?next=${next}`, { cookie: owner.cookie });
        if (!staysOnOrigin(answer)) wrong.push(`GET ${page}?next=${next} → ${answer.status} ${answer.location}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('sends someone who just signed in or signed up only to a path on this origin', async () => {
    const wrong: string[] = [];
    for (const next of HOSTILE_NEXT) {
      const signIn = await send('POST', `/login?next=${next}`, {
        form: { email: owner.email, password: owner.password },
      });
      if (!staysOnOrigin(signIn)) wrong.push(`POST /login?next=${next} → ${signIn.status} ${signIn.location}`);
      const signUp = await send('POST', `/signup?next=${next}`, {
        form: { name: 'Newcomer', email: freshEmail(), password: 'correct horse battery' },
      });
      if (!staysOnOrigin(signUp)) wrong.push(`POST /signup?next=${next} → ${signUp.status} ${signUp.location}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps a path on this origin with its query and fragment', async () => {
    const next = encodeURIComponent(`/w/${owner.workspaceId}/members?tab=invites#pending`);
    const answer = await send('POST', `/login?next=${next}`, {
      form: { email: owner.email, password: owner.password },
    });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/w/${owner.workspaceId}/members?tab=invites#pending`);
  });
});

describe('malformed input', () => {
  it('answers a form sent as text/plain with 415 and says what to send', async () => {
    const answer = await send('POST', '/login', { body: 'email=a@example.com', contentType: 'text/plain' });
    expect(answer.status).toBe(415);
    expect(answer.text).toContain('Send the form as application/x-www-form-urlencoded or multipart/form-data.');
  });

  it('answers a form body that cannot be parsed with 400', async () => {
    const answer = await send('POST', '/login', { body: 'garbage', contentType: 'multipart/form-data; boundary=x' });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('The form could not be read.');
  });

  it('refuses a NUL byte or another control character in a name with 400 and the field', async () => {
    const withNul = 'Evil\u0000name';
    const answers = [
      await send('POST', '/signup', {
        form: { name: withNul, email: freshEmail(), password: 'correct horse battery' },
      }),
      await send('POST', '/workspaces/new', { cookie: owner.cookie, form: { name: withNul } }),
      await send('POST', `/w/${owner.workspaceId}?/create`, { cookie: owner.cookie, form: { name: 'Tab\there' } }),
      await send('POST', `/w/${owner.workspaceId}?/rename`, { cookie: owner.cookie, form: { boardId, name: withNul } }),
      await send('POST', `/api/workspaces/${owner.workspaceId}/boards`, {
        cookie: owner.cookie,
        json: { name: withNul },
      }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('Name must not contain control characters.');
    }
  });

  it("answers a JSON body larger than the body limit with 413, in the API's error shape", async () => {
    const answer = await send('POST', `/api/workspaces/${owner.workspaceId}/boards`, {
      cookie: owner.cookie,
      json: { name: 'x'.repeat(600_000) },
    });
    expect(answer.status).toBe(413);
    expect(answer.json).toEqual({
      error: { code: 'body_too_large', message: 'The body is larger than the server accepts.' },
    });
  });

  it('answers a form larger than the body limit with 413, not as an unreadable form', async () => {
    const answer = await send('POST', '/workspaces/new', { cookie: owner.cookie, form: { name: 'x'.repeat(600_000) } });
    expect(answer.status).toBe(413);
  });

  it('answers an id that is not one of ours, in a URL, with 404', async () => {
    for (const url of ['/w/%00', `/w/${owner.workspaceId}/b/%00`, '/w/%00/members', '/api/workspaces/%00/boards']) {
      expect((await send('GET', url, { cookie: owner.cookie })).status, url).toBe(404);
    }
    const post = await send('POST', '/api/workspaces/%00/boards', { cookie: owner.cookie, json: { name: 'x' } });
    expect(post.status).toBe(404);
    expect(post.text).toContain('Workspace not found.');
  });

  it('answers an id that is not one of ours, in a form, with 400 and the field (404 for a board)', async () => {
    const members = `/w/${owner.workspaceId}/members`;
    const cases: [string, Record<string, string>, number, string][] = [
      [`${members}?/revoke`, { inviteId: 'a\u0000b' }, 400, 'Invite id is not a valid id.'],
      [`${members}?/role`, { userId: 'a\u0000b', role: 'viewer' }, 400, 'User id is not a valid id.'],
      [`${members}?/remove`, { userId: 'a\u0000b' }, 400, 'User id is not a valid id.'],
      [`/w/${owner.workspaceId}?/rename`, { boardId: 'a\u0000b', name: 'x' }, 404, 'Board not found.'],
      [`/w/${owner.workspaceId}?/archive`, { boardId: 'a\u0000b' }, 404, 'Board not found.'],
    ];
    for (const [url, form, status, message] of cases) {
      const answer = await send('POST', url, { cookie: owner.cookie, form });
      expect(answer.status, url).toBe(status);
      expect(answer.text, url).toContain(message);
    }
  });

  it('answers every route, for a corpus of hostile requests, with a status below 500', async () => {
    const routes = enumerateRoutes();
    // The enumeration must see the routes it is meant to cover; a change in how routes are written
    // that hides them from it should fail here, not silently shrink the corpus.
    expect(routes).toEqual(
      expect.arrayContaining([
        { pattern: '/login', kind: 'page', methods: ['GET', 'POST'], actions: ['default'] },
        { pattern: '/account', kind: 'page', methods: ['GET', 'POST'], actions: ['password', 'signOutEverywhere'] },
        {
          pattern: '/w/[workspaceId]/settings',
          kind: 'page',
          methods: ['GET', 'POST'],
          actions: ['rename', 'aqsBands'],
        },
        {
          pattern: '/w/[workspaceId]/members',
          kind: 'page',
          methods: ['GET', 'POST'],
          actions: ['invite', 'revoke', 'role', 'remove'],
        },
        { pattern: '/api/workspaces/[workspaceId]/boards', kind: 'endpoint', methods: ['GET', 'POST'], actions: [] },
      ]),
    );
    expect(routes.length).toBeGreaterThanOrEqual(11);
    // Throwaway accounts for the routes that end sessions: /logout ends the one it is sent with,
    // /account's sign-out everywhere every session of its person (the owner's would end the corpus).
    const leaver = await signUpOverHttp('Lee Leaver');
    const accountHolder = await signUpOverHttp('Avery Account');
    const cookieFor: Record<string, string> = { '/logout': leaver.cookie, '/account': accountHolder.cookie };
    const requests: Probe[] = [];
    for (const route of routes) {
      const valid = fill(route.pattern, validParams());
      const cookies = [cookieFor[route.pattern] ?? owner.cookie, undefined];
      for (const cookie of cookies) {
        for (const url of [valid, ...hostileUrls(route.pattern)]) {
          for (const method of route.methods) {
            if (method === 'GET') {
              requests.push({ method, url, cookie }, { method, url: `${url}?next=%0D%0A%00%FF&x=%zz`, cookie });
              if (route.kind === 'page')
                requests.push({ method, url: `${url.replace(/\/$/, '')}/__data.json`, cookie });
            } else {
              for (const target of actionTargets(url, route)) requests.push({ method, url: target, cookie, form: {} });
            }
          }
        }
        for (const method of route.methods.filter((m) => m !== 'GET')) {
          for (const target of actionTargets(valid, route)) {
            for (const body of hostileBodies()) requests.push({ method, url: target, cookie, ...body });
            // Each form once, as a script-less browser (HTML) or use:enhance (JSON) would send it.
            if (cookie) {
              hostileForms().forEach((form, i) =>
                requests.push({ method, url: target, cookie, form, accept: i % 2 ? 'text/html' : 'application/json' }),
              );
            }
          }
        }
      }
    }
    const failures: string[] = [];
    await forEachLimit(requests, 12, async (request) => {
      for (const accept of request.accept ? [request.accept] : ['text/html', 'application/json']) {
        const answer = await send(request.method, request.url, { ...request, accept });
        if (answer.status >= 500 || (answer.json?.status ?? 0) >= 500) {
          failures.push(`${request.method} ${request.url} ${summary(request)} (${accept}) → ${answer.status}`);
        }
      }
    });
    expect(failures, app.output().slice(-4000)).toEqual([]);
    expect(requests.length).toBeGreaterThan(1000);
    expect(app.child.exitCode).toBeNull();
    expect((await send('GET', '/healthz', {})).status).toBe(200);
  }, 600_000);
});

// ——— the corpus ———

interface Route {
  /** The route's path with its [params], e.g. /w/[workspaceId]/members. */
  pattern: string;
  kind: 'page' | 'endpoint';
  methods: string[];
  /** Form action names of a page (`default` included); empty for an endpoint. */
  actions: string[];
}

/** Every +server.ts and +page.server.ts under web/src/routes, with its methods and form actions. */
function enumerateRoutes(): Route[] {
  const root = path.join(ROOT, 'web/src/routes');
  const routes: Route[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      if (entry.name !== '+server.ts' && entry.name !== '+page.server.ts') continue;
      const segments = path
        .relative(root, dir)
        .split(path.sep)
        .filter((segment) => segment && !/^\(.+\)$/.test(segment));
      const pattern = `/${segments.join('/')}`;
      const source = readFileSync(file, 'utf8');
      if (entry.name === '+server.ts') {
        const methods = [
          ...source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g),
        ];
        routes.push({ pattern, kind: 'endpoint', methods: methods.map((m) => m[1]!), actions: [] });
      } else {
        const block = /export const actions = \{([\s\S]*?)\n\};/.exec(source)?.[1] ?? '';
        const actions = [...block.matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]!);
        // A page without actions still gets POSTs: SvelteKit must answer them with a 405.
        routes.push({ pattern, kind: 'page', methods: ['GET', 'POST'], actions });
      }
    }
  };
  walk(root);
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

function validParams(): Record<string, string> {
  return {
    workspaceId: owner.workspaceId,
    boardId,
    token: inviteToken,
    creatorId: 'aaaaaaaaaaaaaaaa',
    snapshotId: '1',
    linkId: 'aaaaaaaaaaaaaaaa',
    jobId: 'aaaaaaaaaaaaaaaa',
  };
}

function fill(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/\[(\w+)\]/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`the corpus has no value for [${name}]: add one to validParams()`);
    return params[name]!;
  });
}

// Path segments as sent (already percent-encoded, or deliberately not decodable).
const HOSTILE_SEGMENTS = [
  '%00',
  'a%00b',
  '%zz',
  '%0D%0A',
  '%C0%AF',
  '..%2F..%2F',
  '%F0%9F%98%80',
  "'%20or%201=1--",
  'x'.repeat(3000),
  'AAAAAAAAAAAAAAAA',
  'aaaaaaaaaaaaaaaa',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
];

/** The route with each of its params, one at a time, replaced by a hostile segment. */
function hostileUrls(pattern: string): string[] {
  const names = [...pattern.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
  return names.flatMap((name) =>
    HOSTILE_SEGMENTS.map((segment) => fill(pattern, { ...validParams(), [name]: segment })),
  );
}

function actionTargets(url: string, route: Route): string[] {
  if (!route.actions.length) return [url];
  return route.actions.map((action) => (action === 'default' ? url : `${url}?/${action}`));
}

const HOSTILE_TEXT = [
  '\u0000',
  'line\r\nbreak',
  '\u0001\u001f\u007f\u0085',
  '\ud800',
  '',
  "' or 1=1 --",
  '😀'.repeat(5000),
];

/** Every field any form reads, with a value that passes its checks. */
function validForm(): Record<string, string> {
  return {
    name: 'Corpus',
    email: freshEmail(),
    password: 'correct horse battery',
    currentPassword: 'correct horse battery',
    newPassword: 'another horse battery',
    boardId,
    inviteId,
    userId: member.id,
    role: 'viewer',
    archived: 'false',
  };
}

/** Valid forms with one field at a time made hostile, so each value reaches that field's code. */
function hostileForms(): Record<string, string>[] {
  return Object.keys(validForm()).flatMap((field) => HOSTILE_TEXT.map((value) => ({ ...validForm(), [field]: value })));
}

/** Bodies a form action or endpoint cannot read as it expects. */
function hostileBodies(): Pick<Probe, 'body' | 'contentType' | 'json' | 'formData'>[] {
  const withFile = new FormData();
  withFile.set('name', new Blob(['a file']), 'name.txt');
  withFile.set('email', 'a@example.com');
  return [
    { body: 'name=x', contentType: 'text/plain' },
    { body: '{"name":"x"}', contentType: 'application/json' },
    { json: { name: 'a\u0000b', email: 'a\u0000@example.com', userId: 'a\u0000b' } },
    { json: ['not', 'an', 'object'] },
    { body: '{"name":', contentType: 'application/json' },
    { body: new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0x78]) },
    { body: 'name=x', contentType: 'multipart/form-data' },
    { body: '--x\r\nnonsense', contentType: 'multipart/form-data; boundary=x' },
    {
      body: new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xff, 0xfe, 0x00]),
      contentType: 'application/x-www-form-urlencoded',
    },
    { body: 'name=%zz%&%%%=1&=&&', contentType: 'application/x-www-form-urlencoded' },
    { body: 'name=x', contentType: 'application/x-www-form-urlencoded; charset=utf-16' },
    { body: '', contentType: 'application/x-www-form-urlencoded' },
    { formData: withFile },
  ];
}

// ——— HTTP ———

function send(method: string, url: string, request: Omit<Probe, 'method' | 'url'>): Promise<Answer> {
  return sendTo(app.url, method, url, request);
}

/** Whether an answer redirects, and a browser following it stays on this origin. */
function staysOnOrigin(answer: Answer): boolean {
  if (answer.status !== 303 || answer.location === null) return false;
  // URL is the browser's own parser: it drops tabs and line breaks and reads `\` as `/`.
  return new URL(answer.location, `${app.url}/login`).origin === new URL(app.url).origin;
}

function freshEmail(): string {
  return uniqueEmail('corpus');
}

function signUpOverHttp(name: string): Promise<Person> {
  return signUpThrough(app.url, sql, name);
}

async function createInvite(): Promise<string> {
  const answer = await send('POST', `/w/${owner.workspaceId}/members?/invite`, {
    cookie: owner.cookie,
    form: { role: 'editor' },
    accept: 'application/json',
  });
  const token = /\/invite\/([a-z2-7]{32})/.exec(answer.text)?.[1];
  if (!token) throw new Error(`invite failed: ${answer.status} ${answer.text}`);
  return token;
}

function summary(request: Probe): string {
  const shown =
    request.form ?? request.json ?? request.contentType ?? (request.formData ? 'multipart with a file' : '');
  return JSON.stringify(shown).slice(0, 160);
}

async function forEachLimit<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}
