import * as Y from 'yjs';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addCreators,
  addPost,
  archiveStatus,
  boardTypes,
  importPosts,
  POST_LIMITS,
  readBoard,
  readCreatorPosts,
  readPosts,
  removePost,
  runOperation,
  setStatus,
  updatePost,
  type PostInput,
} from '../../index.ts';
import { context, newDoc, sync } from '../testing.ts';

let ctx = context();
beforeEach(() => {
  ctx = context();
});

function boardWith(...names: string[]): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  const result = runOperation(doc, addCreators, { creators: names.map((name) => ({ name })) }, ctx);
  if (!result.ok) throw new Error(result.error.message);
  return { doc, ids: result.ids };
}

const reel: PostInput = {
  url: 'https://instagram.com/p/abc',
  postedAt: '2026-11-20',
  views: 12000,
  likes: 800,
  comments: 40,
  shares: 12,
};

const influencerOf = (doc: Y.Doc, id: string) => readBoard(doc).creators.find((c) => c.id === id)!.statuses.influencer;

describe('posted content', () => {
  it('stores a post as its own cell and reads it back with unknown figures as null', () => {
    const { doc, ids } = boardWith('Mia');
    const result = runOperation(doc, addPost, { creatorId: ids[0]!, post: reel }, ctx);
    expect(result.ok).toBe(true);
    const key = `${ids[0]}:posts:${result.ok ? result.id : ''}`;
    expect(boardTypes(doc).cells.get(key)).toEqual({
      deliverableId: null,
      url: reel.url,
      postedAt: '2026-11-20',
      reach: null,
      views: 12000,
      likes: 800,
      comments: 40,
      shares: 12,
    });
    expect(readCreatorPosts(doc, ids[0]!)).toHaveLength(1);
  });

  it('moves a creator earlier in the pipeline to Content posted, with an activity entry', () => {
    const { doc, ids } = boardWith('Mia');
    runOperation(
      doc,
      setStatus,
      { creatorIds: ids, group: 'influencer', statusId: 'influencer.waiting-for-draft' },
      ctx,
    );
    runOperation(doc, addPost, { creatorId: ids[0]!, post: reel }, ctx);
    expect(influencerOf(doc, ids[0]!)).toBe('influencer.content-posted');
  });

  it('leaves a creator in a custom status placed after Content posted where it is', () => {
    const { doc, ids } = boardWith('Mia');
    boardTypes(doc).statuses.set('influencer.custom-wrap', {
      group: 'influencer',
      name: 'Wrapped',
      color: '#000000',
      rank: 'b0',
      archived: false,
    });
    runOperation(doc, setStatus, { creatorIds: ids, group: 'influencer', statusId: 'influencer.custom-wrap' }, ctx);
    runOperation(doc, addPost, { creatorId: ids[0]!, post: reel }, ctx);
    expect(influencerOf(doc, ids[0]!)).toBe('influencer.custom-wrap');
  });

  it('moves nobody when Content posted was archived', () => {
    const { doc, ids } = boardWith('Mia');
    runOperation(
      doc,
      archiveStatus,
      { statusId: 'influencer.content-posted', moveTo: 'influencer.draft-approved' },
      ctx,
    );
    runOperation(doc, addPost, { creatorId: ids[0]!, post: reel }, ctx);
    expect(influencerOf(doc, ids[0]!)).toBe('influencer.prospect');
  });

  it('refuses a javascript: URL, a date that does not exist and a negative figure with sentences', () => {
    const { doc, ids } = boardWith('Mia');
    const bad = (post: PostInput) => {
      const result = runOperation(doc, addPost, { creatorId: ids[0]!, post }, ctx);
      return result.ok ? null : result.error;
    };
    expect(bad({ ...reel, url: 'javascript:alert(1)' })).toMatchObject({ field: 'post.url' });
    expect(bad({ ...reel, postedAt: '2026-02-30' })?.message).toBe('Posted at must be a date like 2026-06-01.');
    expect(bad({ ...reel, views: -1 })?.message).toBe('Views must be at least 0.');
    expect(bad({ ...reel, likes: 1.5 })?.message).toBe('Likes must be a whole number.');
    expect(readCreatorPosts(doc, ids[0]!)).toEqual([]);
  });

  it('refuses a second post with the same URL and a post over the limit', () => {
    const { doc, ids } = boardWith('Mia');
    runOperation(doc, addPost, { creatorId: ids[0]!, post: reel }, ctx);
    const again = runOperation(doc, addPost, { creatorId: ids[0]!, post: reel }, ctx);
    expect(again.ok ? null : again.error.message).toBe('This creator already has a post with this URL.');
    for (let i = 1; i < POST_LIMITS.perCreator; i++)
      runOperation(doc, addPost, { creatorId: ids[0]!, post: { ...reel, url: `https://x.com/p/${i}` } }, ctx);
    const over = runOperation(
      doc,
      addPost,
      { creatorId: ids[0]!, post: { ...reel, url: 'https://x.com/p/over' } },
      ctx,
    );
    expect(over.ok ? null : over.error.message).toBe('A creator can have at most 200 posts.');
  });

  it('updates and removes a post', () => {
    const { doc, ids } = boardWith('Mia');
    const added = runOperation(doc, addPost, { creatorId: ids[0]!, post: reel }, ctx);
    const postId = added.ok ? added.id : '';
    runOperation(doc, updatePost, { creatorId: ids[0]!, postId, post: { ...reel, views: 20000, likes: null } }, ctx);
    expect(readCreatorPosts(doc, ids[0]!)[0]).toMatchObject({ views: 20000, likes: null, comments: 40 });
    runOperation(doc, removePost, { creatorId: ids[0]!, postId }, ctx);
    expect(readCreatorPosts(doc, ids[0]!)).toEqual([]);
  });

  it('keeps both posts when two people add a post to one creator at once', () => {
    const a = newDoc(1);
    const ids = (() => {
      const r = runOperation(a, addCreators, { creators: [{ name: 'Mia' }] }, ctx);
      return r.ok ? r.ids : [];
    })();
    const b = newDoc(2);
    sync(a, b);
    runOperation(a, addPost, { creatorId: ids[0]!, post: reel }, context('Ann', 'a'));
    runOperation(
      b,
      addPost,
      { creatorId: ids[0]!, post: { ...reel, url: 'https://tiktok.com/@mia/video/1' } },
      context('Bo', 'b'),
    );
    sync(a, b);
    expect(readCreatorPosts(a, ids[0]!)).toHaveLength(2);
    expect(readPosts(b).get(ids[0]!)).toEqual(readCreatorPosts(a, ids[0]!));
  });

  it('ignores stored posts without a usable URL or date', () => {
    const { doc, ids } = boardWith('Mia');
    const cells = boardTypes(doc).cells;
    cells.set(`${ids[0]}:posts:junk1`, { url: 'javascript:1', postedAt: '2026-01-01' });
    cells.set(`${ids[0]}:posts:junk2`, 'not a post');
    cells.set(`${ids[0]}:posts:ok`, { url: 'https://a.b/c', postedAt: '2026-01-01', views: -5, likes: 'many' });
    expect(readCreatorPosts(doc, ids[0]!)).toEqual([
      {
        id: 'ok',
        deliverableId: null,
        url: 'https://a.b/c',
        postedAt: '2026-01-01',
        reach: null,
        views: null,
        likes: null,
        comments: null,
        shares: null,
      },
    ]);
  });
});

