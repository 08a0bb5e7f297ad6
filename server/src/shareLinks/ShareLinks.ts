import { z } from 'zod';
import { can, SHARE_LINK_KINDS, type ShareLinkKind } from '@roster/shared';
import type { Sql } from '../db/client.ts';
import type { Boards } from '../domain/boards.ts';
import { RateLimiter } from '../auth/rateLimiter.ts';
import { hashToken, isId, isToken, newId, newToken } from '../ids.ts';
import { denied, fail, parseInput, type Result } from '../validation.ts';

export type { ShareLinkKind };

/** A link as the team sees it (never its token, which only its creator saw once). */
export interface ShareLinkSummary {
  id: string;
  boardId: string;
  creatorId: string;
  kind: ShareLinkKind;
  label: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** What a valid link opens: one creator of one board, for one purpose. */
export interface ShareLinkScope {
  linkId: string;
  workspaceId: string;
  boardId: string;
  boardName: string;
  creatorId: string;
  kind: ShareLinkKind;
  label: string | null;
  expiresAt: Date;
}

/** Why a token opens nothing, with the sentence the public page shows. */
export type ShareLinkRefusal = { ok: false; reason: 'not_found' | 'expired' | 'revoked'; message: string };

export const LINK_MESSAGES: Record<ShareLinkRefusal['reason'], string> = {
  not_found: 'This link does not exist. Check that it was copied whole, or ask for a new one.',
  expired: 'This link has expired. Ask the person who sent it for a new one.',
  revoked: 'This link was turned off by the team that sent it. Ask them for a new one.',
};

/** Creators' ids are made by the board (12 base-36 characters); accept any short safe id. */
const CREATOR_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const LINK_DAYS_MAX = 90;

const createSchema = z
  .object({
    creatorId: z.string().regex(CREATOR_ID, { message: 'is not a valid creator id' }),
    kind: z.enum(SHARE_LINK_KINDS),
    /** Days until the link stops working: 1–90, 14 when left out. */
    expiresInDays: z.coerce.number().int().min(1).max(LINK_DAYS_MAX).default(14),
    /** A note for the team: who the link is for. */
    label: z
      .string()
      .trim()
      .max(100)
      // eslint-disable-next-line no-control-regex
      .refine((value) => !/[\u0000-\u001f\u007f-\u009f]/.test(value), {
        message: 'must not contain control characters',
      })
      .transform((value) => value || null)
      .nullish(),
  })
  .strict();

/**
 * Share links: signed (a random token, 160 bits), expiring, revocable, no-account links that open
 * one creator of a board for one purpose — a client's review of drafts, a creator's acceptance of
 * terms. Only the token's SHA-256 is stored (like sessions): a database leak opens nothing. Made,
 * listed and revoked by owners and editors (`shareLinks.manage`).
 */
export class ShareLinks {
  private readonly publicLimiter: RateLimiter;

  constructor(
    private readonly sql: Sql,
    private readonly boards: Pick<Boards, 'access'>,
    publicRequestsPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.publicLimiter = new RateLimiter(publicRequestsPerMinute, 60_000, now);
  }

  /**
   * Counts one request of a public page or route (no account: a token is all it has) against its
   * address; false once the address used up SHARE_LINK_REQUESTS_PER_MINUTE (per instance).
   */
  allowPublic(clientKey: string): boolean {
    return this.publicLimiter.attempt(clientKey);
  }

  /** Makes a link; its token is returned once, here. */
  async create(
    userId: string,
    boardId: string,
    input: unknown,
  ): Promise<Result<{ link: ShareLinkSummary; token: string }>> {
    const access = await this.boards.access(boardId, userId);
    if (!access || access.board.archivedAt) return fail(404, 'board_not_found', 'Board not found.');
    if (!can(access.role, 'shareLinks.manage')) return denied('shareLinks.manage');
    const parsed = parseInput(createSchema, input);
    if (!parsed.ok) return parsed;
    const { creatorId, kind, expiresInDays, label } = parsed.value;
    const token = newToken();
    const id = newId();
    const expiresAt = new Date(this.now() + expiresInDays * 24 * 60 * 60 * 1000);
    await this.sql`
      insert into share_links (id, token_hash, workspace_id, board_id, creator_id, kind, label, expires_at, created_by)
      values (${id}, ${hashToken(token)}, ${access.board.workspaceId}, ${boardId}, ${creatorId}, ${kind},
              ${label ?? null}, ${expiresAt}, ${userId})`;
    const [link] = await this.summaries(boardId, { id });
    return { ok: true, link: link!, token };
  }

