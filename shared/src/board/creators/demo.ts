import type * as Y from 'yjs';
import { runOperation, type OperationContext } from '../../operations/operation.ts';
import { boardTypes, setCells } from '../document/boardTypes.ts';
import { builtInStatusId, type StatusGroup } from '../statuses/status.ts';
import type { NewCreator, Platform } from './creator.ts';
import { writeCells } from './creatorCells.ts';
import { emptyCells } from './creatorFields.ts';
import { addCreators } from './operations.ts';
import { emptyWrites, writeSet } from './profileWrites.ts';

const FIRST = [
  'Mia',
  'Lucas',
  'Sofia',
  'Noah',
  'Emma',
  'Leo',
  'Chloé',
  'Mateo',
  'Aisha',
  'Jonas',
  'Yuki',
  'Elena',
  'Omar',
  'Freya',
  'Diego',
  'Lina',
  'Hugo',
  'Nora',
  'Ravi',
  'Zoe',
];
const LAST = [
  'Hart',
  'Moreau',
  'Rossi',
  'Berg',
  'Novak',
  'Silva',
  'Tanaka',
  'Khan',
  'Lund',
  'García',
  'Weber',
  'Costa',
  'Kowalski',
  'Dubois',
  'Jensen',
];
const NICHES = [
  ['beauty', 'skincare'],
  ['fitness', 'wellness'],
  ['travel', 'lifestyle'],
  ['food', 'recipes'],
  ['tech', 'gadgets'],
  ['fashion', 'streetwear'],
  ['gaming', 'esports'],
  ['parenting', 'family'],
  ['outdoors', 'hiking'],
  ['home', 'interior'],
];
const COUNTRIES = ['DE', 'FR', 'ES', 'IT', 'NL', 'SE', 'GB', 'PL', 'US', 'PT'];
const PLATFORMS: Platform[] = ['instagram', 'instagram', 'tiktok', 'tiktok', 'youtube', 'twitch', 'x'];
const HOSTS: Record<Platform, string> = {
  instagram: 'https://instagram.com/',
  tiktok: 'https://tiktok.com/@',
  youtube: 'https://youtube.com/@',
  x: 'https://x.com/',
  twitch: 'https://twitch.tv/',
  other: 'https://example.com/',
};

// Where demo creators stand: both ways campaigns run (small campaign: selected → paid; large
// campaign: contacted en masse → not replied / follow-up / negotiating), and weights.
const STAGES: { influencer: string; contract: string; payment: string; weight: number }[] = [
  { influencer: 'Prospect', contract: 'No contract', payment: 'Not paid', weight: 8 },
  { influencer: 'Shortlisted', contract: 'No contract', payment: 'Not paid', weight: 7 },
  { influencer: 'Rejected', contract: 'No contract', payment: 'Not paid', weight: 4 },
  { influencer: 'Selected', contract: 'No contract', payment: 'Not paid', weight: 4 },
  { influencer: 'Contacted', contract: 'No contract', payment: 'Not paid', weight: 8 },
  { influencer: 'Not replied', contract: 'No contract', payment: 'Not paid', weight: 5 },
  { influencer: 'Needs follow-up', contract: 'No contract', payment: 'Not paid', weight: 4 },
  { influencer: 'Negotiating', contract: 'No contract', payment: 'Not paid', weight: 5 },
  { influencer: 'Brief sent', contract: 'Contract sent', payment: 'Not paid', weight: 3 },
  { influencer: 'Waiting for draft', contract: 'Contract signed', payment: 'Pre-payment made', weight: 4 },
  { influencer: 'Draft approved', contract: 'Contract signed', payment: '50% paid', weight: 3 },
  { influencer: 'Content posted', contract: 'Contract signed', payment: 'Payment pending', weight: 3 },
  { influencer: 'Content posted', contract: 'Contract signed', payment: 'Paid fully', weight: 2 },
];

/** A deterministic pseudo-random sequence (mulberry32), so the demo looks the same everywhere. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fills a board with about 60 realistic creators spread over the pipeline, so a newcomer sees
 * the product alive at once. Deterministic; time comes from `ctx.now`.
 */
