import type * as Y from 'yjs';
import { z } from 'zod';
import { defineOperation, refuse, type OperationContext } from '../../operations/operation.ts';
import { randomId } from '../activity/activity.ts';
import { isHistoryDate } from '../creators/creator.ts';
import { cellsByCreator, cellsOf, creatorExists } from '../creators/creatorCells.ts';
import { memberKey } from '../creators/creatorFields.ts';
import { isRecord } from '../document/guards.ts';
import { boardTypes, type BoardTypes } from '../document/boardTypes.ts';
import { currentStatus, writeStatuses } from '../statuses/creatorStatuses.ts';
import { readStatuses } from '../statuses/readStatuses.ts';
import { builtInStatusId } from '../statuses/status.ts';

/**
 * Posted content of a creator: one `posts:<postId>` keyed-list member per post (see
 * docs/board-format.md), so two people entering posts of one creator at once both keep theirs,
 * and one person updating a post's views does not touch the others.
 */
export interface Post {
  id: string;
  /** The deliverable (`deliverables:<id>` of the deal) this post fulfils; null when not linked. */
  deliverableId: string | null;
  /** Where the post is, an http(s) address. */
  url: string;
  /** The day it went live, `YYYY-MM-DD`. */
  postedAt: string;
  /** Unique accounts that saw it; null when not known. */
  reach: number | null;
  /** Views (plays, impressions) as the platform counts them; null when not known. */
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
}

/** The figures of a post, in the order forms and files show them. */
export const POST_FIGURES = ['reach', 'views', 'likes', 'comments', 'shares'] as const;
export type PostFigure = (typeof POST_FIGURES)[number];

export const POST_FIGURE_LABELS: Record<PostFigure, string> = {
  reach: 'Reach',
  views: 'Views',
  likes: 'Likes',
  comments: 'Comments',
  shares: 'Shares',
};

/**
 * Limits. A campaign deal is a handful of posts; 200 leaves room for daily stories over months
 * without letting one creator's list grow the board without bound. A figure of 1e11 is beyond
 * the most-viewed video ever (~1.6e10), so anything larger is a typo.
 */
export const POST_LIMITS = {
  perCreator: 200,
  maxFigure: 100_000_000_000,
  maxUrl: 500,
  /** Rows one importPosts call takes (the web app sends a file in batches of this size). */
  importBatch: 500,
} as const;

const idSchema = z.string().min(1).max(64);
const memberIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'must be letters, digits, - or _' });
const figure = z
  .number()
  .int({ message: 'must be a whole number' })
  .min(0, { message: 'must be at least 0' })
  .max(POST_LIMITS.maxFigure, { message: 'is too large' })
  .nullable()
  .optional();

/** A post as entered in the drawer or read from a CSV row. */
export const postInputSchema = z.object({
  /** The deliverable it fulfils, or null. */
  deliverableId: memberIdSchema.nullable().optional(),
  /** Where the post is: http(s) only, a `javascript:` link would run when clicked. */
  url: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) address' })
    .max(POST_LIMITS.maxUrl, { message: `must be at most ${POST_LIMITS.maxUrl} characters` }),
  /** The day it went live. */
  postedAt: z.string().max(10).refine(isHistoryDate, { message: 'must be a date like 2026-06-01' }),
  reach: figure,
  views: figure,
  likes: figure,
  comments: figure,
  shares: figure,
});
export type PostInput = z.input<typeof postInputSchema>;
type ParsedPost = z.output<typeof postInputSchema>;

/** Labels of a post's fields, for refusals ("Posted date must be a date like 2026-06-01."). */
export const POST_FIELD_LABELS: Record<string, string> = {
  deliverableId: 'Deliverable',
  url: 'Post URL',
  postedAt: 'Posted date',
  ...POST_FIGURE_LABELS,
};

const CONTENT_POSTED = builtInStatusId('influencer', 'Content posted');

