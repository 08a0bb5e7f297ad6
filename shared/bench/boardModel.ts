// Figures for the board model (docs/board-format.md quotes them):
//   1. opening: document bytes, Y.applyUpdate into a fresh doc, and readBoard, for 500 / 5,000 /
//      20,000 creators — our layout vs the plain one (one Y.Map per creator, one key per field);
//   2. churn: bytes of a 500-creator board after 10,000 status moves (random creators, groups and
//      statuses) — our layout (board + capped activity document) vs the plain Y.Map one.
// Run: cd /work/main && npx tsx shared/bench/boardModel.ts   (node --expose-gc makes timings steadier)
import * as Y from 'yjs';
import {
  addCreators,
  assignCreators,
  DEFAULT_STATUSES,
  type NewCreator,
  type OperationContext,
  readBoard,
  runOperation,
  setFee,
  setStatus,
  STATUS_GROUPS,
  tagCreators,
} from '../src/index.ts';

const statusIds = Object.fromEntries(
  STATUS_GROUPS.map((group) => [group, DEFAULT_STATUSES.filter((s) => s.group === group).map((s) => s.id)]),
) as Record<(typeof STATUS_GROUPS)[number], string[]>;

/** A deterministic pseudo-random sequence, so every run measures the same documents. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function context(activity?: Y.Doc): OperationContext {
  let id = 0;
  return {
    actor: { id: 'bench', name: 'Bench' },
    now: Date.UTC(2026, 10, 24),
    newId: () => `c${(id++).toString(36).padStart(6, '0')}`,
    activity,
  };
}

function profile(i: number): NewCreator {
  return {
    name: `Creator ${i}`,
    handles: [{ platform: 'instagram', handle: `creator_${i}` }],
    profileUrl: `https://instagram.com/creator_${i}`,
    email: `creator${i}@example.com`,
    country: 'DE',
    language: 'German',
    categories: ['beauty', 'lifestyle'],
    followers: 10_000 + i,
    engagementRate: 3.2,
    avgViews: 4000,
    aqs: 60,
    audience: {
      countries: { DE: 60, AT: 10 },
      ages: { '18-24': 40, '25-34': 35 },
      gender: { female: 70, male: 28, other: 2 },
    },
    followerHistory: Array.from({ length: 6 }, (_, m) => ({ date: `2026-0${m + 1}-01`, followers: 9000 + m * 200 })),
    brandSafety: [],
  };
}

/** A worked board: every creator has been moved in all three groups, and has a fee, tags and an assignee. */
function ourBoard(count: number): Y.Doc {
  const doc = new Y.Doc();
  const ctx = context();
  const added = runOperation(doc, addCreators, { creators: Array.from({ length: count }, (_, i) => profile(i)) }, ctx);
  if (!added.ok) throw new Error(added.error.message);
  const random = seeded(count);
  for (const group of STATUS_GROUPS) {
    // Bulk moves, one per target status, like a team working through the board.
    const byStatus = new Map<string, string[]>();
    for (const id of added.ids) {
      const statusId = statusIds[group][Math.floor(random() * statusIds[group].length)]!;
      byStatus.set(statusId, [...(byStatus.get(statusId) ?? []), id]);
    }
    for (const [statusId, creatorIds] of byStatus) runOperation(doc, setStatus, { creatorIds, group, statusId }, ctx);
  }
  runOperation(doc, assignCreators, { creatorIds: added.ids, assignee: 'user-1' }, ctx);
  runOperation(doc, tagCreators, { creatorIds: added.ids, add: ['Summer drop'] }, ctx);
  for (const id of added.ids.slice(0, count / 2))
    runOperation(doc, setFee, { creatorId: id, fee: { amount: 900, currency: 'EUR' } }, ctx);
  return doc;
}

