// The built web app's routes follow the policy table (shared/src/policy.ts, README "Who may do
// what"): each route that changes something is sent by an owner, an editor and a viewer of one
// workspace, and is refused (403) exactly when `can(role, action)` says no.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, type Action, type Role } from '@roster/shared';
import { buildIfNeeded } from '../../scripts/buildIfNeeded.mjs';
import { createTestDatabase } from './support/database.ts';
import { sendTo, signUpThrough, type Answer, type Person } from './support/http.ts';
import { spawnWebApp, type ServerProcess } from './support/processes.ts';

let app: ServerProcess;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: postgres.Sql;
let owner: Person;
const members = {} as Record<Role, Person>;

beforeAll(async () => {
  buildIfNeeded();
  database = await createTestDatabase();
  app = await spawnWebApp({ DATABASE_URL: database.url });
  sql = postgres(database.url, { max: 2, onnotice: () => {} });
  owner = await signUpThrough(app.url, sql, 'Olive Owner');
  members.owner = owner;
  members.editor = await joined('editor');
  members.viewer = await joined('viewer');
}, 240_000);

afterAll(async () => {
  await sql?.end();
  if (app && app.child.exitCode === null) {
    app.child.kill('SIGTERM');
    await app.exited;
  }
  await database?.drop();
});

/** A form action sent as use:enhance sends it (SvelteKit answers with JSON). */
function action(person: Person, url: string, form: Record<string, string>): Promise<Answer> {
  return sendTo(app.url, 'POST', url, { cookie: person.cookie, form, accept: 'application/json' });
}

/**
 * Whether the answer refused the request for the person's role (403); anything but a 403 or a
 * success (a form action's `success`/`redirect`, an endpoint's 2xx) fails the test.
 */
function refused(answer: Answer): boolean {
  const type = answer.json?.type;
  if (answer.status === 403 || answer.json?.status === 403) return true;
  const succeeded = type === undefined ? answer.status < 300 : type === 'success' || type === 'redirect';
  if (!succeeded) throw new Error(`neither done nor refused: ${answer.status} ${answer.text}`);
  return false;
}

async function inviteToken(role: Role): Promise<string> {
  const answer = await action(owner, `/w/${owner.workspaceId}/members?/invite`, { role });
  const token = /\/invite\/([a-z2-7]{32})/.exec(answer.text)?.[1];
  if (!token) throw new Error(`invite failed: ${answer.status} ${answer.text}`);
  return token;
}

/** A new person who joined the owner's workspace through an invite link with this role. */
async function joined(role: Role): Promise<Person> {
  const person = await signUpThrough(app.url, sql, `New ${role}`);
  const answer = await sendTo(app.url, 'POST', `/invite/${await inviteToken(role)}`, {
    cookie: person.cookie,
    form: {},
  });
  if (answer.status !== 303) throw new Error(`accepting the invite failed: ${answer.status} ${answer.text}`);
  return person;
}

async function newBoard(): Promise<string> {
  const answer = await sendTo(app.url, 'POST', `/api/workspaces/${owner.workspaceId}/boards`, {
    cookie: owner.cookie,
    json: { name: 'Policy board' },
  });
  return (JSON.parse(answer.text) as { board: { id: string } }).board.id;
}

async function archivedAt(boardId: string): Promise<Date | null> {
  const [row] = await sql<{ archived_at: Date | null }[]>`select archived_at from boards where id = ${boardId}`;
  return row!.archived_at;
}

async function roleOf(person: Person): Promise<Role | null> {
  const [row] = await sql<{ role: Role }[]>`
    select role from memberships where workspace_id = ${owner.workspaceId} and user_id = ${person.id}`;
  return row?.role ?? null;
}

const ws = () => `/w/${owner.workspaceId}`;
let nextEdge = 50;

/**
 * Each route that changes something: the action it needs, the request as the person sends it
 * (on fresh rows, so the cases do not depend on each other), and what the database shows after.
 */
