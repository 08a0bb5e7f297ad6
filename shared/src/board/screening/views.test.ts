import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  deleteView,
  MAX_VIEWS,
  noFilter,
  readViews,
  renameView,
  runOperation,
  saveView,
  type InputOf,
} from '../../index.ts';
import { context, sync } from '../testing.ts';
import { boardTypes } from '../document/boardTypes.ts';

const VIEW: InputOf<typeof saveView> = {
  name: 'Good AQS, big',
  view: 'table',
  group: 'influencer',
  filter: { aqsBands: ['Good', 'Very good'], followers: { min: 10_000 } },
  sort: { column: 'followers', direction: 'desc' },
  columns: ['name', 'followers', 'status.contract'],
};

describe('saved views', () => {
  it('saves a view with its filters, sort, type and columns, and a second copy of the board sees it', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    const saved = runOperation(a, saveView, VIEW, context('Ann'));
    expect(saved.ok).toBe(true);
    sync(a, b);
    const [view] = readViews(b);
    expect(view).toMatchObject({
      name: 'Good AQS, big',
      view: 'table',
      sort: { column: 'followers', direction: 'desc' },
      columns: ['name', 'followers', 'status.contract'],
      createdBy: { id: 'user-ann', name: 'Ann' },
    });
    expect(view!.filter).toEqual({ ...noFilter(), aqsBands: ['Good', 'Very good'], followers: { min: 10_000 } });
  });

  it('updates a view in place when saved with its id', () => {
    const doc = new Y.Doc();
    const saved = runOperation(doc, saveView, VIEW, context());
    if (!saved.ok) throw new Error(saved.error.message);
    runOperation(doc, saveView, { ...VIEW, viewId: saved.viewId, view: 'kanban' }, context());
    expect(readViews(doc).map((v) => [v.id, v.view])).toEqual([[saved.viewId, 'kanban']]);
  });

  it('refuses a second view with the same name, whatever its case', () => {
    const doc = new Y.Doc();
    runOperation(doc, saveView, VIEW, context());
    expect(runOperation(doc, saveView, { ...VIEW, name: 'good aqs, BIG' }, context())).toEqual({
      ok: false,
      error: {
        code: 'name_taken',
        message: 'A view named “good aqs, BIG” already exists on this board.',
        field: 'name',
      },
    });
  });

  it(`keeps at most ${MAX_VIEWS} views`, () => {
    const doc = new Y.Doc();
    for (let i = 0; i < MAX_VIEWS; i++)
      expect(runOperation(doc, saveView, { ...VIEW, name: `V${i}` }, context('Ann', `v${i}-`)).ok).toBe(true);
    const refused = runOperation(doc, saveView, { ...VIEW, name: 'One more' }, context());
    expect(refused.ok === false && refused.error.code).toBe('too_many_views');
  });

  it('refuses a view without a name, and an oversized one, with a sentence', () => {
    const doc = new Y.Doc();
    const unnamed = runOperation(doc, saveView, { ...VIEW, name: '  ' }, context());
    expect(unnamed).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Name is required.', field: 'name' },
    });
    // Each list within its own limit, together over the size a view may take.
    const countries = Array.from({ length: 100 }, (_, i) => `${'c'.repeat(57)}${i}`);
    const tags = Array.from({ length: 100 }, (_, i) => `${'t'.repeat(37)}${i}`);
    const big = runOperation(doc, saveView, { ...VIEW, filter: { countries, tags } }, context());
    expect(big.ok === false && big.error.message).toBe(
      'This view has too many filter values to save; remove some and try again.',
    );
    expect(readViews(doc)).toEqual([]);
  });

  it('renames and deletes a view, and says so when the view is gone', () => {
    const doc = new Y.Doc();
    const saved = runOperation(doc, saveView, VIEW, context());
    if (!saved.ok) throw new Error(saved.error.message);
    expect(runOperation(doc, renameView, { viewId: saved.viewId, name: 'Shortlist' }, context()).ok).toBe(true);
    expect(readViews(doc).map((v) => v.name)).toEqual(['Shortlist']);
    expect(runOperation(doc, deleteView, { viewId: saved.viewId }, context()).ok).toBe(true);
    expect(readViews(doc)).toEqual([]);
    expect(runOperation(doc, renameView, { viewId: saved.viewId, name: 'X' }, context())).toEqual({
      ok: false,
      error: { code: 'view_not_found', message: 'That view was deleted by a teammate.' },
    });
  });

  it('reads a partly damaged view with what it can, and skips one without a name', () => {
    const doc = new Y.Doc();
    const views = boardTypes(doc).views;
    views.set('good', { name: 'Mine', view: 'grid', filter: { followers: 'lots' }, sort: 5, columns: 'all' });
    views.set('bad', { view: 'table' });
    views.set('../x', { name: 'Bad id' });
    const [view, ...rest] = readViews(doc);
    expect(rest).toEqual([]);
    expect(view).toMatchObject({ id: 'good', name: 'Mine', view: 'kanban', filter: noFilter(), sort: null });
  });
});
