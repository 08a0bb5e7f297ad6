import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  runOperation,
  addCreators,
  flagHandlesOnBoard,
  formatHandle,
  handleLabel,
  parseHandle,
  parseHandleList,
  readBoard,
  removeCreators,
} from '../../index.ts';
import { context } from '../testing.ts';

describe('parseHandleList', () => {
  it('reads back every handle written by formatHandle, on every platform', () => {
    const handles = [
      { platform: 'instagram', handle: 'mia.hart' },
      { platform: 'tiktok', handle: 'leo_dances' },
      { platform: 'youtube', handle: 'TechWithNora' },
      { platform: 'x', handle: 'ravi' },
      { platform: 'twitch', handle: 'diego_plays' },
      { platform: 'other', handle: 'jonas.blog' },
    ] as const;
    const text = handles.map(formatHandle).join('\n');
    expect(parseHandleList(text, 'other').handles.map(({ platform, handle }) => ({ platform, handle }))).toEqual(
      handles,
    );
  });

  it('detects the platform of profile URLs and strips the @', () => {
    const { handles: parsed } = parseHandleList(
      [
        'https://www.instagram.com/mia.hart/',
        'tiktok.com/@leo_dances',
        'https://youtube.com/@TechWithNora',
        'https://x.com/ravi',
        'https://twitter.com/zoe_writes',
        'https://www.twitch.tv/diego_plays',
      ].join('\n'),
    );
    expect(parsed.map(({ platform, handle }) => [platform, handle])).toEqual([
      ['instagram', 'mia.hart'],
      ['tiktok', 'leo_dances'],
      ['youtube', 'TechWithNora'],
      ['x', 'ravi'],
      ['x', 'zoe_writes'],
      ['twitch', 'diego_plays'],
    ]);
    expect(parsed[0]).toMatchObject({ line: 'https://www.instagram.com/mia.hart/' });
  });

  it('gives bare handles the chosen platform, drops blank lines, marks repeats and names refused lines', () => {
    const parsed = parseHandleList('@mia\n\n  leo  \nMIA\nnot a handle!\nMia Hart\n', 'tiktok');
    expect(parsed.handles.map(({ platform, handle }) => `${platform}:${handle}`)).toEqual(['tiktok:mia', 'tiktok:leo']);
    expect(parsed.refused.map((r) => r.line)).toEqual(['not a handle!', 'Mia Hart']);
    expect(parsed.lines.map((l) => l.kind)).toEqual(['handle', 'handle', 'repeat', 'refused', 'refused']);
  });
});

