import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  activeFilterKinds,
  addCreators,
  assignCreators,
  clearFilterKind,
  creatorCountries,
  creatorFilterSchema,
  DEFAULT_AQS_BANDS,
  filterCreators,
  noFilter,
  readBoard,
  runOperation,
  setStatus,
  tagCreators,
  type Creator,
  type CreatorFilterInput,
  type NewCreator,
} from '../../index.ts';
import { context } from '../testing.ts';

/** A board of creators with the given profiles; returns them as readBoard reads them. */
function board(profiles: NewCreator[]): { doc: Y.Doc; creators: () => Creator[]; ids: string[] } {
  const doc = new Y.Doc();
  const result = runOperation(doc, addCreators, { creators: profiles }, context());
  if (!result.ok) throw new Error(result.error.message);
  return { doc, ids: result.ids, creators: () => readBoard(doc).creators };
}

const names = (creators: Creator[]) => creators.map((c) => c.name);
const filter = (input: CreatorFilterInput) => creatorFilterSchema.parse(input);

const PEOPLE: NewCreator[] = [
  {
    name: 'Mia',
    aqs: 90,
    followers: 120_000,
    engagementRate: 4.2,
    country: 'Germany',
    handles: [{ platform: 'instagram', handle: 'mia' }],
  },
  {
    name: 'Leo',
    aqs: 30,
    followers: 8_000,
    engagementRate: 1.1,
    country: 'germany',
    handles: [{ platform: 'tiktok', handle: 'leo' }],
  },
  { name: 'Ana', aqs: 55, followers: 45_000, country: 'Spain', handles: [{ platform: 'youtube', handle: 'ana' }] },
  { name: 'Noa' },
];