/** The plain layout: creators → Y.Map per creator, one key per field (statuses included). */
function plainBoard(count: number): Y.Doc {
  const doc = new Y.Doc();
  const creators = doc.getMap<Y.Map<unknown>>('creators');
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const creator = new Y.Map<unknown>();
      creators.set(`c${i.toString(36).padStart(6, '0')}`, creator);
      for (const [key, value] of Object.entries(profile(i))) creator.set(key, value);
      creator.set('influencer', statusIds.influencer[i % 12]);
      creator.set('contract', statusIds.contract[i % 3]);
      creator.set('payment', statusIds.payment[i % 5]);
      creator.set('rank', `a${i}`);
      creator.set('assignee', 'user-1');
      creator.set('tags', ['Summer drop']);
      creator.set('fee', { amount: 900, currency: 'EUR' });
      creator.set('createdAt', Date.UTC(2026, 10, 24));
    }
  });
  return doc;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(fn: () => void): number {
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`.padStart(10);
const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);

console.log('Opening (median of 5; readBoard on a freshly applied doc, so it includes building the index)');
console.log(
  '("re-read": readBoard again after a teammate\'s status move arrived; unchanged creators come from its cache)',
);
console.log('("move": one status move of one creator by this client, through the operation, median of 25)');
console.log('creators   layout        bytes      apply   readBoard   re-read      move');
for (const count of [500, 5_000, 20_000]) {
  for (const [layout, build] of [
    ['ours', ourBoard],
    ['plain Y.Map', plainBoard],
  ] as const) {
    const source = build(count);
    const update = Y.encodeStateAsUpdate(source);
    let moveUpdate: Uint8Array | null = null;
    let ids: string[] = [];
    if (layout === 'ours') {
      ids = readBoard(source).creators.map((c) => c.id);
      const vector = Y.encodeStateVector(source);
      const someone = readBoard(source).creators[Math.floor(count / 2)]!.id;
      runOperation(
        source,
        setStatus,
        { creatorIds: [someone], group: 'influencer', statusId: 'influencer.negotiating' },
        context(),
      );
      moveUpdate = Y.encodeStateAsUpdate(source, vector);
    }
    const apply: number[] = [];
    const read: number[] = [];
    const reread: number[] = [];
    const move: number[] = [];
    for (let run = 0; run < 5; run++) {
      const fresh = new Y.Doc();
      apply.push(timed(() => Y.applyUpdate(fresh, update)));
      if (!moveUpdate) continue;
      read.push(timed(() => readBoard(fresh)));
      Y.applyUpdate(fresh, moveUpdate);
      reread.push(timed(() => readBoard(fresh)));
      for (let m = 0; m < 5; m++) {
        const creatorIds = [ids[((run * 5 + m) * 97) % ids.length]!];
        const statusId = m % 2 ? 'influencer.selected' : 'influencer.shortlisted';
        const input = { creatorIds, group: 'influencer' as const, statusId };
        move.push(timed(() => runOperation(fresh, setStatus, input, context())));
      }
    }
    const figure = (samples: number[]) => (samples.length ? ms(median(samples)) : '        –');
    console.log(
      `${String(count).padEnd(10)} ${layout.padEnd(12)} ${kb(update.byteLength)} ${ms(median(apply))} ${figure(read)}  ${figure(reread)} ${figure(move)}`,
    );
  }
}

console.log('\nChurn: 500 creators, 10,000 single-creator status moves (random creator, group and status)');
const random = seeded(7);
const moves = Array.from({ length: 10_000 }, () => {
  const group = STATUS_GROUPS[Math.floor(random() * 3)]!;
  return {
    creator: Math.floor(random() * 500),
    group,
    statusId: statusIds[group][Math.floor(random() * statusIds[group].length)]!,
  };
});

{
  const activity = new Y.Doc();
  const doc = new Y.Doc();
  const ctx = context(activity);
  const added = runOperation(doc, addCreators, { creators: Array.from({ length: 500 }, (_, i) => profile(i)) }, ctx);
  if (!added.ok) throw new Error(added.error.message);
  const boardBefore = Y.encodeStateAsUpdate(doc).byteLength;
  const activityBefore = Y.encodeStateAsUpdate(activity).byteLength;
  const elapsed = timed(() => {
    for (const move of moves) {
      runOperation(
        doc,
        setStatus,
        { creatorIds: [added.ids[move.creator]!], group: move.group, statusId: move.statusId },
        ctx,
      );
    }
  });
  const boardAfter = Y.encodeStateAsUpdate(doc).byteLength;
  const activityAfter = Y.encodeStateAsUpdate(activity).byteLength;
  for (const move of moves) {
    runOperation(
      doc,
      setStatus,
      { creatorIds: [added.ids[move.creator]!], group: move.group, statusId: move.statusId },
      ctx,
    );
  }
  console.log(
    `  ours, board document:            ${kb(boardBefore)} → ${kb(boardAfter)} (→ ${kb(
      Y.encodeStateAsUpdate(doc).byteLength,
    )} after 20,000); ${(elapsed / 10_000).toFixed(2)} ms per move incl. history`,
  );
  console.log(
    `  ours, activity document (≤ 2,000 entries kept): ${kb(activityBefore)} → ${kb(activityAfter)} (→ ${kb(
      Y.encodeStateAsUpdate(activity).byteLength,
    )} after 20,000)`,
  );
}

{
  const doc = plainBoard(500);
  const creators = doc.getMap<Y.Map<unknown>>('creators');
  const ids = [...creators.keys()];
  const before = Y.encodeStateAsUpdate(doc).byteLength;
  const move = (m: (typeof moves)[number]) => creators.get(ids[m.creator]!)!.set(m.group, m.statusId);
  moves.forEach(move);
  const after = Y.encodeStateAsUpdate(doc).byteLength;
  moves.forEach(move);
  console.log(
    `  plain Y.Map per creator (no history): ${kb(before)} → ${kb(after)} (→ ${kb(
      Y.encodeStateAsUpdate(doc).byteLength,
    )} after 20,000)`,
  );
}
