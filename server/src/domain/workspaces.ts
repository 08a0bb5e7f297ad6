import { z } from 'zod';
import {
  AQS_EDGE_LABELS,
  aqsBandEdgesSchema,
  aqsBandsSchema,
  bandsWithEdges,
  can,
  DEFAULT_AQS_BANDS,
  parseInput as parseProblem,
  ROLES,
  type AqsBand,
  type Role,
} from '@roster/shared';
import type { Sql } from '../db/client.ts';
import { hashToken, isId, isToken, newId, newToken } from '../ids.ts';
import { checkId, denied, fail, idSchema, lineOfText, parseInput, type Result } from '../validation.ts';
import type { AccessEvents } from './accessEvents.ts';

export interface WorkspaceSummary {
  id: string;
  name: string;
  role: Role;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
}

export interface PendingInvite {
  id: string;
  role: Role;
  expiresAt: Date;
  createdAt: Date;
}

const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
const INVITE_GONE = 'This invite link was already used or has expired. Ask for a new one.';
const LAST_OWNER = 'A workspace needs at least one owner. Make someone else owner first.';

export const roleSchema = z.enum(ROLES, { message: 'must be owner, editor or viewer' });
export const workspaceNameSchema = z.object({ name: lineOfText(100) });
export const inviteSchema = z.object({ role: roleSchema });
export const changeRoleSchema = z.object({ userId: idSchema, role: roleSchema });
/** The AQS band edges an owner sets: where Fair, Good, Very good and Excellent start. */
export const aqsBandEdgesInput = z.object({ edges: aqsBandEdgesSchema });

/** Workspaces, their members and invites. Every method that changes something checks the actor. */
export class Workspaces {
  constructor(
    private readonly sql: Sql,
    private readonly events: AccessEvents,
  ) {}

  async create(ownerId: string, name: string): Promise<{ id: string; name: string }> {
    const id = newId();
    await this.sql.begin(async (tx) => {
      await tx`insert into workspaces (id, name) values (${id}, ${name})`;
      await tx`insert into memberships (workspace_id, user_id, role) values (${id}, ${ownerId}, 'owner')`;
    });
    return { id, name };
  }

  /** Creates another workspace owned by the user. */
  async createFor(userId: string, input: unknown): Promise<Result<{ id: string; name: string }>> {
    const parsed = parseInput(workspaceNameSchema, input);
    if (!parsed.ok) return parsed;
    return { ok: true, ...(await this.create(userId, parsed.value.name)) };
  }

  async listFor(userId: string): Promise<WorkspaceSummary[]> {
    return this.sql<WorkspaceSummary[]>`
      select w.id, w.name, m.role from memberships m join workspaces w on w.id = m.workspace_id
      where m.user_id = ${userId} order by w.created_at, w.id`;
  }

  /** The user's role in a workspace, or null when not a member. */
  async roleOf(workspaceId: string, userId: string): Promise<Role | null> {
    if (!isId(workspaceId) || !isId(userId)) return null;
    const [row] = await this.sql<{ role: Role }[]>`
      select role from memberships where workspace_id = ${workspaceId} and user_id = ${userId}`;
    return row?.role ?? null;
  }

  async get(workspaceId: string): Promise<{ id: string; name: string } | null> {
    if (!isId(workspaceId)) return null;
    const [row] = await this.sql<
      { id: string; name: string }[]
    >`select id, name from workspaces where id = ${workspaceId}`;
    return row ?? null;
  }

  async rename(actorId: string, workspaceId: string, input: unknown): Promise<Result<object>> {
    if (!can(await this.roleOf(workspaceId, actorId), 'workspace.rename')) return denied('workspace.rename');
    const parsed = parseInput(workspaceNameSchema, input);
    if (!parsed.ok) return parsed;
    await this.sql`update workspaces set name = ${parsed.value.name} where id = ${workspaceId}`;
    return { ok: true };
  }

  /** The workspace's AQS bands in score order (the default bands until an owner sets edges). */
  async aqsBands(workspaceId: string): Promise<AqsBand[]> {
    const [row] = isId(workspaceId)
      ? await this.sql<{ bands: unknown }[]>`select aqs_bands as bands from workspaces where id = ${workspaceId}`
      : [];
    const stored = aqsBandsSchema.safeParse(row?.bands);
    return stored.success
      ? [...stored.data].sort((a, b) => a.min - b.min)
      : DEFAULT_AQS_BANDS.map((band) => ({ ...band }));
  }

  /**
   * Stores the workspace's AQS band edges (the owner's; see aqsBandEdgesSchema for the rules) and
   * returns the bands. Giving the boards these bands is domain/aqsBands.ts's work.
   */
  async setAqsBandEdges(actorId: string, workspaceId: string, input: unknown): Promise<Result<{ bands: AqsBand[] }>> {
    if (!can(await this.roleOf(workspaceId, actorId), 'workspace.aqsBands')) return denied('workspace.aqsBands');
    const parsed = parseProblem(aqsBandEdgesInput, input, AQS_EDGE_LABELS);
    if (!parsed.ok) return { ...parsed, status: 400 };
    const bands = bandsWithEdges(parsed.value.edges);
    await this
      .sql`update workspaces set aqs_bands = ${this.sql.json(bands.map((band) => ({ ...band })))} where id = ${workspaceId}`;
    return { ok: true, bands };
  }

  async members(workspaceId: string): Promise<Member[]> {
    if (!isId(workspaceId)) return [];
    return this.sql<Member[]>`
      select u.id as "userId", u.name, u.email, m.role, m.created_at as "joinedAt"
      from memberships m join users u on u.id = m.user_id
      where m.workspace_id = ${workspaceId}
      order by case m.role when 'owner' then 0 when 'editor' then 1 else 2 end, u.name`;
  }

