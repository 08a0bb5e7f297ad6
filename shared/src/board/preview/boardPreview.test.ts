import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCreators,
  archiveStatus,
  builtInStatusId,
  DEFAULT_AQS_BANDS,
  EMPTY_TARGET,
  readBoard,
  runOperation,
  setStatus,
} from '../../index.ts';
import { context } from '../testing.ts';
import { boardPreview, parseBoardPreview, PREVIEW_VERSION, type BoardPreview } from './boardPreview.ts';

const PROSPECT = builtInStatusId('influencer', 'Prospect');
const CONTACTED = builtInStatusId('influencer', 'Contacted');
const REJECTED = builtInStatusId('influencer', 'Rejected');
const settings = { aqsBands: DEFAULT_AQS_BANDS.map((band) => ({ ...band })), targetAudience: EMPTY_TARGET };

/** A board with `count` creators named `Creator 0…`, all in Prospect; returns their ids. */
function boardWith(count: number, ctx = context()): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  const creators = Array.from({ length: count }, (_, i) => ({ name: `Creator ${i}` }));
  const added = runOperation(doc, addCreators, { creators }, ctx);
  if (!added.ok) throw new Error(added.error.message);
  return { doc, ids: added.ids };
}

/** The preview of a board that has one (every board here is far under the size cap). */
function previewOf(...args: Parameters<typeof boardPreview>): BoardPreview {
  const preview = boardPreview(...args);
  if (!preview) throw new Error('no preview');
  return preview;
}

const column = (preview: BoardPreview, statusId: string) => preview.columns.find((c) => c.statusId === statusId);

describe('boardPreview', () => {
  it('keeps the first creators of each column in board order', () => {
    const { doc } = boardWith(5);
    const board = readBoard(doc);
    const preview = previewOf(board, settings, { cardsPerColumn: 3 });
    expect(column(preview, PROSPECT)!.creators.map((c) => c.id)).toEqual(board.creators.slice(0, 3).map((c) => c.id));
  });

  it('keeps at most the given number of cards per column and counts every creator of it', () => {
    const ctx = context();
    const { doc, ids } = boardWith(30, ctx);
    runOperation(doc, setStatus, { creatorIds: ids.slice(0, 4), group: 'influencer', statusId: CONTACTED }, ctx);
    const preview = previewOf(readBoard(doc), settings, { cardsPerColumn: 12 });
    expect(column(preview, PROSPECT)).toMatchObject({ count: 26 });
    expect(column(preview, PROSPECT)!.creators).toHaveLength(12);
    expect(column(preview, CONTACTED)).toMatchObject({ count: 4 });
    expect(column(preview, CONTACTED)!.creators).toHaveLength(4);
  });

  it('lists every live influencer column in order, empty ones with a count of 0', () => {
    const { doc } = boardWith(1);
    const board = readBoard(doc);
    const preview = previewOf(board, settings);
    expect(preview.columns.map((c) => c.statusId)).toEqual(board.statuses.influencer.map((s) => s.id));
    expect(column(preview, REJECTED)).toEqual({ statusId: REJECTED, count: 0, creators: [] });
  });

  it('leaves archived columns out and counts their creators where they were moved', () => {
    const ctx = context();
    const { doc, ids } = boardWith(3, ctx);
    runOperation(doc, setStatus, { creatorIds: [ids[0]!], group: 'influencer', statusId: REJECTED }, ctx);
    runOperation(doc, archiveStatus, { statusId: REJECTED, moveTo: CONTACTED }, ctx);
    const preview = previewOf(readBoard(doc), settings);
    expect(column(preview, REJECTED)).toBeUndefined();
    expect(column(preview, CONTACTED)).toMatchObject({ count: 1, creators: [{ id: ids[0] }] });
    expect(preview.statuses.influencer.find((s) => s.id === REJECTED)?.archived).toBe(true);
  });

  it('keeps fewer cards in every column when all of them would not fit in the size cap', () => {
    const { doc } = boardWith(12);
    const board = readBoard(doc);
    const whole = JSON.stringify(previewOf(board, settings, { cardsPerColumn: 12 })).length;
    const perCard = JSON.stringify(board.creators[0]).length;
    const preview = previewOf(board, settings, { cardsPerColumn: 12, maxBytes: whole - 4 * perCard });
    const kept = column(preview, PROSPECT)!.creators.length;
    expect(kept).toBeLessThan(12);
    expect(kept).toBeGreaterThan(5);
    expect(JSON.stringify(preview).length).toBeLessThanOrEqual(whole - 4 * perCard);
    expect(column(preview, PROSPECT)!.count).toBe(12);
  });

  it('gives no preview when the columns and settings alone are over the size cap', () => {
    const board = readBoard(boardWith(12).doc);
    const bare = JSON.stringify(previewOf(board, settings, { cardsPerColumn: 0 })).length;
    expect(boardPreview(board, settings, { maxBytes: bare - 1 })).toBeNull();
  });

  it('carries the statuses, AQS bands and target audience the cards are drawn with', () => {
    const { doc } = boardWith(1);
    const board = readBoard(doc);
    const target = { countries: [{ code: 'DE', share: 40 }], ages: null, gender: null };
    const preview = previewOf(board, { aqsBands: settings.aqsBands, targetAudience: target });
    expect(preview).toMatchObject({
      version: PREVIEW_VERSION,
      statuses: board.statuses,
      aqsBands: settings.aqsBands,
      targetAudience: target,
    });
  });
});

describe('parseBoardPreview', () => {
  it('reads back a preview stored as JSON', () => {
    const { doc } = boardWith(3);
    const preview = previewOf(readBoard(doc), settings);
    expect(parseBoardPreview(JSON.parse(JSON.stringify(preview)))).toEqual(JSON.parse(JSON.stringify(preview)));
  });

  it('reads junk, and a preview of another version, as no preview', () => {
    const { doc } = boardWith(1);
    const preview = previewOf(readBoard(doc), settings);
    expect(parseBoardPreview({ ...preview, version: PREVIEW_VERSION + 1 })).toBeNull();
    expect(parseBoardPreview({ ...preview, columns: [{ statusId: PROSPECT, count: -1, creators: [] }] })).toBeNull();
    expect(parseBoardPreview('a preview')).toBeNull();
    expect(parseBoardPreview(null)).toBeNull();
  });
});
