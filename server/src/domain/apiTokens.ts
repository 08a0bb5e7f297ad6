import { z } from 'zod';
import { can, type Role } from '@roster/shared';
import type { Sql } from '../db/client.ts';
import { hashToken, isId, newId, newToken } from '../ids.ts';
import { denied, fail, lineOfText, parseInput, type Result } from '../validation.ts';
import type { Workspaces } from './workspaces.ts';

/** Every token starts with this, so a leaked one is recognisable (and secret scanners can find it). */
export const API_TOKEN_PREFIX = 'roster_';
const API_TOKEN_FORMAT = /^roster_[a-z2-7]{32}$/;
/** A workspace keeps at most this many live tokens. */
export const MAX_TOKENS_PER_WORKSPACE = 50;

export type ApiTokenKind = 'personal' | 'workspace';
export type ApiTokenScope = 'read' | 'write';

export interface ApiTokenSummary {
  id: string;
  kind: ApiTokenKind;
  name: string;
  scope: ApiTokenScope;
  /** Who made it (null once that person's account is gone). */
  makerName: string | null;
  makerId: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** Who a request made with a token acts as. */
export interface TokenIdentity {
  tokenId: string;
  workspaceId: string;
  actor: { id: string; name: string; role: Role };
}

export const createTokenSchema = z.object({
  name: lineOfText(80),
  scope: z.enum(['read', 'write'], { message: 'must be read or write' }),
  kind: z.enum(['personal', 'workspace'], { message: 'must be personal or workspace' }).default('personal'),
});

/** What a token may do: a read token is a viewer whatever its maker is; a write token no more than its maker. */
function effectiveRole(kind: ApiTokenKind, scope: ApiTokenScope, makerRole: Role | null): Role | null {
  if (kind === 'workspace') return scope === 'write' ? 'editor' : 'viewer';
  if (!makerRole) return null;
  return scope === 'read' ? 'viewer' : makerRole;
}

/**
 * API tokens of a workspace. The token is shown once, when made; only its SHA-256 is stored. A
 * personal token acts as its maker (ending with the maker's membership, and never more than the
 * maker's current role); a workspace token acts under its own name as an editor (write) or a
 * viewer (read).
 */
export class ApiTokens {
  constructor(
    private readonly sql: Sql,
    private readonly workspaces: Workspaces,
  ) {}

  async create(
    actorId: string,
    workspaceId: string,
    input: unknown,
  ): Promise<Result<{ token: string; summary: ApiTokenSummary }>> {
    const role = await this.workspaces.roleOf(workspaceId, actorId);
    if (!role) return fail(404, 'workspace_not_found', 'Workspace not found.');
    const parsed = parseInput(createTokenSchema, input);
    if (!parsed.ok) return parsed;
    const { name, scope, kind } = parsed.value;
    if (!can(role, kind === 'workspace' ? 'apiTokens.workspace' : 'apiTokens.personal'))
      return denied(kind === 'workspace' ? 'apiTokens.workspace' : 'apiTokens.personal');
    if (scope === 'write' && kind === 'personal' && !can(role, 'board.edit'))
      return fail(403, 'forbidden', 'A viewer can make read tokens only.', 'scope');
    const [live] = await this.sql<{ count: number }[]>`
      select count(*)::int as count from api_tokens where workspace_id = ${workspaceId} and revoked_at is null`;
    if (live!.count >= MAX_TOKENS_PER_WORKSPACE)
      return fail(
        409,
        'too_many_tokens',
        `A workspace can have at most ${MAX_TOKENS_PER_WORKSPACE} tokens. Revoke one first.`,
      );
    const id = newId();
    const token = API_TOKEN_PREFIX + newToken();
    const [row] = await this.sql<{ created_at: Date }[]>`
      insert into api_tokens (id, token_hash, workspace_id, kind, user_id, name, scope)
      values (${id}, ${hashToken(token)}, ${workspaceId}, ${kind}, ${actorId}, ${name}, ${scope})
      returning created_at`;
    const [maker] = await this.sql<{ name: string }[]>`select name from users where id = ${actorId}`;
    return {
      ok: true,
      token,
      summary: {
        id,
        kind,
        name,
        scope,
        makerId: actorId,
        makerName: maker?.name ?? null,
        createdAt: row!.created_at,
        lastUsedAt: null,
      },
    };
  }

