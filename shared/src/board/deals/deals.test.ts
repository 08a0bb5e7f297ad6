import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  acceptDeal,
  addCreators,
  addDeliverable,
  boardTypes,
  budgetSummary,
  contractMoveGaps,
  dealFigures,
  moveContract,
  readActivity,
  readBoard,
  removeDeliverable,
  runOperation,
  setDealTerms,
  setFee,
  setStatus,
  updateDeliverable,
  type Creator,
  type OperationContext,
} from '../../index.ts';
import { context, newDoc, runUnchecked, sync } from '../testing.ts';

function boardWith(...names: string[]): { doc: Y.Doc; ids: string[]; ctx: OperationContext } {
  const doc = newDoc(1);
  const ctx = context('Ann', 'a');
  const added = runOperation(doc, addCreators, { creators: names.map((name) => ({ name })) }, ctx);
  if (!added.ok) throw new Error(added.error.message);
  return { doc, ids: added.ids, ctx };
}

const creatorIn = (doc: Y.Doc, id: string): Creator =>
  [...readBoard(doc).creators, ...readBoard(doc).removed].find((c) => c.id === id)!;

const reel = { platform: 'instagram', format: 'Reel', count: 2, dueDate: '2026-06-01' } as const;

describe('deliverables', () => {
  it('are added in order, each as its own cell', () => {
    const { doc, ids, ctx } = boardWith('Mia');
    const first = runOperation(doc, addDeliverable, { creatorId: ids[0]!, deliverable: reel }, ctx);
    runOperation(
      doc,
      addDeliverable,
      { creatorId: ids[0]!, deliverable: { platform: 'tiktok', format: 'Video', count: 1 } },
      ctx,
    );
    expect(first.ok && boardTypes(doc).cells.has(`${ids[0]}:deliverables:${first.id}`)).toBe(true);
    expect(creatorIn(doc, ids[0]!).deal.deliverables.map((d) => [d.platform, d.format, d.count, d.dueDate])).toEqual([
      ['instagram', 'Reel', 2, '2026-06-01'],
      ['tiktok', 'Video', 1, null],
    ]);
  });

  it('refuses a count outside 1–100 with a sentence naming it', () => {
    const { doc, ids, ctx } = boardWith('Mia');
    const result = runOperation(doc, addDeliverable, { creatorId: ids[0]!, deliverable: { ...reel, count: 0 } }, ctx);
    expect(result).toMatchObject({
      ok: false,
      error: { message: 'Count must be at least 1.', field: 'deliverable.count' },
    });
  });

  it('refuses a due date that does not exist and a brief link that is not a web address', () => {
    const { doc, ids, ctx } = boardWith('Mia');
    const badDate = runOperation(
      doc,
      addDeliverable,
      { creatorId: ids[0]!, deliverable: { ...reel, dueDate: '2026-02-30' } },
      ctx,
    );
    expect(badDate.ok || badDate.error.message).toBe('Due date must be a date like 2026-06-01.');
    const badLink = runOperation(
      doc,
      addDeliverable,
      { creatorId: ids[0]!, deliverable: { ...reel, briefUrl: 'javascript:alert(1)' } },
      ctx,
    );
    expect(badLink.ok || badLink.error.message).toBe('Brief url must be an http(s) address.');
  });

  it('refuses the 51st deliverable of a deal', () => {
    const { doc, ids, ctx } = boardWith('Mia');
    for (let i = 0; i < 50; i++) runOperation(doc, addDeliverable, { creatorId: ids[0]!, deliverable: reel }, ctx);
    const result = runOperation(doc, addDeliverable, { creatorId: ids[0]!, deliverable: reel }, ctx);
    expect(result.ok || result.error.message).toBe('A deal has at most 50 deliverables.');
  });

  it('are changed field by field and removed, each change in the history', () => {
    const { doc, ids, ctx } = boardWith('Mia');
    const added = runOperation(doc, addDeliverable, { creatorId: ids[0]!, deliverable: reel }, ctx);
    if (!added.ok) throw new Error();
    runOperation(doc, updateDeliverable, { creatorId: ids[0]!, deliverableId: added.id, patch: { count: 3 } }, ctx);
    expect(creatorIn(doc, ids[0]!).deal.deliverables[0]).toMatchObject({
      count: 3,
      format: 'Reel',
      dueDate: '2026-06-01',
    });
    runOperation(doc, removeDeliverable, { creatorId: ids[0]!, deliverableId: added.id }, ctx);
    expect(creatorIn(doc, ids[0]!).deal.deliverables).toEqual([]);
    expect(
      readActivity(ctx.activity!)
        .filter((e) => e.field === 'deliverables')
        .map((e) => [e.from, e.to]),
    ).toEqual([
      ['3 × instagram Reel, due 2026-06-01', ''],
      ['2 × instagram Reel, due 2026-06-01', '3 × instagram Reel, due 2026-06-01'],
      ['', '2 × instagram Reel, due 2026-06-01'],
    ]);
  });

  it('refuses to change a deliverable that was removed meanwhile', () => {
    const { doc, ids, ctx } = boardWith('Mia');
    const result = runOperation(
      doc,
      updateDeliverable,
      { creatorId: ids[0]!, deliverableId: 'gone', patch: { count: 3 } },
      ctx,
    );
    expect(result.ok || result.error.message).toBe('That deliverable is no longer part of the deal.');
  });
});