  /** A board's links (optionally one creator's, one kind's), newest first; members who may manage them. */
  async list(
    userId: string,
    boardId: string,
    filter: { creatorId?: string; kind?: ShareLinkKind } = {},
  ): Promise<Result<{ links: ShareLinkSummary[] }>> {
    const access = await this.boards.access(boardId, userId);
    if (!access) return fail(404, 'board_not_found', 'Board not found.');
    if (!can(access.role, 'shareLinks.manage')) return denied('shareLinks.manage');
    if (filter.creatorId !== undefined && !CREATOR_ID.test(filter.creatorId)) return { ok: true, links: [] };
    return { ok: true, links: await this.summaries(boardId, filter) };
  }

  /** Turns a link off for good (revoking twice is fine). */
  async revoke(userId: string, boardId: string, linkId: string): Promise<Result<{ link: ShareLinkSummary }>> {
    const access = await this.boards.access(boardId, userId);
    if (!access) return fail(404, 'board_not_found', 'Board not found.');
    if (!can(access.role, 'shareLinks.manage')) return denied('shareLinks.manage');
    if (!isId(linkId)) return linkNotFound();
    const [row] = await this.sql<{ id: string }[]>`
      update share_links set revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, ${userId})
      where id = ${linkId} and board_id = ${boardId} returning id`;
    if (!row) return linkNotFound();
    const [link] = await this.summaries(boardId, { id: linkId });
    return { ok: true, link: link! };
  }

  /**
   * What a token opens, or why it opens nothing. `kind` is the page asking (a review link does not
   * open the acceptance page). An archived board's links open nothing, as if revoked.
   */
  async resolve(token: string, kind?: ShareLinkKind): Promise<({ ok: true } & ShareLinkScope) | ShareLinkRefusal> {
    if (!isToken(token)) return refusal('not_found');
    const [row] = await this.sql<
      {
        id: string;
        workspace_id: string;
        board_id: string;
        board_name: string;
        archived_at: Date | null;
        creator_id: string;
        kind: ShareLinkKind;
        label: string | null;
        expires_at: Date;
        revoked_at: Date | null;
      }[]
    >`
      select l.id, l.workspace_id, l.board_id, b.name as board_name, b.archived_at, l.creator_id, l.kind, l.label,
             l.expires_at, l.revoked_at
      from share_links l join boards b on b.id = l.board_id
      where l.token_hash = ${hashToken(token)}`;
    if (!row || (kind && row.kind !== kind)) return refusal('not_found');
    if (row.revoked_at || row.archived_at) return refusal('revoked');
    if (row.expires_at.getTime() <= this.now()) return refusal('expired');
    await this.sql`update share_links set last_used_at = now() where id = ${row.id}`;
    return {
      ok: true,
      linkId: row.id,
      workspaceId: row.workspace_id,
      boardId: row.board_id,
      boardName: row.board_name,
      creatorId: row.creator_id,
      kind: row.kind,
      label: row.label,
      expiresAt: row.expires_at,
    };
  }

  private summaries(
    boardId: string,
    filter: { id?: string; creatorId?: string; kind?: ShareLinkKind },
  ): Promise<ShareLinkSummary[]> {
    return this.sql<ShareLinkSummary[]>`
      select l.id, l.board_id as "boardId", l.creator_id as "creatorId", l.kind, l.label, l.expires_at as "expiresAt",
             l.revoked_at as "revokedAt", l.created_by as "createdBy", u.name as "createdByName",
             l.created_at as "createdAt", l.last_used_at as "lastUsedAt"
      from share_links l left join users u on u.id = l.created_by
      where l.board_id = ${boardId}
        ${filter.id ? this.sql`and l.id = ${filter.id}` : this.sql``}
        ${filter.creatorId ? this.sql`and l.creator_id = ${filter.creatorId}` : this.sql``}
        ${filter.kind ? this.sql`and l.kind = ${filter.kind}` : this.sql``}
      order by l.created_at desc, l.id
      limit 200`;
  }
}

function refusal(reason: ShareLinkRefusal['reason']): ShareLinkRefusal {
  return { ok: false, reason, message: LINK_MESSAGES[reason] };
}

function linkNotFound() {
  return fail(404, 'link_not_found', 'This link does not exist.');
}
