import type * as Y from 'yjs';
import { z } from 'zod';
import { defineOperation, refuse } from '../../operations/operation.ts';
import { randomId } from '../activity/activity.ts';
import { boardTypes, type BoardTypes } from '../document/boardTypes.ts';
import { isRecord } from '../document/guards.ts';
import { STATUS_GROUPS } from '../statuses/status.ts';
import { DEFAULT_COLUMNS, sortSchema } from './columns.ts';
import { creatorFilterSchema, noFilter } from './filters.ts';

/** A board keeps at most this many saved views: the view picker stays a short list, the document small. */
export const MAX_VIEWS = 50;
/** Largest stored view, as JSON characters: filters are bounded, but 100 long countries add up. */
export const MAX_VIEW_CHARS = 8_000;

export const VIEW_TYPES = ['kanban', 'table'] as const;
export type ViewType = (typeof VIEW_TYPES)[number];

const viewName = z.string().trim().min(1, { message: 'is required' }).max(60);
const viewIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'is not a view id' });

/** What a saved view holds: everything that decides what the board shows. */
const viewSettings = {
  /** Shown in the view picker; unique on the board (ignoring case). */
  name: viewName,
  /** Kanban or table. */
  view: z.enum(VIEW_TYPES),
  /** The status group the kanban's columns (and the table's status column) follow. */
  group: z.enum(STATUS_GROUPS),
  filter: creatorFilterSchema,
  /** Null: the board's own order. */
  sort: sortSchema.nullable(),
  /** Table columns in order (`CREATOR_COLUMNS` ids). */
  columns: z.array(z.string().min(1).max(64)).max(60),
};

/** A saved view as read from the board. */
export interface SavedView {
  id: string;
  name: string;
  view: ViewType;
  group: (typeof STATUS_GROUPS)[number];
  filter: z.output<typeof creatorFilterSchema>;
  sort: z.output<typeof sortSchema> | null;
  columns: string[];
  /** Who saved it first (user id and name, as shown in the picker). */
  createdBy: { id: string; name: string };
  createdAt: number;
  updatedAt: number;
}

const NAME_TAKEN = 'A view named “{name}” already exists on this board.';
const VIEW_GONE = 'That view was deleted by a teammate.';

/**
 * Saves the board's current filters, sort, view type and columns under a name, for the whole
 * team (stored in the board document, so it appears live on every open page). With `viewId`, it
 * updates that view instead ("Save changes").
 */
export const saveView = defineOperation({
  name: 'saveView',
  action: 'views.manage',
  input: z.object({
    /** The view to update; absent to save a new one. */
    viewId: viewIdSchema.optional(),
    ...viewSettings,
  }),
  failures: {
    name_taken: NAME_TAKEN,
    too_many_views: `A board keeps at most ${MAX_VIEWS} saved views; delete one first.`,
    view_too_large: 'This view has too many filter values to save; remove some and try again.',
    view_not_found: VIEW_GONE,
  },
  run(doc, { viewId, ...settings }, ctx) {
    const types = boardTypes(doc);
    const views = readViews(doc);
    const existing = viewId ? views.find((v) => v.id === viewId) : undefined;
    if (viewId && !existing) return refuse('view_not_found');
    if (nameTaken(views, settings.name, viewId))
      return refuse('name_taken', { field: 'name', values: { name: settings.name } });
    if (!existing && types.views.map.size >= MAX_VIEWS) return refuse('too_many_views');
    const id = existing?.id ?? (ctx.newId ?? randomId)();
    const stored = {
      ...settings,
      createdBy: existing?.createdBy ?? ctx.actor,
      createdAt: existing?.createdAt ?? ctx.now,
      updatedAt: ctx.now,
    };
    if (JSON.stringify(stored).length > MAX_VIEW_CHARS) return refuse('view_too_large');
    doc.transact(() => types.views.set(id, stored), ctx.origin);
    return { ok: true, viewId: id };
  },
});

export const renameView = defineOperation({
  name: 'renameView',
  action: 'views.manage',
  input: z.object({ viewId: viewIdSchema, name: viewName }),
  failures: { name_taken: NAME_TAKEN, view_not_found: VIEW_GONE },
  run(doc, { viewId, name }, ctx) {
    const types = boardTypes(doc);
    const stored = types.views.get(viewId);
    if (!isRecord(stored) || !readView(viewId, stored)) return refuse('view_not_found');
    if (nameTaken(readViews(doc), name, viewId)) return refuse('name_taken', { field: 'name', values: { name } });
    doc.transact(() => types.views.set(viewId, { ...stored, name, updatedAt: ctx.now }), ctx.origin);
    return { ok: true };
  },
});

export const deleteView = defineOperation({
  name: 'deleteView',
  action: 'views.manage',
  input: z.object({ viewId: viewIdSchema }),
  failures: { view_not_found: VIEW_GONE },
  run(doc, { viewId }, ctx) {
    const types = boardTypes(doc);
    if (!types.views.has(viewId)) return refuse('view_not_found');
    doc.transact(() => types.views.deleteMany(new Set([viewId])), ctx.origin);
    return { ok: true };
  },
});

function nameTaken(views: SavedView[], name: string, except?: string): boolean {
  const folded = name.trim().toLowerCase();
  return views.some((v) => v.id !== except && v.name.toLowerCase() === folded);
}

// Reading is lenient field by field: a view saved by a newer client (a filter kind this one does
// not know) or partly damaged still opens, with what cannot be read set to "any".
const storedView = z.object({
  name: viewName,
  view: z.enum(VIEW_TYPES).catch('kanban'),
  group: z.enum(STATUS_GROUPS).catch('influencer'),
  filter: creatorFilterSchema.catch(() => noFilter()),
  sort: sortSchema.nullable().catch(null),
  columns: viewSettings.columns.catch(() => [...DEFAULT_COLUMNS]),
  createdBy: z.object({ id: z.string().max(64), name: z.string().max(120) }).catch({ id: '', name: '' }),
  createdAt: z.number().finite().catch(0),
  updatedAt: z.number().finite().catch(0),
});

function readView(id: string, value: unknown): SavedView | null {
  if (!viewIdSchema.safeParse(id).success) return null;
  const parsed = storedView.safeParse(value);
  return parsed.success ? { id, ...parsed.data } : null;
}

/** The board's saved views, by name (A→Z); views that cannot be read (no name) are skipped. */
export function readViews(doc: Y.Doc): SavedView[] {
  return viewsOf(boardTypes(doc));
}

function viewsOf(types: BoardTypes): SavedView[] {
  const views: SavedView[] = [];
  for (const [id, entry] of types.views.map) {
    const view = readView(id, entry.val);
    if (view) views.push(view);
  }
  return views.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)).slice(0, MAX_VIEWS);
}