describe('deal terms', () => {
  it('sets usage rights, exclusivity and the contract link, each in its own cell', () => {
    const { doc, ids, ctx } = boardWith('Mia');
    runOperation(
      doc,
      setDealTerms,
      {
        creatorId: ids[0]!,
        patch: {
          usageRights: { text: 'Paid social, 6 months', from: '2026-06-01', until: '2026-11-30' },
          exclusivity: { text: 'No other skincare brand' },
          contractUrl: 'https://docs.example.com/contract/mia',
        },
      },
      ctx,
    );
    expect(creatorIn(doc, ids[0]!).deal).toMatchObject({
      usageRights: { text: 'Paid social, 6 months', from: '2026-06-01', until: '2026-11-30' },
      exclusivity: { text: 'No other skincare brand', from: null, until: null },
      contractUrl: 'https://docs.example.com/contract/mia',
    });
    expect(boardTypes(doc).cells.get(`${ids[0]}:exclusivity`)).toEqual({
      text: 'No other skincare brand',
      from: null,
      until: null,
    });
  });

  it('refuses a period that ends before it starts, naming the part', () => {
    const { doc, ids, ctx } = boardWith('Mia');
    const result = runOperation(
      doc,
      setDealTerms,
      { creatorId: ids[0]!, patch: { usageRights: { text: 'x', from: '2026-06-01', until: '2026-05-01' } } },
      ctx,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { field: 'usageRights', message: 'Usage rights (until) must end on or after the day it starts.' },
    });
  });

  it('refuses usage rights longer than 2,000 characters and parts it does not know', () => {
    const { doc, ids, ctx } = boardWith('Mia');
    const long = runOperation(
      doc,
      setDealTerms,
      { creatorId: ids[0]!, patch: { usageRights: { text: 'x'.repeat(2001) } } },
      ctx,
    );
    expect(long.ok || long.error.field).toBe('usageRights');
    const unknown = runUnchecked(doc, setDealTerms, { creatorId: ids[0], patch: { rank: 'zz' } }, ctx);
    expect(unknown.ok).toBe(false);
    expect(creatorIn(doc, ids[0]!).rank).not.toBe('zz');
  });

  it('reads junk written by a foreign client as not set', () => {
    const { doc, ids } = boardWith('Mia');
    const id = ids[0]!;
    boardTypes(doc).cells.setMany(
      new Map<string, unknown>([
        [`${id}:contractUrl`, 'javascript:alert(1)'],
        [`${id}:contractSentAt`, '2026-13-01'],
        [`${id}:usageRights`, 42],
        [`${id}:contractFile`, { fileId: '../etc/passwd', name: 'x' }],
        [`${id}:deliverables:d1`, { platform: 'myspace', format: 'Post', count: 1000 }],
        [`${id}:deliverables:d2`, { count: 2 }],
      ]),
    );
    expect(creatorIn(doc, id).deal).toEqual({
      deliverables: [
        { id: 'd1', platform: 'other', format: 'Post', count: 1, dueDate: null, briefUrl: null, order: 0 },
      ],
      usageRights: null,
      exclusivity: null,
      contractUrl: null,
      contractFile: null,
      contractSentAt: null,
      contractSignedAt: null,
      contractAcceptance: null,
    });
  });
});

