import { describe, expect, it } from 'vitest';
import {
  creatorMatcher,
  guessPostMapping,
  mapPostRow,
  mapPostRows,
  postMappingProblem,
  readPostDate,
} from '../../index.ts';

const matcher = creatorMatcher([
  { id: 'mia', name: 'Mia Hart', handles: [{ handle: 'mia.hart' }, { handle: 'miahart_tt' }] },
  { id: 'leo', name: 'Leo Brandt', handles: [{ handle: 'leo' }] },
  { id: 'leo2', name: 'Leo Brandt', handles: [{ handle: 'leob' }] },
]);

describe('posts CSV', () => {
  it('guesses columns from common headers', () => {
    const mapping = guessPostMapping([
      'Influencer',
      'Permalink',
      'Post date',
      'Impressions',
      'Likes',
      'Notes',
      'Shares',
    ]);
    expect(mapping).toEqual(['creator', 'url', 'postedAt', 'views', 'likes', null, 'shares']);
    expect(postMappingProblem(mapping)).toBeNull();
    expect(postMappingProblem(['creator', null])).toBe('Choose the columns with Post URL, Posted date.');
  });

  it('maps a row to a post of the creator found by handle, profile URL or name', () => {
    const mapping = guessPostMapping(['Creator', 'URL', 'Date', 'Views', 'Likes', 'Comments']);
    const row = (creator: string) =>
      mapPostRow([creator, 'https://instagram.com/p/1', '2026-11-20', '48,200', '1.2k', ''], mapping, matcher);
    for (const cell of ['@mia.hart', 'MIAHART_TT', 'https://www.instagram.com/mia.hart/', 'mia hart'])
      expect(row(cell)).toEqual({
        ok: true,
        creatorId: 'mia',
        creatorName: 'Mia Hart',
        post: { url: 'https://instagram.com/p/1', postedAt: '2026-11-20', views: 48200, likes: 1200 },
      });
  });

  it('lists every reason a row cannot be imported', () => {
    const mapping = guessPostMapping(['Creator', 'URL', 'Date', 'Views']);
    expect(mapPostRow(['@nobody', '', '31.02.2026', 'lots'], mapping, matcher)).toEqual({
      ok: false,
      reasons: [
        'No creator on this board has the handle or name “@nobody”.',
        'Post URL is empty.',
        'Posted date “31.02.2026” is not a date like 2026-06-01.',
        'Views “lots” must be a number like 48200 or 48.2k.',
      ],
    });
    expect(mapPostRow(['Leo Brandt', 'javascript:alert(1)', '2026-11-20', ''], mapping, matcher)).toEqual({
      ok: false,
      reasons: ['“Leo Brandt” matches 2 creators (Leo Brandt, Leo Brandt); use a handle only one of them has.'],
    });
    expect(mapPostRow(['leo', 'javascript:alert(1)', '2026-11-20', ''], mapping, matcher)).toEqual({
      ok: false,
      reasons: ['Post URL must be an http(s) address.'],
    });
  });

  it('reads posted dates as files write them and refuses ambiguous ones', () => {
    expect(readPostDate('2026-11-20T14:03:00Z')).toEqual({ ok: true, date: '2026-11-20' });
    expect(readPostDate('2026/1/5')).toEqual({ ok: true, date: '2026-01-05' });
    expect(readPostDate('5.1.2026')).toEqual({ ok: true, date: '2026-01-05' });
    expect(readPostDate('25/11/2026')).toEqual({ ok: true, date: '2026-11-25' });
    expect(readPostDate('11/25/2026')).toEqual({ ok: true, date: '2026-11-25' });
    expect(readPostDate('06/07/2026')).toEqual({
      ok: false,
      reason: 'Posted date “06/07/2026” could be day or month first; write it as 2026-06-01.',
    });
  });
});

describe('a posts file', () => {
  it('keeps rows of known creators, reports the others with their row number, and takes a repeated URL once', () => {
    const mapping = guessPostMapping(['Creator', 'URL', 'Date', 'Views']);
    const creators = [{ id: 'mia', name: 'Mia Hart', handles: [{ handle: 'mia.hart' }] }];
    const mapped = mapPostRows(
      [
        ['@mia.hart', 'https://instagram.com/p/1', '2026-11-20', '100'],
        ['@nobody', 'https://instagram.com/p/2', '2026-11-20', ''],
        ['Mia Hart', 'https://instagram.com/p/1', '2026-11-20', '250'],
      ],
      mapping,
      creators,
    );
    expect(mapped.rows).toEqual([
      {
        line: 4,
        creatorId: 'mia',
        creatorName: 'Mia Hart',
        post: { url: 'https://instagram.com/p/1', postedAt: '2026-11-20', views: 250 },
      },
    ]);
    expect(mapped.rejected).toEqual([
      {
        line: 3,
        reasons: ['No creator on this board has the handle or name “@nobody”.'],
        cells: ['@nobody', 'https://instagram.com/p/2', '2026-11-20', ''],
      },
    ]);
  });
});
