import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  runOperation,
  addCreators,
  archiveStatus,
  boardTypes,
  createStatus,
  moveCreator,
  readBoard,
  removeCreators,
  restoreCreators,
  setFee,
  setStatus,
  tagCreators,
  updateProfile,
  STATUS_GROUPS,
  type OperationContext,
  readActivity,
  activityEntries,
} from '../../index.ts';
import { context, newDoc, sync } from '../testing.ts';

function twoDocsWith(names: string[]) {
  const a = newDoc(1);
  const b = newDoc(2);
  const added = runOperation(a, addCreators, { creators: names.map((name) => ({ name })) }, context('Ann', 'a'));
  if (!added.ok) throw new Error(added.error.message);
  sync(a, b);
  return { a, b, ids: added.ids };
}

function expectConverged(...docs: Y.Doc[]) {
  const [first, ...rest] = docs.map((doc) => readBoard(doc));
  for (const other of rest) expect(other).toEqual(first);
}

describe('concurrent edits converge', () => {
  it('two people moving the same creator end with the same status everywhere, and both moves in history', () => {
    const { a, b, ids } = twoDocsWith(['Mia', 'Leo']);
    const annCtx = context('Ann', 'a');
    const bobCtx = context('Bob', 'b');
    const move = { creatorId: ids[0]!, group: 'influencer' as const, afterId: null, beforeId: null };
    runOperation(a, moveCreator, { ...move, statusId: 'influencer.contacted' }, annCtx);
    runOperation(b, moveCreator, { ...move, statusId: 'influencer.rejected' }, bobCtx);
    sync(a, b);
    sync(annCtx.activity!, bobCtx.activity!);
    expectConverged(a, b);
    const board = readBoard(a);
    expect(board.creators).toHaveLength(2);
    expect(['influencer.contacted', 'influencer.rejected']).toContain(
      board.creators.find((c) => c.id === ids[0])!.statuses.influencer,
    );
    const history = readActivity(annCtx.activity!).filter((e) => e.kind === 'status');
    expect(history.map((e) => e.actorName).sort()).toEqual(['Ann', 'Bob']);
    expect(readActivity(bobCtx.activity!)).toEqual(readActivity(annCtx.activity!));
  });

  it('a creator moved into a status that someone archives at the same time lands in the archive destination', () => {
    const { a, b, ids } = twoDocsWith(['Mia', 'Leo']);
    runOperation(
      a,
      setStatus,
      { creatorIds: [ids[1]!], group: 'influencer', statusId: 'influencer.not-replied' },
      context('Ann', 'a'),
    );
    sync(a, b);
    runOperation(
      a,
      archiveStatus,
      { statusId: 'influencer.not-replied', moveTo: 'influencer.needs-follow-up' },
      context('Ann', 'a'),
    );
    runOperation(
      b,
      setStatus,
      { creatorIds: [ids[0]!], group: 'influencer', statusId: 'influencer.not-replied' },
      context('Bob', 'b'),
    );
    sync(a, b);
    expectConverged(a, b);
    const board = readBoard(b);
    expect(board.creators.map((c) => c.statuses.influencer)).toEqual([
      'influencer.needs-follow-up',
      'influencer.needs-follow-up',
    ]);
  });

  it('reorders of the same column by two people keep every creator exactly once', () => {
    const { a, b, ids } = twoDocsWith(['A', 'B', 'C', 'D']);
    const [x, y, z, w] = ids as [string, string, string, string];
    runOperation(
      a,
      moveCreator,
      { creatorId: w, group: 'influencer', statusId: 'influencer.prospect', afterId: x, beforeId: y },
      context('Ann', 'a'),
    );
    runOperation(
      b,
      moveCreator,
      { creatorId: z, group: 'influencer', statusId: 'influencer.prospect', afterId: x, beforeId: y },
      context('Bob', 'b'),
    );
    sync(a, b);
    expectConverged(a, b);
    const names = readBoard(a).creators.map((c) => c.name);
    expect([...names].sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(names[0]).toBe('A');
    expect(names[3]).toBe('B');
  });

  it('a removal and a concurrent edit of the same creator both survive', () => {
    const { a, b, ids } = twoDocsWith(['Mia']);
    runOperation(a, removeCreators, { creatorIds: ids }, context('Ann', 'a'));
    runOperation(b, setFee, { creatorId: ids[0]!, fee: { amount: 900, currency: 'EUR' } }, context('Bob', 'b'));
    sync(a, b);
    expectConverged(a, b);
    expect(readBoard(a).removed[0]).toMatchObject({ name: 'Mia', fee: { amount: 900, currency: 'EUR' } });
  });

  it('creators added by one person while another removes and restores others all end up where they belong', () => {
    const { a, b, ids } = twoDocsWith(['Mia', 'Leo', 'Ava']);
    const annCtx = context('Ann', 'a2-');
    const bobCtx = context('Bob', 'b');
    const added = runOperation(a, addCreators, { creators: [{ name: 'Noah' }, { name: 'Zoe' }] }, annCtx);
    if (!added.ok) throw new Error(added.error.message);
    runOperation(b, removeCreators, { creatorIds: [ids[0]!, ids[1]!] }, bobCtx);
    runOperation(b, restoreCreators, { creatorIds: [ids[1]!] }, bobCtx);
    sync(a, b);
    sync(annCtx.activity!, bobCtx.activity!);
    expectConverged(a, b);
    const board = readBoard(b);
    expect(board.creators.map((c) => c.name)).toEqual(['Leo', 'Ava', 'Noah', 'Zoe']);
    expect(board.removed.map((c) => c.name)).toEqual(['Mia']);
    expect(
      readActivity(bobCtx.activity!)
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['added', 'added', 'removed', 'removed', 'restored']);
  });

  it('a status move and a fee edit on the same creator at the same time both win', () => {
    const { a, b, ids } = twoDocsWith(['Mia']);
    runOperation(
      a,
      setStatus,
      { creatorIds: ids, group: 'contract', statusId: 'contract.contract-signed' },
      context('Ann', 'a'),
    );
    runOperation(b, setFee, { creatorId: ids[0]!, fee: { amount: 1200, currency: 'EUR' } }, context('Bob', 'b'));
    runOperation(b, updateProfile, { creatorId: ids[0]!, patch: { followers: 50000 } }, context('Bob', 'b'));
    sync(a, b);
    expectConverged(a, b);
    expect(readBoard(a).creators[0]).toMatchObject({
      statuses: { contract: 'contract.contract-signed' },
      fee: { amount: 1200 },
      followers: 50000,
    });
  });
});

describe('randomized convergence', () => {
  it('three documents applying random operations and syncing in random order end identical, with no creator lost or duplicated', () => {
    for (let round = 0; round < 15; round++) {
      let seed = 1000 + round;
      const random = () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed / 0x7fffffff;
      };
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
      const docs = [newDoc(11), newDoc(22), newDoc(33)];
      const contexts: OperationContext[] = docs.map((_, i) => context(`P${i}`, `p${i}-${round}-`));
      const seedAdd = runOperation(
        docs[0]!,
        addCreators,
        { creators: Array.from({ length: 8 }, (_, i) => ({ name: `C${i}` })) },
        contexts[0]!,
      );
      if (!seedAdd.ok) throw new Error(seedAdd.error.message);
      sync(...docs);
      const everAdded = new Set(seedAdd.ids);
      for (let step = 0; step < 60; step++) {
        const i = Math.floor(random() * docs.length);
        const doc = docs[i]!;
        const ctx = contexts[i]!;
        const board = readBoard(doc);
        const ids = board.creators.map((c) => c.id);
        const group = pick(STATUS_GROUPS);
        const live = board.statuses[group].filter((s) => !s.archived);
        const roll = random();
        if (roll < 0.35 && ids.length) {
          const target = pick(live).id;
          const column = board.creators.filter((c) => c.statuses[group] === target);
          const at = Math.floor(random() * (column.length + 1));
          runOperation(
            doc,
            moveCreator,
            {
              creatorId: pick(ids),
              group,
              statusId: target,
              afterId: column[at - 1]?.id ?? null,
              beforeId: column[at]?.id ?? null,
            },
            ctx,
          );
        } else if (roll < 0.5 && ids.length) {
          runOperation(doc, setStatus, { creatorIds: [pick(ids), pick(ids)], group, statusId: pick(live).id }, ctx);
        } else if (roll < 0.6) {
          const added = runOperation(doc, addCreators, { creators: [{ name: `N${step}` }] }, ctx);
          if (added.ok) added.ids.forEach((id) => everAdded.add(id));
        } else if (roll < 0.68 && ids.length) {
          runOperation(doc, removeCreators, { creatorIds: [pick(ids)] }, ctx);
        } else if (roll < 0.76) {
          runOperation(doc, createStatus, { group, name: `S${step}-${i}` }, ctx);
        } else if (roll < 0.82 && live.length > 2) {
          const victim = pick(live);
          runOperation(
            doc,
            archiveStatus,
            { statusId: victim.id, moveTo: live.find((s) => s.id !== victim.id)!.id },
            ctx,
          );
        } else if (ids.length) {
          runOperation(
            doc,
            updateProfile,
            { creatorId: pick(ids), patch: { followers: Math.floor(random() * 1e6) } },
            ctx,
          );
        }
        if (random() < 0.3) {
          const [from, to] = [pick(docs), pick(docs)];
          if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
        }
      }
      sync(...docs);
      sync(...docs);
      expectConverged(...docs);
      const board = readBoard(docs[0]!);
      const seen = [...board.creators, ...board.removed].map((c) => c.id);
      expect(new Set(seen).size).toBe(seen.length);
      expect(new Set(seen)).toEqual(everAdded);
      for (const creator of board.creators) {
        for (const group of STATUS_GROUPS) {
          expect(board.statuses[group].find((s) => s.id === creator.statuses[group])?.archived).toBe(false);
        }
      }
    }
  });
});