describe('two people editing one deal at once', () => {
  function twoPeople() {
    const a = newDoc(1);
    const b = newDoc(2);
    const added = runOperation(a, addCreators, { creators: [{ name: 'Mia' }] }, context('Ann', 'a'));
    if (!added.ok) throw new Error();
    const id = added.ids[0]!;
    const d = runOperation(a, addDeliverable, { creatorId: id, deliverable: reel }, context('Ann', 'x'));
    const e = runOperation(
      a,
      addDeliverable,
      { creatorId: id, deliverable: { ...reel, format: 'Story' } },
      context('Ann', 'y'),
    );
    if (!d.ok || !e.ok) throw new Error();
    sync(a, b);
    return { a, b, id, first: d.id, second: e.id };
  }

  it('keeps both edits of different deliverables, made offline', () => {
    const { a, b, id, first, second } = twoPeople();
    runOperation(
      a,
      updateDeliverable,
      { creatorId: id, deliverableId: first, patch: { count: 5 } },
      context('Ann', 'a'),
    );
    runOperation(
      b,
      updateDeliverable,
      { creatorId: id, deliverableId: second, patch: { dueDate: '2026-07-15' } },
      context('Bob', 'b'),
    );
    sync(a, b);
    expect(creatorIn(a, id).deal.deliverables.map((d) => [d.format, d.count, d.dueDate])).toEqual([
      ['Reel', 5, '2026-06-01'],
      ['Story', 2, '2026-07-15'],
    ]);
    expect(creatorIn(b, id).deal).toEqual(creatorIn(a, id).deal);
  });

  it('keeps deliverables both add at once, and an edit of one while the other removes another', () => {
    const { a, b, id, first, second } = twoPeople();
    runOperation(a, addDeliverable, { creatorId: id, deliverable: { ...reel, format: 'Live' } }, context('Ann', 'p'));
    runOperation(b, addDeliverable, { creatorId: id, deliverable: { ...reel, format: 'Short' } }, context('Bob', 'q'));
    runOperation(
      a,
      updateDeliverable,
      { creatorId: id, deliverableId: first, patch: { format: 'Reel 30s' } },
      context('Ann', 'a'),
    );
    runOperation(b, removeDeliverable, { creatorId: id, deliverableId: second }, context('Bob', 'b'));
    sync(a, b);
    expect(
      creatorIn(a, id)
        .deal.deliverables.map((d) => d.format)
        .sort(),
    ).toEqual(['Live', 'Reel 30s', 'Short']);
    expect(creatorIn(b, id).deal).toEqual(creatorIn(a, id).deal);
  });

  it('keeps both edits of different parts of one deal: usage rights, exclusivity, contract link, fee, a deliverable', () => {
    const { a, b, id, first } = twoPeople();
    runOperation(
      a,
      setDealTerms,
      { creatorId: id, patch: { usageRights: { text: 'Organic only' } } },
      context('Ann', 'a'),
    );
    runOperation(a, setFee, { creatorId: id, fee: { amount: 1500, currency: 'EUR' } }, context('Ann', 'a'));
    runOperation(
      b,
      setDealTerms,
      { creatorId: id, patch: { exclusivity: { text: 'No competitors' } } },
      context('Bob', 'b'),
    );
    runOperation(
      b,
      setDealTerms,
      { creatorId: id, patch: { contractUrl: 'https://example.com/c.pdf' } },
      context('Bob', 'b'),
    );
    runOperation(
      b,
      updateDeliverable,
      { creatorId: id, deliverableId: first, patch: { count: 4 } },
      context('Bob', 'b'),
    );
    sync(a, b);
    const deal = creatorIn(a, id).deal;
    expect(deal.usageRights?.text).toBe('Organic only');
    expect(deal.exclusivity?.text).toBe('No competitors');
    expect(deal.contractUrl).toBe('https://example.com/c.pdf');
    expect(deal.deliverables[0]?.count).toBe(4);
    expect(creatorIn(a, id).fee).toEqual({ amount: 1500, currency: 'EUR' });
    expect(creatorIn(b, id)).toEqual(creatorIn(a, id));
  });
});

