import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCreators,
  archiveStatus,
  boardTypes,
  createStatus,
  DEFAULT_STATUSES,
  migrateBoard,
  moveCreator,
  readBoard,
  removeCreators,
  restoreCreators,
  restoreStatus,
  runOperation,
  saveView,
  setFee,
  setStatus,
  STATUS_GROUPS,
  tagCreators,
  updateProfile,
  type OperationContext,
  type StatusGroup,
} from '../../index.ts';
import { context, newDoc, sync } from '../testing.ts';

// readBoard re-reads only the creators whose entries changed since a document's last read. These
// tests hold it to a full read (a fresh copy of the same document, read once) after random
// sequences of what happens to a board in the browser: edits here and by teammates, updates
// merged in any order, undo and redo, a board opened from its stored copy before the socket
// syncs it, statuses archived, an old board migrated.

/** A deterministic pseudo-random sequence (mulberry32), so a failing seed can be replayed. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A board stored by schema version 2 (creators as whole profiles): migrating it is one of the steps. */
const SCHEMA_2_BOARD = readFileSync(new URL('./fixtures/board-v2.bin', import.meta.url));

/** One person's tab: its document, its operations' context and its undo manager. */
interface Peer {
  doc: Y.Doc;
  ctx: OperationContext;
  undo: Y.UndoManager;
}

/** Three people on one board, and what they have made (ids to pick from; some may be gone). */
interface World {
  peers: Peer[];
  creatorIds: string[];
  statusIds: Record<StatusGroup, string[]>;
  random: () => number;
  /** Names of added creators and statuses, unique (a status name may be taken only once). */
  counter: number;
}

let clientIds = 1000;

/** A tab on the document `state`, as the web app opens it: a new Yjs client, undo of its own changes. */
function openPeer(state: Uint8Array, ctx: OperationContext): Peer {
  const doc = newDoc(clientIds++);
  Y.applyUpdate(doc, state);
  const types = boardTypes(doc);
  const undo = new Y.UndoManager([types.meta, types.statuses.yarray, types.profiles.yarray, types.cells.yarray], {
    trackedOrigins: new Set([ctx.origin]),
  });
  return { doc, ctx, undo };
}

function newWorld(seed: number): World {
  const peers = ['Ann', 'Bob', 'Cem'].map((name) => {
    const ctx = context(name, name[0]!.toLowerCase());
    ctx.origin = { peer: name };
    return openPeer(SCHEMA_2_BOARD, ctx);
  });
  const statusIds = Object.fromEntries(
    STATUS_GROUPS.map((group) => [group, DEFAULT_STATUSES.filter((s) => s.group === group).map((s) => s.id)]),
  ) as Record<StatusGroup, string[]>;
  const creatorIds = [...readFullCopy(peers[0]!.doc).creators.map((c) => c.id)];
  return { peers, creatorIds, statusIds, random: seeded(seed), counter: 0 };
}

/** The full read: a fresh copy of the document, read once (nothing of an earlier read to build on). */
function readFullCopy(doc: Y.Doc) {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return readBoard(copy);
}

const pick = <T>(world: World, list: readonly T[]): T => list[Math.floor(world.random() * list.length)]!;
const someOf = <T>(world: World, list: readonly T[]): T[] =>
  Array.from({ length: 1 + Math.floor(world.random() * 3) }, () => pick(world, list));

/** One step on a person's tab (or between tabs); returns what it did, for the failure message. */
type Step = (world: World, peer: Peer) => string;