const ROUTES: {
  name: string;
  action: Action;
  /** Sends the request; `done` reads whether it took effect. */
  send(person: Person): Promise<{ answer: Answer; done: () => Promise<boolean> }>;
}[] = [
  {
    name: 'POST /w/:id?/create',
    action: 'board.create',
    async send(person) {
      const name = `Created by ${person.id}`;
      const answer = await action(person, `${ws()}?/create`, { name });
      return { answer, done: async () => (await sql`select 1 from boards where name = ${name}`).count === 1 };
    },
  },
  {
    name: 'POST /api/workspaces/:id/boards',
    action: 'board.create',
    async send(person) {
      const name = `Created over the API by ${person.id}`;
      const answer = await sendTo(app.url, 'POST', `/api/workspaces/${owner.workspaceId}/boards`, {
        cookie: person.cookie,
        json: { name },
      });
      return { answer, done: async () => (await sql`select 1 from boards where name = ${name}`).count === 1 };
    },
  },
  {
    name: 'POST /w/:id?/rename',
    action: 'board.rename',
    async send(person) {
      const boardId = await newBoard();
      const answer = await action(person, `${ws()}?/rename`, { boardId, name: 'Renamed in the list' });
      return {
        answer,
        done: async () =>
          (await sql`select 1 from boards where id = ${boardId} and name = 'Renamed in the list'`).count === 1,
      };
    },
  },
  {
    name: 'POST /w/:id/b/:boardId?/rename',
    action: 'board.rename',
    async send(person) {
      const boardId = await newBoard();
      const answer = await action(person, `${ws()}/b/${boardId}?/rename`, { name: 'Renamed on the board' });
      return {
        answer,
        done: async () =>
          (await sql`select 1 from boards where id = ${boardId} and name = 'Renamed on the board'`).count === 1,
      };
    },
  },
  {
    name: 'POST /w/:id?/archive',
    action: 'board.archive',
    async send(person) {
      const boardId = await newBoard();
      const answer = await action(person, `${ws()}?/archive`, { boardId });
      return { answer, done: async () => (await archivedAt(boardId)) !== null };
    },
  },
  {
    name: 'POST /w/:id?/archive (restore)',
    action: 'board.archive',
    async send(person) {
      const boardId = await newBoard();
      await sql`update boards set archived_at = now() where id = ${boardId}`;
      const answer = await action(person, `${ws()}?/archive`, { boardId, archived: 'false' });
      return { answer, done: async () => (await archivedAt(boardId)) === null };
    },
  },
  {
    name: 'POST /w/:id/members?/invite',
    action: 'members.invite',
    async send(person) {
      const before = (await sql`select 1 from invites where created_by = ${person.id}`).count;
      const answer = await action(person, `${ws()}/members?/invite`, { role: 'viewer' });
      return {
        answer,
        done: async () => (await sql`select 1 from invites where created_by = ${person.id}`).count > before,
      };
    },
  },
  {
    name: 'POST /w/:id/members?/revoke',
    action: 'members.invite',
    async send(person) {
      await inviteToken('viewer');
      const [invite] = await sql<{ id: string }[]>`
        select id from invites where used_at is null order by created_at desc limit 1`;
      const answer = await action(person, `${ws()}/members?/revoke`, { inviteId: invite!.id });
      return { answer, done: async () => (await sql`select 1 from invites where id = ${invite!.id}`).count === 0 };
    },
  },
  {
    name: 'POST /w/:id/members?/role',
    action: 'members.changeRole',
    async send(person) {
      const member = await joined('viewer');
      const answer = await action(person, `${ws()}/members?/role`, { userId: member.id, role: 'editor' });
      return { answer, done: async () => (await roleOf(member)) === 'editor' };
    },
  },
  {
    name: 'POST /w/:id/settings?/aqsBands',
    action: 'workspace.aqsBands',
    async send(person) {
      // A fresh edge per request, so each case shows its own effect.
      const edge = nextEdge++;
      const form = { 'edges.0': '20', 'edges.1': '40', 'edges.2': String(edge), 'edges.3': '90' };
      const answer = await action(person, `${ws()}/settings?/aqsBands`, form);
      return {
        answer,
        done: async () => {
          const [row] = await sql<{ bands: { min: number }[] | null }[]>`
            select aqs_bands as bands from workspaces where id = ${owner.workspaceId}`;
          return (row!.bands ?? []).some((band) => band.min === edge);
        },
      };
    },
  },
  {
    name: 'POST /w/:id/members?/remove',
    action: 'members.remove',
    async send(person) {
      const member = await joined('viewer');
      const answer = await action(person, `${ws()}/members?/remove`, { userId: member.id });
      return { answer, done: async () => (await roleOf(member)) === null };
    },
  },
  {
    name: 'POST /w/:id/settings/api?/create (personal, read)',
    action: 'apiTokens.personal',
    async send(person) {
      const name = `Read token of ${person.id}`;
      const answer = await action(person, `${ws()}/settings/api?/create`, { name, scope: 'read', kind: 'personal' });
      return { answer, done: async () => (await sql`select 1 from api_tokens where name = ${name}`).count === 1 };
    },
  },
  {
    name: 'POST /w/:id/settings/api?/create (workspace)',
    action: 'apiTokens.workspace',
    async send(person) {
      const name = `Workspace token by ${person.id}`;
      const answer = await action(person, `${ws()}/settings/api?/create`, { name, scope: 'write', kind: 'workspace' });
      return { answer, done: async () => (await sql`select 1 from api_tokens where name = ${name}`).count === 1 };
    },
  },
  {
    name: 'POST /api/boards/:id/files',
    action: 'files.upload',
    async send(person) {
      const boardId = await newBoard();
      const name = `upload-${person.id}.pdf`;
      const answer = await sendTo(app.url, 'POST', `/api/boards/${boardId}/files?purpose=contract`, {
        cookie: person.cookie,
        body: new TextEncoder().encode('%PDF-1.7\n%%EOF\n'),
        contentType: 'application/octet-stream',
        headers: { 'x-file-name': name },
      });
      return { answer, done: async () => (await sql`select 1 from files where name = ${name}`).count === 1 };
    },
  },
  {
    name: 'POST /api/boards/:id/share-links',
    action: 'shareLinks.manage',
    async send(person) {
      const boardId = await newBoard();
      const answer = await sendTo(app.url, 'POST', `/api/boards/${boardId}/share-links`, {
        cookie: person.cookie,
        json: { creatorId: 'c1', kind: 'review' },
      });
      return {
        answer,
        done: async () => (await sql`select 1 from share_links where board_id = ${boardId}`).count === 1,
      };
    },
  },
  {
    name: 'DELETE /api/boards/:id/share-links/:linkId',
    action: 'shareLinks.manage',
    async send(person) {
      const boardId = await newBoard();
      const made = await sendTo(app.url, 'POST', `/api/boards/${boardId}/share-links`, {
        cookie: owner.cookie,
        json: { creatorId: 'c1', kind: 'acceptance' },
      });
      const linkId = (JSON.parse(made.text) as { link: { id: string } }).link.id;
      const answer = await sendTo(app.url, 'DELETE', `/api/boards/${boardId}/share-links/${linkId}`, {
        cookie: person.cookie,
      });
      return {
        answer,
        done: async () =>
          (await sql`select 1 from share_links where id = ${linkId} and revoked_at is not null`).count === 1,
      };
    },
  },
];