export function createDemoBoard(doc: Y.Doc, ctx: OperationContext, count = 60): { ids: string[] } {
  const random = seeded(20261124);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const creators: NewCreator[] = [];
  for (let i = 0; i < count; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const platform = PLATFORMS[i % PLATFORMS.length]!;
    const niche = NICHES[i % NICHES.length]!;
    const handle =
      `${first}.${last}`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z.]/g, '') + (i > 19 ? i : '');
    const followers = Math.round(8000 * Math.exp(random() * 5.5));
    const engagementRate = Math.round((1 + random() * 7) * 10) / 10;
    const country = pick(COUNTRIES);
    const history = Array.from({ length: 6 }, (_, m) => ({
      date: new Date(ctx.now - (5 - m) * 30 * 86_400_000).toISOString().slice(0, 10),
      followers: Math.round(followers * (0.7 + (m / 5) * 0.3 + random() * 0.03)),
    }));
    const female = Math.round(30 + random() * 50);
    creators.push({
      name: `${first} ${last}`,
      handles: [{ platform, handle, url: `${HOSTS[platform]}${handle}` }],
      profileUrl: `${HOSTS[platform]}${handle}`,
      email: `${handle.replace(/\./g, '')}@creatormail.example`,
      country,
      language:
        { DE: 'German', FR: 'French', ES: 'Spanish', IT: 'Italian', PT: 'Portuguese', PL: 'Polish' }[country] ??
        'English',
      categories: niche,
      followers,
      engagementRate,
      avgViews: Math.round(followers * (0.05 + random() * 0.4)),
      aqs: Math.round(15 + random() * 84),
      audience: {
        countries: { [country]: Math.round(40 + random() * 30), US: Math.round(5 + random() * 15) },
        ages: {
          '18-24': Math.round(20 + random() * 22),
          '25-34': Math.round(25 + random() * 18),
          '35-44': Math.round(5 + random() * 10),
        },
        gender: { female, male: 100 - female - 2, other: 2 },
      },
      followerHistory: history,
      brandSafety: random() < 0.12 ? [pick(['Alcohol mentions', 'Gambling ads', 'Political content'])] : [],
    });
  }
  const added = runOperation(doc, addCreators, { creators }, ctx);
  if (!added.ok) throw new Error(`demo data is invalid: ${added.error.message}`);
  const types = boardTypes(doc);
  const totalWeight = STAGES.reduce((sum, s) => sum + s.weight, 0);
  const statuses: Record<StatusGroup, Map<string, string>> = {
    influencer: new Map(),
    contract: new Map(),
    payment: new Map(),
  };
  const fees = new Map<string, unknown>();
  const tags = new Map<string, string[]>();
  added.ids.forEach((id, i) => {
    let roll = ((i * 0.6180339887) % 1) * totalWeight;
    const stage = STAGES.find((s) => (roll -= s.weight) < 0) ?? STAGES[0]!;
    statuses.influencer.set(id, builtInStatusId('influencer', stage.influencer));
    statuses.contract.set(id, builtInStatusId('contract', stage.contract));
    statuses.payment.set(id, builtInStatusId('payment', stage.payment));
    if (stage.influencer !== 'Prospect' && stage.influencer !== 'Rejected') {
      fees.set(id, { amount: Math.round((300 + random() * 4700) / 50) * 50, currency: 'EUR' });
    }
    tags.set(id, [i % 3 === 0 ? 'Summer drop' : 'Always-on', ...(i % 5 === 0 ? ['Priority'] : [])]);
  });
  doc.transact(() => {
    setCells(types, 'influencer', statuses.influencer);
    setCells(types, 'contract', statuses.contract);
    setCells(types, 'payment', statuses.payment);
    setCells(types, 'fee', fees);
    const tagWrites = emptyWrites();
    tags.forEach((list, id) => writeSet(tagWrites, id, emptyCells(), 'tags', [], list));
    writeCells(types, tagWrites);
  }, ctx.origin);
  return { ids: added.ids };
}