describe('junk from a foreign client', () => {
  it('readBoard skips or repairs cells of the wrong type', () => {
    const doc = newDoc(5);
    const added = runOperation(doc, addCreators, { creators: [{ name: 'Good' }, { name: 'Broken' }] }, context());
    if (!added.ok) throw new Error(added.error.message);
    const types = boardTypes(doc);
    const [good, broken] = added.ids as [string, string];
    doc.transact(() => {
      types.profiles.set('junk-1', 'not an object');
      types.cells.setMany(
        new Map<string, unknown>([
          [`${broken}:name`, 42],
          [`${broken}:followers`, 'lots'],
          [`${broken}:aqs`, 500],
          [`${broken}:handles:myspace:x`, { platform: 'myspace', handle: 'x' }],
          [`${broken}:handles:junk`, 7],
          [`${broken}:categories`, 'beauty'],
          [`${broken}:audience.countries:DE`, 'many'],
          [`${broken}:audience.countries:FR`, 30],
          [`${broken}:audience.gender:female`, 250],
          [`${broken}:audience.gender:male`, 40],
          [`${broken}:no-such-field`, 1],
          [`${good}:influencer`, 'influencer.does-not-exist'],
          [`${good}:fee`, { amount: -5 }],
          [`${good}:tags:ok`, 1],
          [`${good}:tags:`, 2],
          [`${good}:rank`, 12],
        ]),
      );
      types.statuses.set('influencer.weird', { group: 'nope', name: 'x' });
      types.statuses.set('contract.custom-x', { group: 'contract', name: 7, color: 'blue', rank: 'zz' });
      doc.getMap('meta').set('title', { evil: true });
    });
    const board = readBoard(doc);
    expect(board.title).toBe('');
    expect(board.creators.map((c) => c.id).sort()).toEqual([broken, good].sort());
    const repaired = board.creators.find((c) => c.id === broken)!;
    expect(repaired).toMatchObject({
      name: 'Unnamed creator',
      followers: undefined,
      aqs: undefined,
      categories: [],
      handles: [{ platform: 'other', handle: 'x' }],
      audience: { countries: { FR: 30 }, gender: { female: undefined, male: 40, other: undefined } },
    });
    const fallback = board.creators.find((c) => c.id === good)!;
    expect(fallback).toMatchObject({ statuses: { influencer: 'influencer.prospect' }, fee: null, tags: ['ok'] });
    expect(board.statuses.contract.find((s) => s.id === 'contract.custom-x')).toMatchObject({
      name: 'Untitled',
      color: '#94a3b8',
    });
    expect(board.statuses.influencer.some((s) => s.id === 'influencer.weird')).toBe(false);
    const log = new Y.Doc();
    activityEntries(log).push([{ kind: 'status' }, 'garbage', { id: 'e1', at: 1, kind: 'status', actorName: 5 }]);
    expect(readActivity(log)).toMatchObject([{ id: 'e1', actorName: 'Someone' }]);
  });
});