/** Edits of creators and statuses through the board's operations (refusals change nothing). */
const EDITS: Record<string, Step> = {
  add(world, peer) {
    const names = someOf(world, ['x']).map(() => `Creator ${world.counter++}`);
    const added = runOperation(peer.doc, addCreators, { creators: names.map((name) => ({ name })) }, peer.ctx);
    if (added.ok) world.creatorIds.push(...added.ids);
    return `add ${names.join(', ')}`;
  },
  status(world, peer) {
    const group = pick(world, STATUS_GROUPS);
    const input = { creatorIds: someOf(world, world.creatorIds), group, statusId: pick(world, world.statusIds[group]) };
    runOperation(peer.doc, setStatus, input, peer.ctx);
    return `status ${JSON.stringify(input)}`;
  },
  move(world, peer) {
    const group = pick(world, STATUS_GROUPS);
    const input = {
      creatorId: pick(world, world.creatorIds),
      group,
      statusId: pick(world, world.statusIds[group]),
      afterId: pick(world, [null, ...world.creatorIds]),
      beforeId: pick(world, [null, ...world.creatorIds]),
    };
    runOperation(peer.doc, moveCreator, input, peer.ctx);
    return `move ${JSON.stringify(input)}`;
  },
  profile(world, peer) {
    const input = {
      creatorId: pick(world, world.creatorIds),
      patch: { name: `Renamed ${world.counter++}`, followers: Math.floor(world.random() * 1e6) },
    };
    runOperation(peer.doc, updateProfile, input, peer.ctx);
    return `profile ${JSON.stringify(input)}`;
  },
  tag(world, peer) {
    const tags = someOf(world, ['vip', 'eu', 'new']);
    const adding = world.random() < 0.5;
    const input = { creatorIds: someOf(world, world.creatorIds), add: adding ? tags : [], remove: adding ? [] : tags };
    runOperation(peer.doc, tagCreators, input, peer.ctx);
    return `tag ${JSON.stringify(input)}`;
  },
  fee(world, peer) {
    const fee = world.random() < 0.2 ? null : { amount: Math.floor(world.random() * 5000), currency: 'EUR' };
    const input = { creatorId: pick(world, world.creatorIds), fee };
    runOperation(peer.doc, setFee, input, peer.ctx);
    return `fee ${JSON.stringify(input)}`;
  },
  remove(world, peer) {
    const creatorIds = someOf(world, world.creatorIds);
    runOperation(peer.doc, world.random() < 0.5 ? removeCreators : restoreCreators, { creatorIds }, peer.ctx);
    return `remove or restore ${creatorIds.join(', ')}`;
  },
};

/** Statuses created, archived (their creators re-routed) and restored. */
const STATUS_EDITS: Record<string, Step> = {
  createStatus(world, peer) {
    const group = pick(world, STATUS_GROUPS);
    const created = runOperation(peer.doc, createStatus, { group, name: `Status ${world.counter++}` }, peer.ctx);
    if (created.ok) world.statusIds[group].push(created.id);
    return `create a status in ${group}`;
  },
  archiveStatus(world, peer) {
    const group = pick(world, STATUS_GROUPS);
    const input = { statusId: pick(world, world.statusIds[group]), moveTo: pick(world, world.statusIds[group]) };
    runOperation(peer.doc, archiveStatus, input, peer.ctx);
    return `archive ${JSON.stringify(input)}`;
  },
  restoreStatus(world, peer) {
    const statusId = pick(world, world.statusIds[pick(world, STATUS_GROUPS)]);
    runOperation(peer.doc, restoreStatus, { statusId }, peer.ctx);
    return `restore status ${statusId}`;
  },
};

/** Each person's updates reaching another, in any order (some tabs stay behind for a while). */
const MERGES: Record<string, Step> = {
  receive(world, peer) {
    const from = pick(world, world.peers);
    Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(peer.doc)));
    return `receive from peer ${world.peers.indexOf(from)}`;
  },
  syncAll(world) {
    sync(...world.peers.map((p) => p.doc));
    return 'sync everyone';
  },
};

const UNDO: Record<string, Step> = {
  undo: (_world, peer) => (peer.undo.undo(), 'undo'),
  redo: (_world, peer) => (peer.undo.redo(), 'redo'),
};

const REOPEN: Record<string, Step> = {
  /** The tab is closed and opened again: the board comes from the browser's copy, teammates' changes later. */
  reopen(world, peer) {
    const stored = Y.encodeStateAsUpdate(peer.doc);
    const reopened = openPeer(stored, peer.ctx);
    world.peers[world.peers.indexOf(peer)] = reopened;
    expect(readBoard(reopened.doc)).toEqual(readFullCopy(reopened.doc));
    return 'reopen from the stored copy';
  },
};

