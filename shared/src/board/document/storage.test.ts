import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  runOperation,
  addCreators,
  boardTypes,
  migrateBoard,
  readEntry,
  readBoard,
  setFee,
  setStatus,
  updateProfile,
  SCHEMA_VERSION,
} from '../../index.ts';
import { context, newDoc, sync } from '../testing.ts';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

function boardWith(doc: Y.Doc, names: string[]): string[] {
  const added = runOperation(doc, addCreators, { creators: names.map((name) => ({ name })) }, context());
  if (!added.ok) throw new Error(added.error.message);
  return added.ids;
}

describe('board storage', () => {
  it('stores each profile field, and each member of a list, as its own cell', () => {
    const doc = new Y.Doc();
    const [id] = boardWith(doc, ['Mia']) as [string];
    runOperation(
      doc,
      updateProfile,
      { creatorId: id, patch: { followers: 1200, country: 'DE', categories: ['beauty', 'travel'] } },
      context(),
    );
    const cells = boardTypes(doc).cells;
    expect(cells.get(`${id}:followers`)).toBe(1200);
    expect(cells.get(`${id}:country`)).toBe('DE');
    expect(cells.has(`${id}:categories:beauty`)).toBe(true);
    expect(cells.has(`${id}:categories:travel`)).toBe(true);
    expect(boardTypes(doc).profiles.map.size).toBe(0);
  });

  it('reads a board stored by schema version 2 exactly as that version did', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, readFileSync(fixture('board-v2.bin')));
    const expected = JSON.parse(readFileSync(fixture('board-v2.json'), 'utf8'));
    // Every value schema 2 had reads the same; fields added since (payments, deals…) may be added to each creator.
    expect(JSON.parse(JSON.stringify(readBoard(doc)))).toMatchObject(expected);
  });

  it('migrates a stored schema-2 board to per-field cells without losing or changing any value', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, readFileSync(fixture('board-v2.bin')));
    const before = JSON.parse(JSON.stringify(readBoard(doc)));
    expect(migrateBoard(doc)).toBe(true);
    expect(boardTypes(doc).profiles.map.size).toBe(0);
    expect([...boardTypes(doc).cells.map.keys()].filter((key) => key.endsWith(':tags'))).toEqual([]);
    expect(JSON.parse(JSON.stringify(readBoard(doc)))).toEqual({ ...before, schemaVersion: SCHEMA_VERSION });
    expect(migrateBoard(doc)).toBe(false);
  });

  it("a migrated board and a teammate's edit sync to a client still holding the schema-2 board", () => {
    const old = newDoc(1);
    Y.applyUpdate(old, readFileSync(fixture('board-v2.bin')));
    const fresh = newDoc(2);
    sync(old, fresh);
    const leo = readBoard(old).creators.find((c) => c.name === 'Leo Park')!.id;
    migrateBoard(fresh);
    runOperation(fresh, updateProfile, { creatorId: leo, patch: { email: 'leo@example.com' } }, context());
    sync(old, fresh);
    expect(readBoard(old)).toEqual(readBoard(fresh));
    expect(readBoard(old).creators.find((c) => c.id === leo)).toMatchObject({
      email: 'leo@example.com',
      followers: 9100,
      country: 'KR',
      tags: ['Summer drop'],
    });
  });

  it('reads version-1 boards whose profiles are objects, and migrates them to cells', () => {
    const doc = new Y.Doc();
    const types = boardTypes(doc);
    doc.transact(() => {
      types.meta.set('schemaVersion', 1);
      types.profiles.set('old1', { name: 'Old Mia', followers: 900, handles: [{ platform: 'tiktok', handle: 'mia' }] });
      types.cells.set('old1:influencer', 'influencer.contacted');
      types.cells.set('old1:tags', ['vip']);
    });
    const before = readBoard(doc);
    expect(before.creators[0]).toMatchObject({
      id: 'old1',
      name: 'Old Mia',
      statuses: { influencer: 'influencer.contacted' },
      tags: ['vip'],
    });
    expect(migrateBoard(doc)).toBe(true);
    expect(types.cells.get('old1:name')).toBe('Old Mia');
    expect(readBoard(doc)).toEqual({ ...before, schemaVersion: SCHEMA_VERSION });
  });

  it('ignores entries a foreign client pushed in the wrong shape instead of crashing', () => {
    const doc = new Y.Doc();
    const [id] = boardWith(doc, ['Mia']) as [string];
    const types = boardTypes(doc);
    types.cells.yarray.push([null, 7, 'text', { key: 3, val: 'x' }, { val: 'no key' }, [1, 2]]);
    types.profiles.yarray.push([null, { key: 'broken-json', val: '{"name": "Ha' }, { key: 'num', val: 5 }]);
    types.statuses.yarray.push([null, { nokey: true }]);
    // A fresh reader (a client joining later) builds its index from the junk too.
    const joiner = new Y.Doc();
    Y.applyUpdate(joiner, Y.encodeStateAsUpdate(doc));
    for (const reader of [doc, joiner]) {
      const board = readBoard(reader);
      expect(board.creators.map((c) => c.name)).toEqual(['Mia']);
      expect(board.statuses.influencer).toHaveLength(12);
    }
    expect(
      runOperation(
        joiner,
        setStatus,
        { creatorIds: [id], group: 'influencer', statusId: 'influencer.selected' },
        context(),
      ),
    ).toEqual({
      ok: true,
      changed: 1,
    });
    expect(runOperation(joiner, setFee, { creatorId: 'broken-json', fee: null }, context())).toEqual({
      ok: false,
      error: { code: 'creator_not_found', message: 'That creator is no longer on the board.' },
    });
    expect(readBoard(joiner).creators[0]!.statuses.influencer).toBe('influencer.selected');
  });

  it('keeps one value per key after concurrent writes, and the next write clears the losing entry', () => {
    const a = newDoc(1);
    const b = newDoc(2);
    const [id] = boardWith(a, ['Mia']) as [string];
    sync(a, b);
    const move = (doc: Y.Doc, statusId: string) =>
      runOperation(doc, setStatus, { creatorIds: [id], group: 'payment', statusId }, context());
    move(a, 'payment.50pct-paid');
    move(b, 'payment.paid-fully');
    sync(a, b);
    expect(readBoard(a)).toEqual(readBoard(b));
    const entriesOf = (doc: Y.Doc) =>
      boardTypes(doc)
        .cells.yarray.toArray()
        .filter((raw) => readEntry(raw)?.key === `${id}:payment`);
    expect(entriesOf(a)).toHaveLength(2); // both survive until someone writes the key again
    move(a, 'payment.payment-pending');
    sync(a, b);
    expect(entriesOf(a)).toHaveLength(1);
    expect(entriesOf(b)).toHaveLength(1);
    expect(readBoard(b).creators[0]!.statuses.payment).toBe('payment.payment-pending');
  });

  it('sees an undone status move at the next read', () => {
    const doc = new Y.Doc();
    const [id] = boardWith(doc, ['Mia']) as [string];
    const types = boardTypes(doc);
    const origin = { user: 'me' };
    const undo = new Y.UndoManager([types.cells.yarray, types.profiles.yarray], { trackedOrigins: new Set([origin]) });
    runOperation(
      doc,
      setStatus,
      { creatorIds: [id], group: 'contract', statusId: 'contract.contract-sent' },
      { ...context(), origin },
    );
    expect(readBoard(doc).creators[0]!.statuses.contract).toBe('contract.contract-sent');
    undo.undo();
    expect(readBoard(doc).creators[0]!.statuses.contract).toBe('contract.no-contract');
    undo.redo();
    expect(readBoard(doc).creators[0]!.statuses.contract).toBe('contract.contract-sent');
  });

  it('returns the same creator objects for creators that did not change, also after a remote update', () => {
    const a = newDoc(1);
    const b = newDoc(2);
    const [mia, leo] = boardWith(a, ['Mia', 'Leo']) as [string, string];
    sync(a, b);
    const first = readBoard(b);
    runOperation(a, setStatus, { creatorIds: [mia], group: 'influencer', statusId: 'influencer.contacted' }, context());
    sync(a, b);
    const second = readBoard(b);
    const byId = (board: typeof first, id: string | undefined) => board.creators.find((c) => c.id === id);
    expect(byId(second, leo)).toBe(byId(first, leo));
    expect(byId(second, mia)).not.toBe(byId(first, mia));
    expect(byId(second, mia)!.statuses.influencer).toBe('influencer.contacted');
  });
});
