import { readFile } from 'node:fs/promises';
import { type Browser, type Page } from '@playwright/test';
import {
  addCreators,
  addDeliverable,
  addPost,
  recordPayment,
  runOperation,
  setBudget,
  setFee,
  setStatus,
  type PostInput,
} from '@roster/shared';
import { createBoard, createInvite, joinByInvite, newPerson, signUp, withScript, expect, test } from './support.ts';

const card = (page: Page, name: string) => page.getByTestId('creator-card').filter({ hasText: name });
const columnOf = (page: Page, statusId: string) =>
  page.locator(`[data-testid="kanban-column"][data-status-id="${statusId}"]`);
const shots = process.env.SHOTS;
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function newPage(browser: Browser, width = 1440): Promise<Page> {
  return (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
}

interface Seed {
  name: string;
  handle: string;
  status: string;
  fee?: { amount: number; currency: string };
  /** Deliverables of the deal (deals feature); a post's `deliverableId` may name one by its index, `#0`. */
  deliverables?: { platform: 'instagram' | 'tiktok'; format: string; count: number; dueDate: string | null }[];
  posts?: PostInput[];
  /** Ledger entries (the payments feature's recordPayment). */
  payments?: { amount: number; currency: string; paidDate: string | null }[];
}

/**
 * Signs up, creates a board and writes its creators, statuses, fees, budget, posts and payments
 * through a script client with the same session (as an import or the API would). Returns the board's URL.
 */
async function seededBoard(page: Page, baseURL: string, seeds: Seed[], budget: number | null): Promise<string> {
  await signUp(page, newPerson('Rita Report'));
  const boardUrl = await createBoard(page, 'Autumn launch');
  await withScript(page, baseURL, boardUrl, async ({ doc, ctx }) => {
    const ok = (result: { ok: boolean }) => expect(result.ok).toBe(true);
    const added = runOperation(
      doc,
      addCreators,
      {
        creators: seeds.map((s) => ({ name: s.name, handles: [{ platform: 'instagram' as const, handle: s.handle }] })),
      },
      ctx,
    );
    if (!added.ok) throw new Error(added.error.message);
    if (budget !== null) ok(runOperation(doc, setBudget, { budget: { amount: budget, currency: 'EUR' } }, ctx));
    seeds.forEach((seed, index) => {
      const creatorId = added.ids[index]!;
      ok(runOperation(doc, setStatus, { creatorIds: [creatorId], group: 'influencer', statusId: seed.status }, ctx));
      if (seed.fee) ok(runOperation(doc, setFee, { creatorId, fee: seed.fee }, ctx));
      const deliverableIds = (seed.deliverables ?? []).map((deliverable) => {
        const result = runOperation(doc, addDeliverable, { creatorId, deliverable }, ctx);
        if (!result.ok) throw new Error(result.error.message);
        return result.id;
      });
      for (const post of seed.posts ?? []) {
        const linked = post.deliverableId?.startsWith('#') ? deliverableIds[Number(post.deliverableId.slice(1))] : null;
        ok(runOperation(doc, addPost, { creatorId, post: { ...post, deliverableId: linked ?? null } }, ctx));
      }
      for (const payment of seed.payments ?? [])
        ok(runOperation(doc, recordPayment, { creatorId, payment: { ...payment, method: 'bank transfer' } }, ctx));
    });
    await expect(card(page, seeds[0]!.name)).toBeVisible();
    await expect(page.getByTestId('connection-status')).toHaveText('Live');
  });
  return boardUrl;
}

test('the report page shows the spend figures of a board: committed fees, paid ledger entries and the budget left', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const boardUrl = await seededBoard(
    page,
    baseURL!,
    [
      {
        name: 'Anna Berg',
        handle: 'anna.berg',
        status: 'influencer.content-posted',
        fee: { amount: 2000, currency: 'EUR' },
        deliverables: [
          { platform: 'instagram', format: 'Reel', count: 2, dueDate: '2026-11-20' },
          { platform: 'tiktok', format: 'Video', count: 1, dueDate: daysFromToday(-10) },
        ],
        posts: [
          {
            deliverableId: '#0',
            url: 'https://instagram.com/p/anna1',
            postedAt: '2026-11-10',
            reach: 30_000,
            views: 40_000,
            likes: 900,
            comments: 60,
            shares: 40,
          },
          {
            deliverableId: '#0',
            url: 'https://instagram.com/p/anna2',
            postedAt: '2026-11-18',
            views: 24_000,
            likes: 500,
          },
        ],
        payments: [
          { amount: 1000, currency: 'EUR', paidDate: '2026-11-02' },
          { amount: 1000, currency: 'EUR', paidDate: null },
        ],
      },
      {
        name: 'Ben Costa',
        handle: 'bencosta',
        status: 'influencer.brief-sent',
        fee: { amount: 1500, currency: 'EUR' },
        deliverables: [{ platform: 'instagram', format: 'Story', count: 3, dueDate: daysFromToday(30) }],
      },
      { name: 'Cleo Dubois', handle: 'cleo', status: 'influencer.negotiating', fee: { amount: 700, currency: 'EUR' } },
      {
        name: 'Dan Ito',
        handle: 'dan.ito',
        status: 'influencer.waiting-for-draft',
        fee: { amount: 300, currency: 'USD' },
        payments: [{ amount: 150, currency: 'USD', paidDate: '2026-11-05' }],
      },
    ],
    10_000,
  );

  await page.getByTestId('board-menu').click();
  await page.getByTestId('open-report').click();
  await expect(page).toHaveURL(`${boardUrl}/report`);

  // Committed: Anna and Ben (past Negotiating) in EUR; Cleo is still negotiating; Dan's USD apart.
  await expect(page.getByTestId('headline-committed')).toHaveText('€3,500');
  await expect(page.getByTestId('headline-paid')).toHaveText('€1,000');
  await expect(page.getByTestId('headline-remaining')).toHaveText('€6,500');
  await expect(page.getByTestId('spend-EUR')).toContainText('€10,000');
  await expect(page.getByTestId('spend-USD')).toContainText('$300');
  await expect(page.getByTestId('spend-USD')).toContainText('$150');
  // €2,000 for 64,000 views and 1,500 engagements.
  await expect(page.getByTestId('headline-cpm')).toHaveText('€31.25');
  const anna = page.getByTestId('report-creator').filter({ hasText: 'Anna Berg' });
  await expect(anna).toContainText('€31.25');
  await expect(anna).toContainText('€1.33');
  await expect(page.getByTestId('report-creator')).toHaveCount(3);
  // Anna's Reel ×2 is posted twice; her TikTok video (due 10 days ago) is late; Ben's 3 stories are due in a month.
  await expect(page.getByTestId('headline-deliverables')).toHaveText('2 of 6');
  await expect(page.getByTestId('deliverables-summary')).toContainText('1 late');
  await expect(page.getByTestId('chart-creators')).toHaveAttribute('data-drawn', 'true');

  const download = page.waitForEvent('download');
  await page.getByTestId('report-export').click();
  const csv = await readFile(await (await download).path(), 'utf8');
  expect(csv).toContain('Anna Berg,Content posted,2000,EUR,2,30000,64000');
  expect(csv).toContain('Board,EUR,10000,3500,1000,6500,2500');

  if (shots) {
    await page.screenshot({ path: `${shots}/issue12-report.png`, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    // A4's printable width with the report's margins (210 − 2 × 12 mm at 96 dpi).
    await page.setViewportSize({ width: 703, height: 1000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${shots}/issue12-report-print.png`, fullPage: true });
    await page.pdf({ path: `${shots}/issue12-report.pdf`, format: 'A4' });
  }
});

/** Seeds a board whose only creator (Ben Costa, brief sent, fee €1,500) has posted nothing, and opens its report. */
async function openReportWithNothingPosted(page: Page, baseURL: string) {
  await seededBoard(
    page,
    baseURL,
    [
      {
        name: 'Ben Costa',
        handle: 'bencosta',
        status: 'influencer.brief-sent',
        fee: { amount: 1500, currency: 'EUR' },
      },
    ],
    null,
  );
  await page.goto(`${page.url()}/report`);
}

test('a board with nothing posted shows its spend and says nothing is posted yet', async ({ page, baseURL }) => {
  await openReportWithNothingPosted(page, baseURL!);
  await expect(page.getByTestId('report-empty')).toContainText('Nothing posted yet.');
  await expect(page.getByTestId('headline-committed')).toHaveText('€1,500');
  await expect(page.getByTestId('headline-remaining')).toHaveText('—');
});

test('the sidebar’s background runs the whole height of a report longer than the window', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1440, height: 500 });
  await openReportWithNothingPosted(page, baseURL!);
  await expect(page.getByTestId('report-empty')).toBeVisible();
  const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(pageHeight).toBeGreaterThan(500);
  const sidebar = await page.locator('.sidebar').boundingBox();
  expect(sidebar!.height).toBeGreaterThanOrEqual(pageHeight - 1);
  if (shots) await page.screenshot({ path: `${shots}/issue12-report-sidebar.png`, fullPage: true });
});

test('a post one person enters in the drawer shows up for the other and moves the card to Content posted', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000); // two sign-ups and an invite on a shared machine
  const a = await newPage(browser);
  const boardUrl = await seededBoard(
    a,
    baseURL!,
    [
      {
        name: 'Anna Berg',
        handle: 'anna.berg',
        status: 'influencer.waiting-for-draft',
        fee: { amount: 2000, currency: 'EUR' },
      },
    ],
    null,
  );
  const invite = await createInvite(a, 'editor');
  await a.goto(boardUrl);
  const b = await newPage(browser);
  await joinByInvite(b, invite, newPerson('Bea Board'));
  await b.goto(boardUrl);
  await expect(columnOf(b, 'influencer.waiting-for-draft')).toContainText('Anna Berg');
  await card(b, 'Anna Berg').click();
  await expect(b.getByTestId('posts-section')).toContainText('Nothing posted yet.');

  await card(a, 'Anna Berg').click();
  await a.getByTestId('add-post').click();
  await a.getByTestId('post-url').fill('javascript:alert(1)');
  await a.getByTestId('save-post').click();
  await expect(a.getByTestId('post-error')).toHaveText('Post URL must be an http(s) address.');
  await a.getByTestId('post-url').fill('https://www.instagram.com/p/C0ffee/');
  await a.getByTestId('post-views').fill('48.2k');
  await a.getByTestId('post-likes').fill('1,200');
  await a.getByTestId('save-post').click();
  await expect(a.getByTestId('post')).toHaveCount(1);

  const post = b.getByTestId('posts-section').getByTestId('post');
  await expect(post).toContainText('instagram.com/p/C0ffee');
  await expect(post).toContainText('48,200');
  await expect(columnOf(b, 'influencer.content-posted')).toContainText('Anna Berg');
  if (shots) await b.getByTestId('posts-section').screenshot({ path: `${shots}/issue12-drawer-posts.png` });

  // It survives a reload.
  await b.reload();
  await expect(columnOf(b, 'influencer.content-posted')).toContainText('Anna Berg');
});

test('posts imported from a CSV file are previewed with the reasons rows are refused, then land on their creators', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await seededBoard(
    page,
    baseURL!,
    [
      { name: 'Anna Berg', handle: 'anna.berg', status: 'influencer.waiting-for-draft' },
      { name: 'Ben Costa', handle: 'bencosta', status: 'influencer.brief-sent' },
    ],
    null,
  );
  const csv = [
    'Influencer,Permalink,Post date,Impressions,Likes',
    '@anna.berg,https://instagram.com/p/a1,2026-11-20,"48,200",1200',
    '@nobody,https://instagram.com/p/x,2026-11-20,10,1',
    'Ben Costa,https://tiktok.com/@ben/video/1,06/07/2026,500,20',
  ].join('\n');
  await page.getByTestId('csv-menu').click();
  await page.getByTestId('posts-import-open').click();
  await page
    .getByTestId('posts-import-file')
    .setInputFiles({ name: 'posts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('posts-import-summary')).toHaveText('1 post will be imported; 2 rows will not.');
  const rejected = page.getByTestId('posts-import-rejected');
  await expect(rejected).toContainText('Row 3: No creator on this board has the handle or name “@nobody”.');
  await expect(rejected).toContainText('Row 4: Posted date “06/07/2026” could be day or month first');
  if (shots) await page.getByTestId('posts-import').screenshot({ path: `${shots}/issue12-posts-import.png` });
  // Nothing changed before Import.
  await expect(columnOf(page, 'influencer.waiting-for-draft')).toContainText('Anna Berg');
  await page.getByTestId('posts-import-run').click();
  await expect(page.getByTestId('posts-import')).toBeHidden();
  await expect(columnOf(page, 'influencer.content-posted')).toContainText('Anna Berg');
  await expect(columnOf(page, 'influencer.brief-sent')).toContainText('Ben Costa');
  await card(page, 'Anna Berg').click();
  await expect(page.getByTestId('posts-section').getByTestId('post')).toContainText('48,200');
});
