import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUSES, guessMapping, mapRow, type RowContext, type StatusGroup } from '../../index.ts';

const defaults = (group: StatusGroup) => DEFAULT_STATUSES.filter((s) => s.group === group);
const ctx: RowContext = {
  statuses: {
    influencer: [...defaults('influencer'), { id: 'old', name: 'Old stage', archived: true }],
    contract: defaults('contract'),
    payment: defaults('payment'),
  },
  members: [{ id: 'u-ann', name: 'Ann Lee' }],
  defaultPlatform: 'instagram',
  defaultCurrency: 'EUR',
};

/** Reads one row under the given headers, mapped as guessMapping guesses. */
function read(headers: string[], cells: string[]) {
  return mapRow(cells, guessMapping(headers), ctx);
}

describe('reading a CSV row', () => {
  it('reads numbers, lists and breakdowns as people write them', () => {
    const result = read(
      ['Name', 'Followers', 'ER', 'Avg views', 'AQS', 'Categories', 'Audience countries', 'Gender', 'Follower history'],
      [
        'Mia Hart',
        '48.2k',
        '3,4%',
        '12,500',
        '71',
        'travel, food; travel',
        'de 60, AT 10,5',
        'F 60; M 38',
        '2026-05-01 41,000; 2026-06-01 48200',
      ],
    );
    expect(result).toEqual({
      ok: true,
      row: {
        profile: {
          name: 'Mia Hart',
          followers: 48200,
          engagementRate: 3.4,
          avgViews: 12500,
          aqs: 71,
          categories: ['travel', 'food'],
          audience: { countries: { DE: 60, AT: 10.5 }, gender: { female: 60, male: 38 } },
          followerHistory: [
            { date: '2026-05-01', followers: 41000 },
            { date: '2026-06-01', followers: 48200 },
          ],
        },
      },
    });
  });

  it('reads handles from platform columns, a Platform column and profile URLs, each once', () => {
    const result = read(
      ['Handle', 'Platform', 'TikTok', 'Profiles'],
      ['@Mia.Hart', 'IG', 'mia_tt', 'https://www.youtube.com/@miahart https://instagram.com/mia.hart'],
    );
    expect(result.ok && result.row.profile.handles).toEqual([
      { platform: 'youtube', handle: 'miahart', url: 'https://www.youtube.com/@miahart' },
      { platform: 'instagram', handle: 'mia.hart', url: 'https://instagram.com/mia.hart' },
      { platform: 'tiktok', handle: 'mia_tt' },
    ]);
  });

  it('takes statuses and the assignee by name, in any case', () => {
    const result = read(
      ['Name', 'Status', 'Contract status', 'Owner'],
      ['Mia', 'shortlisted', 'Contract signed', 'ann lee'],
    );
    expect(result.ok && result.row).toMatchObject({
      statuses: { influencer: 'influencer.shortlisted', contract: 'contract.contract-signed' },
      assignee: 'u-ann',
    });
  });

  it('reads a fee with its currency in the cell, in a Currency column, or the default', () => {
    expect(read(['Name', 'Fee'], ['Mia', '€1,200']).ok && read(['Name', 'Fee'], ['Mia', '€1,200'])).toMatchObject({
      row: { fee: { amount: 1200, currency: 'EUR' } },
    });
    expect(read(['Name', 'Fee', 'Currency'], ['Mia', '99.50', 'usd'])).toMatchObject({
      row: { fee: { amount: 99.5, currency: 'USD' } },
    });
    expect(read(['Name', 'Fee'], ['Mia', '1200 GBP'])).toMatchObject({
      row: { fee: { amount: 1200, currency: 'GBP' } },
    });
    expect(read(['Name', 'Fee'], ['Mia', '500'])).toMatchObject({ row: { fee: { amount: 500, currency: 'EUR' } } });
  });

  it('imports a cell that starts like a formula as plain text, and drops the apostrophe an export added', () => {
    const result = read(['Name', 'Country'], ['=HYPERLINK("http://evil.example","Click")', "'=cmd|' /C calc'!A0"]);
    expect(result.ok && result.row.profile).toEqual({
      name: '=HYPERLINK("http://evil.example","Click")',
      country: "=cmd|' /C calc'!A0",
    });
  });

  it('leaves empty cells out, so they never clear a value', () => {
    expect(read(['Name', 'Followers', 'Email', 'Tags'], ['Mia', '', '  ', ''])).toEqual({
      ok: true,
      row: { profile: { name: 'Mia' } },
    });
  });

  it('gives every reason a row is refused, as sentences', () => {
    const result = read(
      ['Name', 'Followers', 'AQS', 'Audience countries', 'Status', 'Platform'],
      ['Mia', 'lots', '120', 'DE 70, AT 40', 'Old stage', 'MySpace'],
    );
    expect(result).toEqual({
      ok: false,
      reasons: [
        'Platform “MySpace” is not one of Instagram, TikTok, YouTube, X, Twitch, Other.',
        'Followers “lots” must be a number like 48200 or 48.2k.',
        'AQS “120” must be at most 100.',
        'Audience countries add up to 110%; the shares of one breakdown may add up to 100% at most.',
        'Influencer status “Old stage” was archived; choose another status or leave the cell empty.',
      ],
    });
  });

  it('refuses statuses and members the board does not have, saying what to do', () => {
    expect(read(['Name', 'Status', 'Assignee'], ['Mia', 'Hired', 'Bob'])).toEqual({
      ok: false,
      reasons: [
        'Assignee “Bob” is not a member of this workspace.',
        'Influencer status “Hired” is not a status of this board; add it under Statuses first, or leave the cell empty.',
      ],
    });
  });

  it('refuses a huge cell with its size instead of storing it', () => {
    const result = read(['Name', 'Country'], ['Mia', 'x'.repeat(2_000_000)]);
    expect(result).toEqual({
      ok: false,
      reasons: ['Country is 2,000,000 characters long; a cell may hold at most 10,000.'],
    });
  });

  it('refuses a row with nothing to know the creator by', () => {
    expect(read(['Name', 'Followers'], ['', '5000'])).toEqual({
      ok: false,
      reasons: ['This row has no name, handle or profile URL; a creator needs at least one.'],
    });
  });

  it('checks the row with the profile’s own rules', () => {
    expect(read(['Name', 'Email'], ['Mia', 'mia@'])).toEqual({
      ok: false,
      reasons: ['Email is not an email address.'],
    });
    expect(read(['Name', 'Profile URL'], ['Mia', 'javascript:alert(1)'])).toEqual({
      ok: false,
      reasons: ['Profile URL must be an http(s) address.'],
    });
  });

  it('refuses a handle that is a sentence, quoting it', () => {
    expect(read(['Name', 'Instagram'], ['Mia', 'mia hart travels'])).toEqual({
      ok: false,
      reasons: [
        'Instagram handle “mia hart travels” is not a handle or profile URL: has a space: a handle is one word: letters, digits, “.”, “_” or “-”.',
      ],
    });
  });
});