  /** Creates a single-use invite link token (returned once; only its hash is stored). */
  async invite(
    actorId: string,
    workspaceId: string,
    input: unknown,
  ): Promise<Result<{ token: string; expiresAt: Date }>> {
    if (!can(await this.roleOf(workspaceId, actorId), 'members.invite')) return denied('members.invite');
    const parsed = parseInput(inviteSchema, input);
    if (!parsed.ok) return parsed;
    const token = newToken();
    const expiresAt = new Date(Date.now() + INVITE_LIFETIME_MS);
    await this.sql`
      insert into invites (id, token_hash, workspace_id, role, created_by, expires_at)
      values (${newId()}, ${hashToken(token)}, ${workspaceId}, ${parsed.value.role}, ${actorId}, ${expiresAt})`;
    return { ok: true, token, expiresAt };
  }

  async pendingInvites(workspaceId: string): Promise<PendingInvite[]> {
    if (!isId(workspaceId)) return [];
    return this.sql<PendingInvite[]>`
      select id, role, expires_at as "expiresAt", created_at as "createdAt" from invites
      where workspace_id = ${workspaceId} and used_at is null and expires_at > now()
      order by created_at desc`;
  }

  async revokeInvite(actorId: string, workspaceId: string, inviteId: string): Promise<Result<object>> {
    const invalid = checkId('inviteId', inviteId);
    if (invalid) return invalid;
    if (!can(await this.roleOf(workspaceId, actorId), 'members.invite')) return denied('members.invite');
    await this.sql`delete from invites where id = ${inviteId} and workspace_id = ${workspaceId} and used_at is null`;
    return { ok: true };
  }

  /** What an invite link offers, without using it. */
  async peekInvite(token: string): Promise<{ workspaceName: string; role: Role } | null> {
    if (!isToken(token)) return null;
    const [row] = await this.sql<{ workspaceName: string; role: Role }[]>`
      select w.name as "workspaceName", i.role from invites i join workspaces w on w.id = i.workspace_id
      where i.token_hash = ${hashToken(token)} and i.used_at is null and i.expires_at > now()`;
    return row ?? null;
  }

  /**
   * Uses an invite: marks it used (once, atomically) and adds the user with its role. A member
   * already in the workspace keeps the higher of the two roles.
   */
  async acceptInvite(userId: string, token: string): Promise<Result<{ workspaceId: string; role: Role }>> {
    if (!isToken(token)) return fail(404, 'invite_gone', INVITE_GONE);
    return this.sql.begin(async (tx) => {
      const [invite] = await tx<{ workspace_id: string; role: Role }[]>`
        update invites set used_at = now(), used_by = ${userId}
        where token_hash = ${hashToken(token)} and used_at is null and expires_at > now()
        returning workspace_id, role`;
      if (!invite) return fail(404, 'invite_gone', INVITE_GONE);
      const [existing] = await tx<{ role: Role }[]>`
        select role from memberships where workspace_id = ${invite.workspace_id} and user_id = ${userId} for update`;
      const role = existing && ROLES.indexOf(existing.role) <= ROLES.indexOf(invite.role) ? existing.role : invite.role;
      await tx`
        insert into memberships (workspace_id, user_id, role) values (${invite.workspace_id}, ${userId}, ${role})
        on conflict (workspace_id, user_id) do update set role = excluded.role`;
      return { ok: true as const, workspaceId: invite.workspace_id, role };
    });
  }

  async changeRole(actorId: string, workspaceId: string, input: unknown): Promise<Result<object>> {
    if (!can(await this.roleOf(workspaceId, actorId), 'members.changeRole')) return denied('members.changeRole');
    const parsed = parseInput(changeRoleSchema, input);
    if (!parsed.ok) return parsed;
    const { userId, role } = parsed.value;
    if (role !== 'owner' && (await this.isLastOwner(workspaceId, userId))) {
      return fail(409, 'last_owner', LAST_OWNER);
    }
    const updated = await this
      .sql`update memberships set role = ${role} where workspace_id = ${workspaceId} and user_id = ${userId}`;
    if (updated.count === 0)
      return fail(404, 'not_a_member', 'That person is not a member of this workspace.', 'userId');
    this.events.roleChanged(workspaceId, userId, role);
    return { ok: true };
  }

  /** Removes a member (or lets a member leave) and disconnects their open boards. */
  async removeMember(actorId: string, workspaceId: string, userId: string): Promise<Result<object>> {
    const invalid = checkId('userId', userId);
    if (invalid) return invalid;
    if (!isId(workspaceId)) return fail(404, 'workspace_not_found', 'Workspace not found.');
    const action = actorId === userId ? 'workspace.leave' : 'members.remove';
    if (!can(await this.roleOf(workspaceId, actorId), action)) return denied(action);
    if (await this.isLastOwner(workspaceId, userId)) {
      return fail(409, 'last_owner', LAST_OWNER);
    }
    const removed = await this.sql`delete from memberships where workspace_id = ${workspaceId} and user_id = ${userId}`;
    if (removed.count === 0)
      return fail(404, 'not_a_member', 'That person is not a member of this workspace.', 'userId');
    this.events.memberRemoved(workspaceId, userId);
    return { ok: true };
  }

  private async isLastOwner(workspaceId: string, userId: string): Promise<boolean> {
    const [row] = await this.sql<{ owners: number; is_owner: boolean }[]>`
      select count(*)::int as owners, bool_or(user_id = ${userId}) as is_owner
      from memberships where workspace_id = ${workspaceId} and role = 'owner'`;
    return !!row && row.is_owner && row.owners <= 1;
  }
}
