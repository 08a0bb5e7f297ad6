import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, guessMapping, readRememberedMapping, rememberMapping } from '../../index.ts';

describe('guessing which field a column fills', () => {
  it('reads the headers other tools and people use', () => {
    expect(
      guessMapping([
        'Full Name',
        'IG',
        'TikTok',
        'E-mail',
        'Subscribers',
        'ER %',
        'Avg. views',
        'Audience quality score',
        'Niche',
        'Price',
        'Status',
      ]),
    ).toEqual([
      'name',
      'instagram',
      'tiktok',
      'email',
      'followers',
      'engagementRate',
      'avgViews',
      'aqs',
      'categories',
      'fee',
      'status.influencer',
    ]);
  });

  it('maps every column of its own export back to its field, except the ones Roster derives', () => {
    const mapping = guessMapping(EXPORT_COLUMNS.map((c) => c.label));
    expect(mapping).toEqual(EXPORT_COLUMNS.map((c) => (c.exportOnly ? null : c.field)));
  });

  it('leaves unknown headers unmapped and fills each field from one column only', () => {
    expect(guessMapping(['Email', 'Notes', 'email'])).toEqual(['email', null, null]);
  });

  it('prefers what the person chose for the same header last time, including "do not import"', () => {
    const remembered = rememberMapping(['Reach', 'Name'], ['avgViews', null]);
    expect(guessMapping(['reach', 'NAME', 'Handle'], remembered)).toEqual(['avgViews', null, 'handle']);
  });

  it('drops anything unexpected from a stored mapping', () => {
    expect(readRememberedMapping({ reach: 'followers', x: 'drop tables', y: 3, z: null })).toEqual({
      reach: 'followers',
      z: null,
    });
    expect(readRememberedMapping('junk')).toEqual({});
    expect(readRememberedMapping([1, 2])).toEqual({});
  });
});