describe('filters', () => {
  it('lets every creator through when nothing is set', () => {
    const { creators } = board(PEOPLE);
    expect(names(filterCreators(creators(), noFilter()))).toEqual(['Mia', 'Leo', 'Ana', 'Noa']);
    expect(activeFilterKinds(noFilter())).toEqual([]);
  });

  it('keeps creators in any of the chosen AQS bands of the board, and none without an AQS', () => {
    const { creators } = board(PEOPLE);
    expect(names(filterCreators(creators(), filter({ aqsBands: ['Excellent', 'Good'] })))).toEqual(['Mia', 'Ana']);
    const bands = [
      { label: 'Low', min: 0, color: '#000000' },
      { label: 'High', min: 50, color: '#ffffff' },
    ];
    expect(names(filterCreators(creators(), filter({ aqsBands: ['High'] }), { bands }))).toEqual(['Mia', 'Ana']);
  });

  it('keeps creators inside a follower range, ends included, and drops those without followers', () => {
    const { creators } = board(PEOPLE);
    expect(names(filterCreators(creators(), filter({ followers: { min: 8_000, max: 45_000 } })))).toEqual([
      'Leo',
      'Ana',
    ]);
    expect(names(filterCreators(creators(), filter({ followers: { min: 50_000 } })))).toEqual(['Mia']);
  });

  it('keeps creators inside an engagement range', () => {
    const { creators } = board(PEOPLE);
    expect(names(filterCreators(creators(), filter({ engagementRate: { max: 2 } })))).toEqual(['Leo']);
  });

  it('matches platforms by any handle, and countries without regard to case', () => {
    const { creators } = board(PEOPLE);
    expect(names(filterCreators(creators(), filter({ platforms: ['tiktok', 'youtube'] })))).toEqual(['Leo', 'Ana']);
    expect(names(filterCreators(creators(), filter({ countries: ['GERMANY'] })))).toEqual(['Mia', 'Leo']);
  });

  it('matches a status in each group on its own, and combines groups with AND', () => {
    const { doc, ids, creators } = board(PEOPLE);
    runOperation(
      doc,
      setStatus,
      { creatorIds: [ids[0]!, ids[1]!], group: 'influencer', statusId: 'influencer.shortlisted' },
      context(),
    );
    runOperation(
      doc,
      setStatus,
      { creatorIds: [ids[1]!, ids[2]!], group: 'contract', statusId: 'contract.contract-sent' },
      context(),
    );
    expect(names(filterCreators(creators(), filter({ statuses: { influencer: ['influencer.shortlisted'] } })))).toEqual(
      ['Mia', 'Leo'],
    );
    expect(names(filterCreators(creators(), filter({ statuses: { contract: ['contract.contract-sent'] } })))).toEqual([
      'Leo',
      'Ana',
    ]);
    expect(
      names(
        filterCreators(
          creators(),
          filter({ statuses: { influencer: ['influencer.shortlisted'], contract: ['contract.contract-sent'] } }),
        ),
      ),
    ).toEqual(['Leo']);
  });

  it('matches any chosen tag, and assignees including nobody', () => {
    const { doc, ids, creators } = board(PEOPLE);
    runOperation(doc, tagCreators, { creatorIds: [ids[0]!], add: ['summer'] }, context());
    runOperation(doc, tagCreators, { creatorIds: [ids[2]!], add: ['beauty'] }, context());
    runOperation(doc, assignCreators, { creatorIds: [ids[1]!], assignee: 'user-b' }, context());
    expect(names(filterCreators(creators(), filter({ tags: ['summer', 'beauty'] })))).toEqual(['Mia', 'Ana']);
    expect(names(filterCreators(creators(), filter({ assignees: ['user-b', 'none'] })))).toEqual([
      'Mia',
      'Leo',
      'Ana',
      'Noa',
    ]);
    expect(names(filterCreators(creators(), filter({ assignees: ['user-b'] })))).toEqual(['Leo']);
  });

  it('matches any chosen brand-safety risk level, and no creator that was not assessed', () => {
    const { creators } = board([
      { name: 'Safe', brandSafetyRisk: 'none' },
      { name: 'Risky', brandSafetyRisk: 'high' },
      { name: 'Unknown' },
    ]);
    expect(names(filterCreators(creators(), filter({ risks: ['high', 'medium'] })))).toEqual(['Risky']);
    expect(names(filterCreators(creators(), filter({ risks: ['none'] })))).toEqual(['Safe']);
  });

  it('keeps creators whose audience match score against the board’s target is in range', () => {
    const { creators } = board([
      { name: 'German', audience: { countries: { DE: 90 } } },
      { name: 'French', audience: { countries: { FR: 90 } } },
      { name: 'No data' },
    ]);
    const target = { countries: [{ code: 'DE', share: null }], ages: null, gender: null };
    const ctx = { bands: DEFAULT_AQS_BANDS, target };
    expect(names(filterCreators(creators(), filter({ match: { min: 50 } }), ctx))).toEqual(['German']);
    expect(names(filterCreators(creators(), filter({ match: { max: 10 } }), ctx))).toEqual(['French']);
    // Without a target nobody has a score, so a score range lets nobody through.
    expect(names(filterCreators(creators(), filter({ match: { min: 0 } })))).toEqual([]);
  });

  it('combines kinds with AND', () => {
    const { creators } = board(PEOPLE);
    expect(names(filterCreators(creators(), filter({ countries: ['Germany'], followers: { min: 10_000 } })))).toEqual([
      'Mia',
    ]);
  });

  it('names each active kind once, and clears one kind without touching the others', () => {
    const set = filter({ followers: { min: 1 }, statuses: { payment: ['payment.paid-fully'] }, tags: ['x'] });
    expect(activeFilterKinds(set)).toEqual(['followers', 'statuses.payment', 'tags']);
    const cleared = clearFilterKind(set, 'statuses.payment');
    expect(activeFilterKinds(cleared)).toEqual(['followers', 'tags']);
    expect(activeFilterKinds(clearFilterKind(cleared, 'followers'))).toEqual(['tags']);
  });

  it('refuses a range that ends below its start, and lists longer than their limit', () => {
    expect(creatorFilterSchema.safeParse({ followers: { min: 10, max: 5 } }).success).toBe(false);
    expect(creatorFilterSchema.safeParse({ countries: Array.from({ length: 101 }, (_, i) => `C${i}`) }).success).toBe(
      false,
    );
    expect(creatorFilterSchema.safeParse({ engagementRate: { min: Number.NaN } }).success).toBe(false);
  });

  it('lists each country once, as first written', () => {
    const { creators } = board(PEOPLE);
    expect(creatorCountries(creators())).toEqual(['Germany', 'Spain']);
  });
});