describe('moving the Contract status', () => {
  it('asks for a document and the date when a creator has neither', () => {
    const { doc, ids } = boardWith('Mia', 'Leo');
    expect(contractMoveGaps(readBoard(doc).creators, 'contract.contract-sent')).toEqual({
      step: 'sent',
      gaps: [
        { creatorId: ids[0], name: 'Mia', document: true, date: true },
        { creatorId: ids[1], name: 'Leo', document: true, date: true },
      ],
    });
  });

  it('asks nothing for other statuses, or when the contract and date are there', () => {
    const { doc, ids, ctx } = boardWith('Mia');
    expect(contractMoveGaps(readBoard(doc).creators, 'contract.no-contract')).toBeNull();
    runOperation(
      doc,
      setDealTerms,
      { creatorId: ids[0]!, patch: { contractUrl: 'https://e.com/c', contractSentAt: '2026-05-02' } },
      ctx,
    );
    expect(contractMoveGaps(readBoard(doc).creators, 'contract.contract-sent')).toBeNull();
    expect(contractMoveGaps(readBoard(doc).creators, 'contract.contract-signed')?.gaps).toEqual([
      { creatorId: ids[0], name: 'Mia', document: false, date: true },
    ]);
  });

  it('records the link and the dates with the move, in one step', () => {
    const { doc, ids, ctx } = boardWith('Mia');
    const result = runOperation(
      doc,
      moveContract,
      {
        creatorIds: [ids[0]!],
        statusId: 'contract.contract-signed',
        date: '2026-05-10',
        contracts: [{ creatorId: ids[0]!, contractUrl: 'https://e.com/mia.pdf' }],
      },
      ctx,
    );
    expect(result).toEqual({ ok: true, changed: 1 });
    const mia = creatorIn(doc, ids[0]!);
    expect(mia.statuses.contract).toBe('contract.contract-signed');
    expect(mia.deal).toMatchObject({
      contractUrl: 'https://e.com/mia.pdf',
      contractSentAt: '2026-05-10',
      contractSignedAt: '2026-05-10',
    });
  });

  it('keeps a sent date already recorded when moving to signed', () => {
    const { doc, ids, ctx } = boardWith('Mia');
    runOperation(
      doc,
      setDealTerms,
      { creatorId: ids[0]!, patch: { contractUrl: 'https://e.com/c', contractSentAt: '2026-05-02' } },
      ctx,
    );
    runOperation(
      doc,
      moveContract,
      { creatorIds: [ids[0]!], statusId: 'contract.contract-signed', date: '2026-05-10' },
      ctx,
    );
    expect(creatorIn(doc, ids[0]!).deal).toMatchObject({
      contractSentAt: '2026-05-02',
      contractSignedAt: '2026-05-10',
    });
  });

  it('refuses the move while a creator has no contract, naming them, and changes nothing', () => {
    const { doc, ids, ctx } = boardWith('Mia', 'Leo');
    const result = runOperation(
      doc,
      moveContract,
      {
        creatorIds: ids,
        statusId: 'contract.contract-sent',
        date: '2026-05-10',
        contracts: [{ creatorId: ids[0]!, contractUrl: 'https://e.com/mia.pdf' }],
      },
      ctx,
    );
    expect(result.ok || result.error.message).toBe('Attach or link the contract of Leo first.');
    expect(readBoard(doc).creators.map((c) => [c.statuses.contract, c.deal.contractUrl])).toEqual([
      ['contract.no-contract', null],
      ['contract.no-contract', null],
    ]);
  });
});

