import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCreators,
  flagHandlesOnBoard,
  formatHandle,
  parseHandleList,
  readBoard,
  removeCreators,
} from '../src/index.ts';
import { context } from './helpers.ts';

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
        'https://creator.example/jonas',
      ].join('\n'),
    );
    expect(parsed.map(({ platform, handle }) => [platform, handle])).toEqual([
      ['instagram', 'mia.hart'],
      ['tiktok', 'leo_dances'],
      ['youtube', 'TechWithNora'],
      ['x', 'ravi'],
      ['x', 'zoe_writes'],
      ['twitch', 'diego_plays'],
      ['other', 'jonas'],
    ]);
    expect(parsed[0]).toMatchObject({ line: 'https://www.instagram.com/mia.hart/' });
  });

  it('gives bare handles the chosen platform, drops blank lines and repeats, and names unreadable lines', () => {
    const parsed = parseHandleList('@mia\n\n  leo  \nMIA\nnot a handle!\nMia Hart\n', 'tiktok');
    expect(parsed.handles.map(({ platform, handle }) => `${platform}:${handle}`)).toEqual(['tiktok:mia', 'tiktok:leo']);
    expect(parsed.unreadable).toEqual(['not a handle!', 'Mia Hart']);
  });
});

describe('flagHandlesOnBoard', () => {
  it('flags pasted handles and URLs of creators already on the board, ignoring case and @', () => {
    const doc = new Y.Doc();
    const ctx = context();
    const added = addCreators(
      doc,
      {
        creators: [
          { name: 'Mia', handles: [{ platform: 'instagram', handle: 'Mia.Hart' }] },
          { name: 'Leo', handles: [{ platform: 'tiktok', handle: 'leo' }], profileUrl: 'https://youtube.com/@leo_tv' },
          { name: 'Gone', handles: [{ platform: 'x', handle: 'gone' }] },
        ],
      },
      ctx,
    );
    if (!added.ok) throw new Error(added.reason);
    removeCreators(doc, { creatorIds: [added.ids[2]!] }, ctx);
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
    addCreators(doc, { creators: [{ name: 'Mia', profileUrl: 'https://instagram.com/mia' }] }, ctx);
    const again = addCreators(
      doc,
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