  /** The live tokens a member may see: their own, and the workspace's. */
  async list(actorId: string, workspaceId: string): Promise<Result<{ tokens: ApiTokenSummary[] }>> {
    const role = await this.workspaces.roleOf(workspaceId, actorId);
    if (!role) return fail(404, 'workspace_not_found', 'Workspace not found.');
    const tokens = await this.sql<ApiTokenSummary[]>`
      select t.id, t.kind, t.name, t.scope, t.user_id as "makerId", u.name as "makerName",
             t.created_at as "createdAt", t.last_used_at as "lastUsedAt"
      from api_tokens t left join users u on u.id = t.user_id
      where t.workspace_id = ${workspaceId} and t.revoked_at is null
        and (t.kind = 'workspace' or t.user_id = ${actorId})
      order by t.created_at, t.id`;
    return { ok: true, tokens };
  }

  /** Revokes a token: its maker may revoke a personal one, an owner any workspace one. */
  async revoke(actorId: string, workspaceId: string, tokenId: string): Promise<Result<object>> {
    const role = await this.workspaces.roleOf(workspaceId, actorId);
    if (!role) return fail(404, 'workspace_not_found', 'Workspace not found.');
    const notFound = fail(404, 'token_not_found', 'This token does not exist or was revoked.');
    if (!isId(tokenId)) return notFound;
    const [token] = await this.sql<{ kind: ApiTokenKind; user_id: string | null }[]>`
      select kind, user_id from api_tokens
      where id = ${tokenId} and workspace_id = ${workspaceId} and revoked_at is null`;
    if (!token) return notFound;
    if (token.kind === 'personal' && token.user_id !== actorId) return notFound;
    if (token.kind === 'workspace' && !can(role, 'apiTokens.workspace')) return denied('apiTokens.workspace');
    await this.sql`update api_tokens set revoked_at = now() where id = ${tokenId}`;
    return { ok: true };
  }

  /**
   * Who a bearer token acts as, or null for a token that is malformed, unknown, revoked, or
   * whose maker is no longer a member (personal tokens). Notes the time of use (once a minute).
   */
  async authenticate(token: string | null | undefined): Promise<TokenIdentity | null> {
    if (!token || !API_TOKEN_FORMAT.test(token)) return null;
    const [row] = await this.sql<
      {
        id: string;
        workspace_id: string;
        kind: ApiTokenKind;
        scope: ApiTokenScope;
        name: string;
        user_id: string | null;
        user_name: string | null;
        role: Role | null;
        last_used_at: Date | null;
      }[]
    >`
      select t.id, t.workspace_id, t.kind, t.scope, t.name, t.user_id, u.name as user_name, m.role, t.last_used_at
      from api_tokens t
      left join users u on u.id = t.user_id
      left join memberships m on m.workspace_id = t.workspace_id and m.user_id = t.user_id
      where t.token_hash = ${hashToken(token)} and t.revoked_at is null`;
    if (!row) return null;
    const role = effectiveRole(row.kind, row.scope, row.role);
    if (!role) return null;
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000)
      await this.sql`update api_tokens set last_used_at = now() where id = ${row.id}`;
    const actor =
      row.kind === 'personal'
        ? { id: row.user_id!, name: row.user_name ?? row.name, role }
        : { id: `token:${row.id}`, name: `${row.name} (API)`, role };
    return { tokenId: row.id, workspaceId: row.workspace_id, actor };
  }
}