const MIGRATE: Record<string, Step> = {
  migrate: (_world, peer) => (migrateBoard(peer.doc, peer.ctx.origin), 'migrate'),
  /** A tab still on schema 2 writes a whole profile (what that version did on every edit). */
  schema2Edit(world, peer) {
    const creatorId = pick(world, world.creatorIds);
    const profile = { name: `Schema 2 ${world.counter++}`, followers: Math.floor(world.random() * 1e6) };
    peer.doc.transact(() => boardTypes(peer.doc).profiles.set(creatorId, JSON.stringify(profile)), peer.ctx.origin);
    return `schema-2 profile of ${creatorId}`;
  },
};

/**
 * Runs `steps` random steps from `kinds` on random tabs, for each seed; after each step every tab
 * reads its board with chance ½ (changes pile up between reads as between animation frames) and
 * the read must equal a full read. At the end everyone syncs and reads once more.
 */
function expectReadsEqualFullReads(kinds: Record<string, Step>[], { seeds = 8, steps = 50 } = {}) {
  const all = Object.entries(Object.assign({}, ...kinds) as Record<string, Step>);
  for (let seed = 1; seed <= seeds; seed++) {
    const world = newWorld(seed);
    const done: string[] = [];
    for (let step = 0; step < steps; step++) {
      const peer = pick(world, world.peers);
      const [, run] = pick(world, all);
      done.push(`${world.peers.indexOf(peer)}: ${run(world, peer)}`);
      peer.undo.stopCapturing();
      for (const reader of world.peers)
        if (world.random() < 0.5)
          expect(readBoard(reader.doc), `seed ${seed}, after\n${done.join('\n')}`).toEqual(readFullCopy(reader.doc));
    }
    sync(...world.peers.map((p) => p.doc));
    for (const reader of world.peers)
      expect(readBoard(reader.doc), `seed ${seed}, synced`).toEqual(readFullCopy(reader.doc));
  }
}

describe('readBoard, reading a document again', () => {
  it('reads the same as a full read after random edits by three people, merged in any order', () => {
    expectReadsEqualFullReads([EDITS, MERGES]);
  });

  it('reads the same as a full read after random undo and redo of each person’s own edits', () => {
    expectReadsEqualFullReads([EDITS, MERGES, UNDO, UNDO]);
  });

  it('reads the same as a full read while statuses are created, archived and restored', () => {
    expectReadsEqualFullReads([EDITS, MERGES, STATUS_EDITS]);
  });

  it('reads the same as a full read of a board opened from its stored copy before the socket syncs it', () => {
    expectReadsEqualFullReads([EDITS, MERGES, REOPEN]);
  });

  it('reads the same as a full read while a schema-2 board is migrated by some and edited by others, old tabs included', () => {
    expectReadsEqualFullReads([EDITS, MERGES, MIGRATE, UNDO]);
  });

  it('gives a new object only to the creator a teammate moved; every other creator keeps its object', () => {
    const ann = newDoc(1);
    const viewer = newDoc(2);
    const added = runOperation(
      ann,
      addCreators,
      { creators: [{ name: 'Mia' }, { name: 'Leo' }, { name: 'Ada' }] },
      context(),
    );
    if (!added.ok) throw new Error(added.error.message);
    sync(ann, viewer);
    const before = readBoard(viewer);
    runOperation(
      ann,
      setStatus,
      { creatorIds: [added.ids[1]!], group: 'influencer', statusId: 'influencer.contacted' },
      context(),
    );
    sync(ann, viewer);
    const after = readBoard(viewer);
    expect(after.creators.map((c) => before.creators.includes(c))).toEqual([true, false, true]);
    expect(after.creators[1]!.statuses.influencer).toBe('influencer.contacted');
    expect(after.statuses).toBe(before.statuses);
  });

  it('returns the same board object when nothing it holds changed (a saved view is not part of it)', () => {
    const doc = newDoc(1);
    runOperation(doc, addCreators, { creators: [{ name: 'Mia' }] }, context());
    const before = readBoard(doc);
    const saved = runOperation(
      doc,
      saveView,
      { name: 'Mine', view: 'table', filter: {}, sort: null, group: 'influencer', columns: [] },
      context(),
    );
    expect(saved.ok).toBe(true);
    expect(readBoard(doc)).toBe(before);
  });
});