describe('importing posts', () => {
  it('adds new posts, refreshes the figures of a known URL and moves only creators that got a new post', () => {
    const { doc, ids } = boardWith('Mia', 'Leo');
    const [mia, leo] = ids as [string, string];
    runOperation(doc, addPost, { creatorId: leo, post: reel }, ctx);
    runOperation(
      doc,
      setStatus,
      { creatorIds: [leo], group: 'influencer', statusId: 'influencer.draft-approved' },
      ctx,
    );
    const result = runOperation(
      doc,
      importPosts,
      {
        rows: [
          { creatorId: mia, post: { url: 'https://tiktok.com/v/1', postedAt: '2026-11-21', views: 500 } },
          { creatorId: leo, post: { url: reel.url, postedAt: '2026-11-20', views: 30000 } },
        ],
      },
      ctx,
    );
    expect(result).toMatchObject({ ok: true, added: 1, updated: 1 });
    expect(readCreatorPosts(doc, leo)).toEqual([expect.objectContaining({ views: 30000, likes: 800 })]);
    expect(influencerOf(doc, mia)).toBe('influencer.content-posted');
    expect(influencerOf(doc, leo)).toBe('influencer.draft-approved');
  });

  it('refuses rows of a creator that is not on the board', () => {
    const { doc } = boardWith('Mia');
    const result = runOperation(doc, importPosts, { rows: [{ creatorId: 'nobody', post: reel }] }, ctx);
    expect(result.ok ? null : result.error.message).toBe('Some of these creators are no longer on the board.');
  });
});