/** A stored post value, repaired; null when it has no usable URL or date. */
export function readPost(id: string, value: unknown): Post | null {
  if (!isRecord(value)) return null;
  const { url, postedAt } = value;
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url) || typeof postedAt !== 'string') return null;
  if (!isHistoryDate(postedAt) || postedAt.length !== 10) return null;
  const count = (v: unknown) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= POST_LIMITS.maxFigure ? Math.round(v) : null;
  const deliverableId =
    typeof value.deliverableId === 'string' && value.deliverableId.length <= 64 ? value.deliverableId : null;
  return {
    id: id.slice(0, 120),
    deliverableId,
    url: url.slice(0, POST_LIMITS.maxUrl),
    postedAt,
    reach: count(value.reach),
    views: count(value.views),
    likes: count(value.likes),
    comments: count(value.comments),
    shares: count(value.shares),
  };
}

/** Posts in date order (then id), at most POST_LIMITS.perCreator. */
function sortPosts(posts: Post[]): Post[] {
  return posts
    .sort((a, b) => (a.postedAt < b.postedAt ? -1 : a.postedAt > b.postedAt ? 1 : a.id < b.id ? -1 : 1))
    .slice(0, POST_LIMITS.perCreator);
}

function postsFromMembers(members: Map<string, unknown> | undefined): Post[] {
  if (!members) return [];
  const posts: Post[] = [];
  for (const [id, value] of members) {
    const post = readPost(id, value);
    if (post) posts.push(post);
  }
  return sortPosts(posts);
}

/** One creator's posts, oldest first. */
export function readCreatorPosts(doc: Y.Doc, creatorId: string): Post[] {
  return postsFromMembers(cellsOf(boardTypes(doc), creatorId).members.posts);
}

/** Every creator's posts (creators with none are absent), each list oldest first. */
export function readPosts(doc: Y.Doc): Map<string, Post[]> {
  const byCreator = new Map<string, Post[]>();
  for (const [id, cells] of cellsByCreator(boardTypes(doc))) {
    const posts = postsFromMembers(cells.members.posts);
    if (posts.length) byCreator.set(id, posts);
  }
  return byCreator;
}

function storedPost(post: ParsedPost): Omit<Post, 'id'> {
  return {
    deliverableId: post.deliverableId ?? null,
    url: post.url,
    postedAt: post.postedAt,
    reach: post.reach ?? null,
    views: post.views ?? null,
    likes: post.likes ?? null,
    comments: post.comments ?? null,
    shares: post.shares ?? null,
  };
}

/**
 * Moves a creator to Content posted when its influencer status comes before it in the board's
 * order (Prospect … Draft approved); a creator already there, or in a custom status placed after
 * it, stays. Nothing moves when Content posted was archived.
 */
function markPosted(types: BoardTypes, creatorIds: string[], ctx: OperationContext): void {
  const order = readStatuses(types).influencer;
  const target = order.findIndex((status) => status.id === CONTENT_POSTED);
  if (target < 0 || order[target]!.archived) return;
  const place = new Map(order.map((status, index) => [status.id, index]));
  const moving = creatorIds.filter((id) => {
    const at = place.get(currentStatus(types, id, 'influencer'));
    return at === undefined || at < target;
  });
  writeStatuses(types, moving, 'influencer', CONTENT_POSTED, ctx);
}

const CREATOR_GONE = 'That creator is no longer on the board.';
const TOO_MANY = `A creator can have at most ${POST_LIMITS.perCreator} posts.`;

/**
 * Adds a post to a creator and moves the creator to Content posted (if it was earlier in the
 * pipeline). A post with the same URL as one the creator has already is refused: update that one.
 */
export const addPost = defineOperation({
  name: 'addPost',
  action: 'board.edit',
  input: z.object({
    creatorId: idSchema,
    /** The post. */
    post: postInputSchema,
  }),
  failures: {
    creator_not_found: CREATOR_GONE,
    too_many_posts: TOO_MANY,
    duplicate_url: 'This creator already has a post with this URL.',
  },
  run(doc, { creatorId, post }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId)) return refuse('creator_not_found');
    const existing = readCreatorPosts(doc, creatorId);
    if (existing.length >= POST_LIMITS.perCreator) return refuse('too_many_posts');
    if (existing.some((p) => p.url === post.url)) return refuse('duplicate_url', { field: 'url' });
    const id = (ctx.newId ?? randomId)();
    doc.transact(() => {
      types.cells.set(memberKey(creatorId, 'posts', id), storedPost(post));
      markPosted(types, [creatorId], ctx);
    }, ctx.origin);
    return { ok: true, id };
  },
});

