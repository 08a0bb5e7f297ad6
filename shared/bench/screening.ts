// Figures for screening a big board (the closing note of issue 11 quotes them): on 5,000 and
// 20,000 creators, the time to filter (every kind at once, and a typical AQS + followers filter),
// to sort by a number, by a name and by fee, to total, and to score the audience match for a
// sort by Match. Each figure is the median of 15 runs after 3 warm-ups.
// Run: cd /work/main && npx tsx shared/bench/screening.ts
import * as Y from 'yjs';
import {
  addCreators,
  creatorFilterSchema,
  creatorTotals,
  DEFAULT_AQS_BANDS,
  filterCreators,
  type NewCreator,
  readBoard,
  runOperation,
  sortCreators,
  type ColumnContext,
} from '../src/index.ts';

function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function board(count: number) {
  const random = seeded(count);
  const countries = ['DE', 'AT', 'FR', 'ES', 'IT', 'PL', 'US', 'GB'];
  const creators: NewCreator[] = Array.from({ length: count }, (_, i) => ({
    name: `Creator ${i}`,
    handles: [{ platform: (['instagram', 'tiktok', 'youtube'] as const)[i % 3], handle: `c${i}` }],
    followers: Math.round(8000 * Math.exp(random() * 5.5)),
    engagementRate: Math.round(random() * 80) / 10,
    aqs: Math.round(random() * 100),
    country: countries[i % countries.length],
    audience: { countries: { [countries[i % 8]!]: 60, [countries[(i + 1) % 8]!]: 20 }, gender: { female: 60 } },
  }));
  const doc = new Y.Doc();
  runOperation(doc, addCreators, { creators }, { actor: { id: 'b', name: 'Bench' }, now: 0 });
  return readBoard(doc);
}

function median(run: () => unknown): number {
  for (let i = 0; i < 3; i++) run();
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[7]!;
}

const target = { countries: [{ code: 'DE', share: null }], ages: null, gender: 'female' as const };
for (const count of [5_000, 20_000]) {
  const data = board(count);
  const ctx: ColumnContext = { bands: DEFAULT_AQS_BANDS, statuses: data.statuses, memberName: () => null, target };
  const typical = creatorFilterSchema.parse({
    aqsBands: ['Good', 'Very good', 'Excellent'],
    followers: { min: 10_000 },
  });
  const everything = creatorFilterSchema.parse({
    text: 'creator',
    aqsBands: ['Good', 'Very good', 'Excellent'],
    followers: { min: 10_000, max: 1_000_000 },
    engagementRate: { min: 1 },
    platforms: ['instagram', 'tiktok'],
    countries: ['DE', 'AT', 'FR'],
    statuses: { influencer: ['influencer.prospect'] },
    match: { min: 30 },
  });
  const figures = {
    'filter (AQS + followers)': median(() => filterCreators(data.creators, typical, ctx)),
    'filter (every kind + text + match)': median(() => filterCreators(data.creators, everything, ctx)),
    'sort by followers': median(() => sortCreators(data.creators, { column: 'followers', direction: 'desc' }, ctx)),
    'sort by name': median(() => sortCreators(data.creators, { column: 'name', direction: 'asc' }, ctx)),
    'sort by fee': median(() => sortCreators(data.creators, { column: 'fee', direction: 'desc' }, ctx)),
    'sort by match': median(() => sortCreators(data.creators, { column: 'match', direction: 'desc' }, ctx)),
    totals: median(() => creatorTotals(data.creators)),
  };
  console.log(`${count} creators`);
  for (const [name, ms] of Object.entries(figures)) console.log(`  ${name.padEnd(36)} ${ms.toFixed(2)} ms`);
}