describe('a creator accepting the terms', () => {
  it('records the acceptance and moves the creator to Contract signed with its date', () => {
    const { doc, ids, ctx } = boardWith('Mia');
    const result = runOperation(
      doc,
      acceptDeal,
      { creatorId: ids[0]!, linkId: 'link1', name: 'Mia Hart', date: '2026-05-12' },
      ctx,
    );
    expect(result.ok).toBe(true);
    const mia = creatorIn(doc, ids[0]!);
    expect(mia.statuses.contract).toBe('contract.contract-signed');
    expect(mia.deal).toMatchObject({
      contractAcceptance: { name: 'Mia Hart', date: '2026-05-12', linkId: 'link1' },
      contractSignedAt: '2026-05-12',
      contractSentAt: '2026-05-12',
    });
  });

  it('is recorded once: a second acceptance is refused', () => {
    const { doc, ids, ctx } = boardWith('Mia');
    runOperation(doc, acceptDeal, { creatorId: ids[0]!, linkId: 'link1', name: 'Mia Hart', date: '2026-05-12' }, ctx);
    const again = runOperation(
      doc,
      acceptDeal,
      { creatorId: ids[0]!, linkId: 'link1', name: 'Someone', date: '2026-05-13' },
      ctx,
    );
    expect(again.ok || again.error.message).toBe('These terms were already accepted.');
    expect(creatorIn(doc, ids[0]!).deal.contractAcceptance?.name).toBe('Mia Hart');
  });
});

describe('deal totals in the budget', () => {
  it('counts the fee of a creator with a signed contract as committed', () => {
    const { doc, ids, ctx } = boardWith('Mia', 'Leo');
    runOperation(doc, setFee, { creatorId: ids[0]!, fee: { amount: 1000, currency: 'EUR' } }, ctx);
    runOperation(doc, setFee, { creatorId: ids[1]!, fee: { amount: 500, currency: 'EUR' } }, ctx);
    runOperation(
      doc,
      setStatus,
      { creatorIds: [ids[0]!], group: 'contract', statusId: 'contract.contract-signed' },
      ctx,
    );
    const board = readBoard(doc);
    expect(budgetSummary(board.creators, board.statuses.influencer, null).committed).toMatchObject({
      count: 1,
      amount: 1000,
    });
  });

  it('adds up deliverables and the cost of one in the budget currency', () => {
    const { doc, ids, ctx } = boardWith('Mia', 'Leo');
    runOperation(doc, setFee, { creatorId: ids[0]!, fee: { amount: 1000, currency: 'EUR' } }, ctx);
    runOperation(doc, setFee, { creatorId: ids[1]!, fee: { amount: 300, currency: 'USD' } }, ctx);
    runOperation(doc, addDeliverable, { creatorId: ids[0]!, deliverable: { ...reel, count: 3 } }, ctx);
    runOperation(doc, addDeliverable, { creatorId: ids[0]!, deliverable: { ...reel, count: 1 } }, ctx);
    runOperation(doc, addDeliverable, { creatorId: ids[1]!, deliverable: { ...reel, count: 2 } }, ctx);
    expect(dealFigures(readBoard(doc).creators, 'EUR')).toEqual({ deliverables: 6, costPerDeliverable: 250 });
  });
});
