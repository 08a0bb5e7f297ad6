import type * as Y from 'yjs';
import { z } from 'zod';
import { optionalText } from '../../operations/inputSchemas.ts';
import { defineOperation, refuse } from '../../operations/operation.ts';
import { randomId } from '../activity/activity.ts';
import type { Creator } from '../creators/creator.ts';
import { cellsOf, creatorExists } from '../creators/creatorCells.ts';
import { memberKey, type CreatorCells } from '../creators/creatorFields.ts';
import { isRecord } from '../document/guards.ts';
import { boardMeta } from '../document/meta.ts';
import { boardTypes, type BoardTypes } from '../document/boardTypes.ts';
import { currentStatus, writeStatuses } from '../statuses/creatorStatuses.ts';
import { readStatuses } from '../statuses/readStatuses.ts';

/**
 * A creator's conversation log: the keyed list `<creatorId>:conversation:<entryId>` on the board
 * document, one cell per entry, so teammates logging at once never overwrite each other and the
 * drawer shows entries live. An entry holds a summary only — a sent email's subject, never its
 * body (bodies stay in PostgreSQL, `outreach_messages`): 200 creators × a few emails of ~2 KB
 * each would add ~1 MB to every board load, summaries add ~40 KB.
 */
export const CONVERSATION_KINDS = ['sent', 'reply', 'call', 'note'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

export const CONVERSATION_KIND_LABELS: Record<ConversationKind, string> = {
  sent: 'Email sent',
  reply: 'Reply',
  call: 'Call',
  note: 'Note',
};

/** The most entries one creator's log keeps (a refusal beyond it, not a silent drop). */
export const MAX_CONVERSATION_ENTRIES = 500;
export const CONVERSATION_LIMITS = { subject: 300, notes: 2000 } as const;

export interface ConversationEntry {
  id: string;
  kind: ConversationKind;
  /** The day it happened, `YYYY-MM-DD` (what people enter for a call or a reply). */
  date: string;
  /** When it was logged or sent, ms since the epoch (orders entries of one day). */
  at: number;
  subject: string | null;
  notes: string | null;
  /** Who logged it (or whose outreach job sent it). */
  by: string;
  byName: string;
  /** The outreach job that sent it (its body is in PostgreSQL), or null. */
  jobId: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const idSchema = z.string().min(1).max(64);
const dateSchema = z
  .string()
  .regex(DATE, { message: 'must be a date like 2026-12-03' })
  .refine(
    (date) =>
      !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date),
    {
      message: 'is not a real date',
    },
  );

function readEntry(id: string, value: unknown): ConversationEntry | null {
  if (!isRecord(value) || !CONVERSATION_KINDS.includes(value.kind as ConversationKind)) return null;
  if (typeof value.date !== 'string' || !DATE.test(value.date)) return null;
  const text = (v: unknown, max: number) => (typeof v === 'string' && v ? v.slice(0, max) : null);
  return {
    id,
    kind: value.kind as ConversationKind,
    date: value.date,
    at: typeof value.at === 'number' && Number.isFinite(value.at) ? value.at : 0,
    subject: text(value.subject, CONVERSATION_LIMITS.subject),
    notes: text(value.notes, CONVERSATION_LIMITS.notes),
    by: text(value.by, 64) ?? '',
    byName: text(value.byName, 120) ?? '',
    jobId: text(value.jobId, 64),
  };
}

/** Newest first: by date, then by when it was logged, then id (one order on every client). */
function newestFirst(a: ConversationEntry, b: ConversationEntry): number {
  return a.date < b.date ? 1 : a.date > b.date ? -1 : b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A creator's log from its cells, newest first; entries that do not parse are skipped. */
export function readConversation(members: Map<string, unknown> | undefined): ConversationEntry[] {
  if (!members || members.size === 0) return [];
  const entries: ConversationEntry[] = [];
  for (const [id, value] of members) {
    const entry = readEntry(id, value);
    if (entry) entries.push(entry);
  }
  return entries.sort(newestFirst).slice(0, MAX_CONVERSATION_ENTRIES);
}

/** What readBoard adds to a creator: its log, only when it has one (so creators without one read as before). */
export function conversationOf(cells: CreatorCells): { conversation?: ConversationEntry[] } {
  const conversation = readConversation(cells.members.conversation);
  return conversation.length ? { conversation } : {};
}

const entryInput = z.object({
  kind: z.enum(CONVERSATION_KINDS, { message: 'must be an email sent, a reply, a call or a note' }),
  date: dateSchema,
  subject: optionalText(CONVERSATION_LIMITS.subject),
  notes: optionalText(CONVERSATION_LIMITS.notes),
});

function entryCount(types: BoardTypes, creatorId: string): number {
  return cellsOf(types, creatorId).members.conversation?.size ?? 0;
}

/** Logs an email, a reply, a call or a note on a creator, by hand. */
export const logConversation = defineOperation({
  name: 'logConversation',
  action: 'board.edit',
  input: z.object({ creatorId: idSchema, entry: entryInput }),
  failures: {
    creator_not_found: 'That creator is no longer on the board.',
    log_full: `A creator's conversation log holds at most ${MAX_CONVERSATION_ENTRIES} entries; remove old ones first.`,
  },
  run(doc, { creatorId, entry }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId)) return refuse('creator_not_found');
    if (entryCount(types, creatorId) >= MAX_CONVERSATION_ENTRIES) return refuse('log_full');
    const id = (ctx.newId ?? randomId)();
    const stored = { ...entry, at: ctx.now, by: ctx.actor.id, byName: ctx.actor.name, jobId: null };
    doc.transact(() => types.cells.set(memberKey(creatorId, 'conversation', id), stored), ctx.origin);
    return { ok: true, entryId: id };
  },
});