describe('parseHandle', () => {
  const reason = (text: string) => {
    const parsed = parseHandle(text, 'instagram');
    return parsed.ok ? null : parsed.reason;
  };

  it('refuses a platform home page, with or without https, as having no handle in it', () => {
    for (const text of ['https://instagram.com/', 'https://www.tiktok.com', 'youtube.com/', 'x.com', 'twitch.tv']) {
      expect(reason(text), text).toMatch(/home page, with no handle in it/);
    }
  });

  it('refuses URLs of sites other than the known platforms instead of naming a creator after a path segment', () => {
    expect(reason('https://example.com/some/page')).toMatch(/^not an Instagram, TikTok, YouTube, X or Twitch profile/);
    expect(reason('linktr.ee/mia')).toMatch(/^not an Instagram, TikTok, YouTube, X or Twitch profile/);
  });

  it('refuses links to posts, videos and platform pages, which hold no handle', () => {
    expect(reason('https://www.instagram.com/p/C1a2b3c4/')).toBe('an Instagram post or page, not a profile');
    expect(reason('https://www.youtube.com/watch?v=dQw4w9WgXcQ')).toBe('a YouTube post or page, not a profile');
    expect(reason('https://youtu.be/dQw4w9WgXcQ')).toBe('a YouTube video link, not a channel');
    expect(reason('https://x.com/i/status/1')).toBe('an X post or page, not a profile');
  });

  it('keeps a YouTube channel id as the handle and URL, and does not use it as a name', () => {
    const parsed = parseHandle('https://www.youtube.com/channel/UCX6OQ3DkcsbYNE6H8uQQuVA?si=abc', 'instagram');
    expect(parsed).toEqual({
      ok: true,
      value: {
        platform: 'youtube',
        handle: 'UCX6OQ3DkcsbYNE6H8uQQuVA',
        url: 'https://www.youtube.com/channel/UCX6OQ3DkcsbYNE6H8uQQuVA',
        line: 'https://www.youtube.com/channel/UCX6OQ3DkcsbYNE6H8uQQuVA?si=abc',
        name: 'YouTube channel UCX6OQ3DkcsbYNE6H8uQQuVA',
      },
    });
    if (!parsed.ok) return;
    expect(handleLabel(parsed.value)).toBe('channel UCX6OQ3DkcsbYNE6H8uQQuVA');
    expect(formatHandle(parsed.value)).toBe('https://www.youtube.com/channel/UCX6OQ3DkcsbYNE6H8uQQuVA');
    expect(reason('https://www.youtube.com/channel/mrbeast')).toBe('not a YouTube channel id (they start with “UC”)');
  });

  it('applies one rule to typed and pasted handles: letters of any script, digits, . _ -, no spaces or emoji', () => {
    expect(reason('@has spaces and émoji 🌸')).toBe(
      'has a space: a handle is one word: letters, digits, “.”, “_” or “-”',
    );
    expect(reason('émoji🌸')).toBe('a handle is one word: letters, digits, “.”, “_” or “-”');
    expect(reason('https://instagram.com/mia%20hart')).toMatch(/^the Instagram handle in it is not one/);
    expect(parseHandle('@renée.müller', 'tiktok')).toMatchObject({
      ok: true,
      value: { platform: 'tiktok', handle: 'renée.müller' },
    });
    expect(parseHandle('@ゆっくり_実況', 'youtube')).toMatchObject({ ok: true, value: { handle: 'ゆっくり_実況' } });
    // The same refusal whether the handle is typed in the form or is one line of a paste.
    expect(parseHandleList('@has spaces and émoji 🌸').refused).toEqual([
      { line: '@has spaces and émoji 🌸', reason: reason('@has spaces and émoji 🌸') },
    ]);
  });

  it('takes the platform from a URL over the chosen one', () => {
    expect(parseHandle('https://www.tiktok.com/@leo_dances/video/123', 'instagram')).toMatchObject({
      ok: true,
      value: { platform: 'tiktok', handle: 'leo_dances', name: 'leo_dances' },
    });
  });
});

describe('flagHandlesOnBoard', () => {
  it('flags pasted handles and URLs of creators already on the board, ignoring case and @', () => {
    const doc = new Y.Doc();
    const ctx = context();
    const added = runOperation(
      doc,
      addCreators,
      {
        creators: [
          { name: 'Mia', handles: [{ platform: 'instagram', handle: 'Mia.Hart' }] },
          { name: 'Leo', handles: [{ platform: 'tiktok', handle: 'leo' }], profileUrl: 'https://youtube.com/@leo_tv' },
          { name: 'Gone', handles: [{ platform: 'x', handle: 'gone' }] },
        ],
      },
      ctx,
    );
    if (!added.ok) throw new Error(added.error.message);
    runOperation(doc, removeCreators, { creatorIds: [added.ids[2]!] }, ctx);
    const { handles: pasted } = parseHandleList(
      'instagram.com/mia.hart\n@mia.hart\nyoutube.com/@leo_tv/\nx.com/gone\n@newface',
      'tiktok',
    );
    const checked = flagHandlesOnBoard(pasted, readBoard(doc).creators);
    expect(checked.map((entry) => entry.existingCreatorId ?? null)).toEqual([
      added.ids[0],
      null, // a bare handle takes the default platform (TikTok), where Mia is not
      added.ids[1],
      null, // removed creators are not duplicates
      null,
    ]);
  });

  it('refuses to add a creator twice by handle or URL, also within one pasted list', () => {
    const doc = new Y.Doc();
    const ctx = context();
    runOperation(doc, addCreators, { creators: [{ name: 'Mia', profileUrl: 'https://instagram.com/mia' }] }, ctx);
    const again = runOperation(
      doc,
      addCreators,
      {
        creators: [
          { name: 'Mia again', profileUrl: 'https://www.Instagram.com/mia/' },
          { name: 'Leo', handles: [{ platform: 'tiktok', handle: 'leo' }] },
          { name: 'Leo twice', handles: [{ platform: 'tiktok', handle: '@LEO' }] },
        ],
      },
      ctx,
    );
    expect(again).toMatchObject({ ok: true, duplicates: ['Mia again', 'Leo twice'] });
    expect(readBoard(doc).creators.map((c) => c.name)).toEqual(['Mia', 'Leo']);
  });
});