describe.each(ROUTES)('$name', (route) => {
  it.each(ROLES)(`is done for %s exactly when the policy table allows ${route.action}`, async (role) => {
    const { answer, done } = await route.send(members[role]);
    expect(refused(answer), answer.text).toBe(!can(role, route.action));
    expect(await done()).toBe(can(role, route.action));
  });
});

describe('leaving a workspace', () => {
  it.each(ROLES)('is open to a %s as the policy table says', async (role) => {
    const leaver = await joined(role);
    const answer = await action(leaver, `${ws()}/members?/remove`, { userId: leaver.id });
    expect(refused(answer), answer.text).toBe(!can(role, 'workspace.leave'));
    expect(await roleOf(leaver)).toBe(can(role, 'workspace.leave') ? null : role);
  });
});

describe('the pages show only what the role may do', () => {
  it.each(ROLES)('shows a %s the board buttons its role allows', async (role) => {
    await newBoard();
    const page = await sendTo(app.url, 'GET', ws(), { cookie: members[role].cookie });
    expect(page.text.includes('action="?/create"')).toBe(can(role, 'board.create'));
    expect(page.text.includes('>Rename</button>')).toBe(can(role, 'board.rename'));
    expect(page.text.includes('action="?/archive"')).toBe(can(role, 'board.archive'));
  });

  it.each(ROLES)('shows a %s the AQS band form only when its role allows', async (role) => {
    const page = await sendTo(app.url, 'GET', `${ws()}/settings`, { cookie: members[role].cookie });
    expect(page.text.includes('action="?/aqsBands"')).toBe(can(role, 'workspace.aqsBands'));
  });

  it.each(ROLES)('shows a %s the member controls its role allows', async (role) => {
    const page = await sendTo(app.url, 'GET', `${ws()}/members`, { cookie: members[role].cookie });
    expect(page.text.includes('action="?/invite"')).toBe(can(role, 'members.invite'));
    expect(page.text.includes('action="?/role"')).toBe(can(role, 'members.changeRole'));
    expect(page.text.includes('>Remove</button>')).toBe(can(role, 'members.remove'));
  });
});