/** Removes one entry of a creator's log. */
export const removeConversationEntry = defineOperation({
  name: 'removeConversationEntry',
  action: 'board.edit',
  input: z.object({ creatorId: idSchema, entryId: idSchema }),
  failures: { entry_not_found: 'That entry is no longer in the log.' },
  run(doc, { creatorId, entryId }, ctx) {
    const types = boardTypes(doc);
    const key = memberKey(creatorId, 'conversation', entryId);
    if (!types.cells.has(key)) return refuse('entry_not_found');
    doc.transact(() => types.cells.deleteMany(new Set([key])), ctx.origin);
    return { ok: true };
  },
});

export const CONTACTED = 'influencer.contacted';

/**
 * An outreach job sent creators an email (the server, through applyOperation): logs each send and
 * moves the creator to Contacted when its influencer status is earlier in the pipeline. Each entry
 * id is the job's message id, so logging the same send again (a job resumed after a restart)
 * changes nothing. Creators no longer on the board are skipped (reported in `skipped`).
 */
export const recordOutreachSent = defineOperation({
  name: 'recordOutreachSent',
  action: 'board.edit',
  input: z.object({
    jobId: idSchema,
    date: dateSchema,
    sends: z
      .array(
        z.object({
          creatorId: idSchema,
          /** Stable per (job, creator): the job's message id. */
          entryId: idSchema,
          subject: z.string().max(CONVERSATION_LIMITS.subject),
        }),
      )
      .min(1)
      .max(500),
  }),
  failures: {},
  run(doc, { jobId, date, sends }, ctx) {
    const types = boardTypes(doc);
    const influencer = readStatuses(types).influencer.filter((s) => !s.archived);
    const contacted = influencer.findIndex((s) => s.id === CONTACTED);
    const writes = new Map<string, unknown>();
    const moves: string[] = [];
    const skipped: string[] = [];
    for (const { creatorId, entryId, subject } of sends) {
      if (!creatorExists(types, creatorId)) {
        skipped.push(creatorId);
        continue;
      }
      const key = memberKey(creatorId, 'conversation', entryId);
      if (!types.cells.has(key))
        writes.set(key, {
          kind: 'sent',
          date,
          at: ctx.now,
          subject,
          notes: null,
          by: ctx.actor.id,
          byName: ctx.actor.name,
          jobId,
        });
      const current = influencer.findIndex((s) => s.id === currentStatus(types, creatorId, 'influencer'));
      if (contacted >= 0 && current >= 0 && current < contacted && !moves.includes(creatorId)) moves.push(creatorId);
    }
    if (writes.size || moves.length)
      doc.transact(() => {
        if (writes.size) types.cells.setMany(writes);
        writeStatuses(types, moves, 'influencer', CONTACTED, ctx);
      }, ctx.origin);
    return { ok: true, moved: moves.length, skipped };
  },
});