/** Replaces a post's URL, date, deliverable and figures (a figure left out or null is cleared). */
export const updatePost = defineOperation({
  name: 'updatePost',
  action: 'board.edit',
  input: z.object({
    creatorId: idSchema,
    postId: memberIdSchema,
    /** The post as it should be now. */
    post: postInputSchema,
  }),
  failures: {
    creator_not_found: CREATOR_GONE,
    post_not_found: 'That post was removed meanwhile.',
    duplicate_url: 'This creator already has a post with this URL.',
  },
  run(doc, { creatorId, postId, post }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId)) return refuse('creator_not_found');
    const existing = readCreatorPosts(doc, creatorId);
    if (!existing.some((p) => p.id === postId)) return refuse('post_not_found');
    if (existing.some((p) => p.id !== postId && p.url === post.url)) return refuse('duplicate_url', { field: 'url' });
    doc.transact(() => types.cells.set(memberKey(creatorId, 'posts', postId), storedPost(post)), ctx.origin);
    return { ok: true };
  },
});

/** Removes a post (the creator's status stays where it is). */
export const removePost = defineOperation({
  name: 'removePost',
  action: 'board.edit',
  input: z.object({ creatorId: idSchema, postId: memberIdSchema }),
  failures: {},
  run(doc, { creatorId, postId }, ctx) {
    const types = boardTypes(doc);
    const key = memberKey(creatorId, 'posts', postId);
    if (types.cells.has(key)) doc.transact(() => types.cells.deleteMany(new Set([key])), ctx.origin);
    return { ok: true };
  },
});

/**
 * Imports posts read from a CSV file (at most POST_LIMITS.importBatch rows a call). A row whose
 * URL is already a post of that creator updates that post's date and figures (a figure the row
 * leaves empty keeps its value), so importing this week's export again refreshes the numbers
 * instead of adding the posts twice. Creators that got a new post move to Content posted.
 */
export const importPosts = defineOperation({
  name: 'importPosts',
  action: 'board.edit',
  input: z.object({
    rows: z
      .array(z.object({ creatorId: idSchema, post: postInputSchema }))
      .min(1)
      .max(POST_LIMITS.importBatch),
  }),
  failures: {
    creator_not_found: 'Some of these creators are no longer on the board.',
    too_many_posts: `Creator {name} would have more than ${POST_LIMITS.perCreator} posts.`,
  },
  run(doc, { rows }, ctx) {
    const types = boardTypes(doc);
    if (rows.some((row) => !creatorExists(types, row.creatorId))) return refuse('creator_not_found');
    const newId = ctx.newId ?? randomId;
    const writes = new Map<string, Omit<Post, 'id'>>();
    const posted = new Set<string>();
    const lists = new Map<string, Post[]>();
    let added = 0;
    let updated = 0;
    for (const { creatorId, post } of rows) {
      let list = lists.get(creatorId);
      if (!list) lists.set(creatorId, (list = readCreatorPosts(doc, creatorId)));
      const same = list.find((p) => p.url === post.url);
      if (same) {
        const merged: Post = { ...same, postedAt: post.postedAt };
        if (post.deliverableId) merged.deliverableId = post.deliverableId;
        for (const key of POST_FIGURES) if (post[key] !== undefined && post[key] !== null) merged[key] = post[key];
        const { id, ...value } = merged;
        writes.set(memberKey(creatorId, 'posts', id), value);
        Object.assign(same, merged);
        updated++;
        continue;
      }
      if (list.length >= POST_LIMITS.perCreator)
        return refuse('too_many_posts', { values: { name: creatorNameOf(types, creatorId) } });
      const id = newId();
      const value = storedPost(post);
      list.push({ id, ...value });
      writes.set(memberKey(creatorId, 'posts', id), value);
      posted.add(creatorId);
      added++;
    }
    doc.transact(() => {
      types.cells.setMany(writes);
      markPosted(types, [...posted], ctx);
    }, ctx.origin);
    return { ok: true, added, updated };
  },
});

function creatorNameOf(types: BoardTypes, creatorId: string): string {
  const name = types.cells.get(`${creatorId}:name`);
  return typeof name === 'string' ? name : 'A creator';
}