describe('randomized concurrent field edits', () => {
  const SCALARS = ['followers', 'avgViews', 'email', 'country', 'language'] as const;
  const valueFor = (field: (typeof SCALARS)[number], n: number) =>
    field === 'followers' || field === 'avgViews' ? n : field === 'email' ? `e${n}@example.com` : `v${n}`;

  it('three documents editing fields of the same creators, delivered in random order, lose no edit that was not superseded on its own field', () => {
    for (let round = 0; round < 12; round++) {
      let seed = 7000 + round;
      const random = () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed / 0x7fffffff;
      };
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
      const docs = [newDoc(11), newDoc(22), newDoc(33)];
      const contexts = docs.map((_, i) => context(`P${i}`, `p${i}-${round}-`));
      const seeded = runOperation(
        docs[0]!,
        addCreators,
        { creators: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] },
        contexts[0]!,
      );
      if (!seeded.ok) throw new Error(seeded.error.message);
      sync(...docs);
      // Which edits each document has seen: an edit supersedes exactly the edits of its field its document had seen.
      const known = docs.map(() => new Set<number>());
      const scalarEdits: { id: number; creatorId: string; field: string; value: unknown; saw: Set<number> }[] = [];
      const addedMembers: { creatorId: string; kind: 'tags' | 'countries' | 'history'; member: string }[] = [];
      let counter = 0;
      for (let step = 0; step < 80; step++) {
        const i = Math.floor(random() * docs.length);
        const doc = docs[i]!;
        const ctx = contexts[i]!;
        const creatorId = pick(seeded.ids);
        const creator = readBoard(doc).creators.find((c) => c.id === creatorId)!;
        const roll = random();
        const n = ++counter;
        if (roll < 0.6) {
          const field = pick(SCALARS);
          const value = valueFor(field, n);
          const result = runOperation(doc, updateProfile, { creatorId, patch: { [field]: value } }, ctx);
          expect(result.ok).toBe(true);
          scalarEdits.push({ id: n, creatorId, field, value, saw: new Set(known[i]) });
          known[i]!.add(n);
        } else if (roll < 0.75) {
          const member = `t${n}`;
          runOperation(doc, tagCreators, { creatorIds: [creatorId], add: [member] }, ctx);
          addedMembers.push({ creatorId, kind: 'tags', member });
        } else if (roll < 0.9) {
          const member = `C${n}`;
          const countries = { ...creator.audience?.countries, [member]: 1 };
          runOperation(doc, updateProfile, { creatorId, patch: { audience: { ...creator.audience, countries } } }, ctx);
          addedMembers.push({ creatorId, kind: 'countries', member });
        } else {
          const date = `2026-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
          if (creator.followerHistory.some((p) => p.date === date)) continue;
          const followerHistory = [...creator.followerHistory, { date, followers: n }];
          runOperation(doc, updateProfile, { creatorId, patch: { followerHistory } }, ctx);
          addedMembers.push({ creatorId, kind: 'history', member: date });
        }
        if (random() < 0.35) {
          const [from, to] = [pick(docs), pick(docs)];
          if (from === to) continue;
          Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
          known[docs.indexOf(from)]!.forEach((id) => known[docs.indexOf(to)]!.add(id));
        }
      }
      sync(...docs);
      expectConverged(...docs);
      const board = readBoard(docs[0]!);
      const byId = new Map(board.creators.map((c) => [c.id, c]));
      for (const edit of scalarEdits) {
        const rivals = scalarEdits.filter((e) => e.creatorId === edit.creatorId && e.field === edit.field);
        const superseded = rivals.some((later) => later.saw.has(edit.id));
        if (superseded) continue;
        const winners = rivals.filter((e) => !rivals.some((later) => later.saw.has(e.id)));
        const final = (byId.get(edit.creatorId) as unknown as Record<string, unknown>)[edit.field];
        // The edit survives, or lost to a concurrent edit of the same field (one value wins everywhere).
        expect(winners.map((w) => w.value)).toContain(final);
        if (winners.length === 1) expect(final).toBe(edit.value);
      }
      for (const { creatorId, kind, member } of addedMembers) {
        const creator = byId.get(creatorId)!;
        if (kind === 'tags') expect(creator.tags).toContain(member);
        if (kind === 'countries') expect(Object.keys(creator.audience?.countries ?? {})).toContain(member);
        if (kind === 'history') expect(creator.followerHistory.map((p) => p.date)).toContain(member);
      }
    }
  });
});