// Follow-ups.

export const NEEDS_FOLLOW_UP = 'influencer.needs-follow-up';
export const DEFAULT_FOLLOW_UP_DAYS = 7;
const followUpDaysSchema = z
  .number()
  .int({ message: 'must be a whole number of days' })
  .min(1, { message: 'must be at least 1 day' })
  .max(365, { message: 'must be at most 365 days' });

/** The board's "follow up after N days" (`meta.followUpDays`); the default when unset or unreadable. */
export function readFollowUpDays(doc: Y.Doc): number {
  const parsed = followUpDaysSchema.safeParse(boardMeta(doc).get('followUpDays'));
  return parsed.success ? parsed.data : DEFAULT_FOLLOW_UP_DAYS;
}

/** Sets after how many days without a reply a contacted creator needs a follow-up. */
export const setFollowUpDays = defineOperation({
  name: 'setFollowUpDays',
  action: 'board.edit',
  input: z.object({ days: followUpDaysSchema }),
  failures: {},
  run(doc, { days }, ctx) {
    doc.transact(() => boardMeta(doc).set('followUpDays', days), ctx.origin);
    return { ok: true };
  },
});

const DAY = 86_400_000;

/**
 * When a creator is waiting for an answer: the last email sent to them (its `at`), if no reply or
 * call is logged on that day or later. Null when nothing was sent, or they answered since.
 */
export function awaitingReplySince(creator: Pick<Creator, 'conversation'>): ConversationEntry | null {
  const log = creator.conversation ?? [];
  const lastSent = log.find((entry) => entry.kind === 'sent');
  if (!lastSent) return null;
  const answered = log.some(
    (entry) =>
      (entry.kind === 'reply' || entry.kind === 'call') &&
      (entry.date > lastSent.date || (entry.date === lastSent.date && entry.at >= lastSent.at)),
  );
  return answered ? null : lastSent;
}

/**
 * Whether a creator needs a follow-up now: in Contacted, with an email sent at least `days` days
 * ago and no reply or call logged since. Creators already in Needs follow-up are the team's to
 * handle (the Needs attention list shows them too, see `needsAttention`).
 */
export function followUpDue(creator: Pick<Creator, 'conversation' | 'statuses'>, days: number, now: number): boolean {
  if (creator.statuses.influencer !== CONTACTED) return false;
  const since = awaitingReplySince(creator);
  return since !== null && now - since.at >= days * DAY;
}

function answeredLastEmail(creator: Pick<Creator, 'conversation'>): boolean {
  const sentAny = (creator.conversation ?? []).some((entry) => entry.kind === 'sent');
  return sentAny && awaitingReplySince(creator) === null;
}

/** The board's "Needs attention" list: follow-ups due, then creators in Needs follow-up still without a reply. */
export function needsAttention<C extends Pick<Creator, 'conversation' | 'statuses'>>(
  creators: readonly C[],
  days: number,
  now: number,
): { due: C[]; waiting: C[] } {
  const due: C[] = [];
  const waiting: C[] = [];
  for (const creator of creators) {
    if (followUpDue(creator, days, now)) due.push(creator);
    else if (creator.statuses.influencer === NEEDS_FOLLOW_UP && !answeredLastEmail(creator)) waiting.push(creator);
  }
  return { due, waiting };
}
