import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createDemoBoard, readBoard } from '../../index.ts';
import { context } from '../testing.ts';

describe('demo board', () => {
  it('fills a demo board with about 60 creators across both workflows', () => {
    const doc = new Y.Doc();
    createDemoBoard(doc, context());
    const board = readBoard(doc);
    expect(board.creators).toHaveLength(60);
    const used = new Set(board.creators.map((c) => c.statuses.influencer));
    expect(used.size).toBeGreaterThanOrEqual(10);
    expect(used).toContain('influencer.not-replied');
    expect(used).toContain('influencer.content-posted');
    // The board's name lives in PostgreSQL (boards.name); a demo writes no second one.
    expect(board.title).toBe('');
    expect(board.creators.some((c) => c.statuses.payment === 'payment.paid-fully')).toBe(true);
  });
});
