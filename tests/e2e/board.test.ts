import { type Page } from '@playwright/test';
import * as decoding from 'lib0/decoding';
import { createBoard, createInvite, joinByInvite, newPerson, pick, signUp, expect, test } from './support.ts';

const columnOf = (page: Page, statusId: string) =>
  page.locator(`[data-testid="kanban-column"][data-status-id="${statusId}"]`);
const card = (page: Page, name: string) => page.getByTestId('creator-card').filter({ hasText: name });

/** Owner (A) and editor (B) on one fresh board, both live. */
async function twoPeopleOnABoard(browser: import('@playwright/test').Browser, boardName: string) {
  // Two sign-ups, an invite and two live pages come before the behaviour under test.
  test.slow();
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const a = await contextA.newPage();
  const b = await contextB.newPage();
  await signUp(a, newPerson('Ada Owner'));
  const boardUrl = await createBoard(a, boardName);
  const invite = await createInvite(a, 'editor');
  await a.goto(boardUrl);
  await joinByInvite(b, invite, newPerson('Ben Editor'));
  await b.goto(boardUrl);
  await expect(b.getByTestId('connection-status')).toHaveText('Live');
  const close = async () => {
    await contextA.close();
    await contextB.close();
  };
  return { a, b, contextA, contextB, boardUrl, close };
}

test('a newcomer fills an empty board with demo creators and sees the pipeline in kanban and table', async ({
  browser,
}) => {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signUp(page, newPerson('Dana Demo'));
  await createBoard(page, 'Demo launch');
  await expect(page.getByRole('heading', { name: 'This board is empty' })).toBeVisible();
  await page.getByTestId('demo-board').click();
  await expect(page.getByTestId('creator-card').first()).toBeVisible();
  await expect(columnOf(page, 'influencer.prospect').getByTestId('column-count')).not.toHaveText('0');
  await page.screenshot({ path: 'test-results/screenshots/kanban.png' });
  await page.getByRole('tab', { name: 'Table' }).click();
  await expect(page.getByTestId('table-row').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/table.png' });
  await page.getByTestId('table-row').first().getByRole('button').first().click();
  await expect(page.getByTestId('creator-drawer')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/drawer.png' });
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('Live');
  await expect(page.getByTestId('creator-card').first()).toBeVisible();
});

async function pasteCreators(page: Page, lines: string[]) {
  await page.getByTestId('add-creators').click();
  await page.getByTestId('paste-handles').fill(lines.join('\n'));
  await page.getByRole('button', { name: `Add ${lines.length} creator${lines.length === 1 ? '' : 's'}` }).click();
  for (const line of lines) await expect(card(page, line.split('/').pop()!.replace('@', ''))).toBeVisible();
}

/**
 * The document a Hocuspocus frame changes, if it is a Yjs update (sync message, "update" step).
 * A sync step 2 is always sent in answer to the server's step 1, and is not counted.
 */
function documentChangeIn(payload: string | Buffer): string | null {
  if (typeof payload === 'string') return null;
  const decoder = decoding.createDecoder(new Uint8Array(payload));
  const name = decoding.readVarString(decoder);
  const SYNC = 0;
  const UPDATE = 2;
  return decoding.readVarUint(decoder) === SYNC && decoding.readVarUint(decoder) === UPDATE ? name : null;
}

/** Adds a custom status through the Statuses dialog and closes it. */
async function addStatus(page: Page, name: string) {
  await page.getByTestId('board-menu').click();
  await page.getByTestId('open-statuses').click();
  await page.getByLabel('New status name').fill(name);
  await page.getByRole('button', { name: 'Add status' }).click();
  await page.getByRole('button', { name: 'Close' }).click();
}

async function blur(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

// Two people, one board: each live behaviour on its own.

test('a card one person drags to another column moves for the other person too', async ({ browser }) => {
  const { a, b, close } = await twoPeopleOnABoard(browser, 'Live drag');
  await pasteCreators(a, ['@mia.hart']);
  await card(a, 'mia.hart').dragTo(columnOf(a, 'influencer.shortlisted').locator('.body'));
  await expect(columnOf(a, 'influencer.shortlisted')).toContainText('mia.hart');
  await expect(columnOf(b, 'influencer.shortlisted').getByTestId('creator-card')).toHaveCount(1);
  await expect(columnOf(b, 'influencer.shortlisted')).toContainText('mia.hart');
  await close();
});

test('a status set in the drawer moves the card for the other person', async ({ browser }) => {
  const { a, b, close } = await twoPeopleOnABoard(browser, 'Live drawer status');
  await pasteCreators(a, ['@leo.berg']);
  await card(b, 'leo.berg').click();
  await pick(b, 'drawer-status-influencer', 'Contacted');
  await expect(columnOf(a, 'influencer.contacted')).toContainText('leo.berg');
  await close();
});

test('a card shows the other person when they have that creator open', async ({ browser }) => {
  const { a, b, close } = await twoPeopleOnABoard(browser, 'Live viewers');
  await pasteCreators(a, ['@leo.berg', '@sofia.rossi']);
  await card(b, 'leo.berg').click();
  await expect(card(a, 'leo.berg').getByTestId('card-viewers')).toBeVisible();
  await expect(card(a, 'sofia.rossi').getByTestId('card-viewers')).toHaveCount(0);
  await close();
});

test("notes one person types appear for the other with a caret labelled with the writer's name", async ({
  browser,
}) => {
  const { a, b, close } = await twoPeopleOnABoard(browser, 'Live notes');
  await pasteCreators(a, ['@leo.berg']);
  await card(b, 'leo.berg').click();
  await card(a, 'leo.berg').click();
  await a.getByTestId('notes-editor').click();
  await a.keyboard.type('Rate card: 2 reels, 1 story. Wants 50% upfront.');
  await expect(b.getByTestId('notes-editor')).toContainText('Wants 50% upfront.');
  await expect(b.locator('.collaboration-carets__label', { hasText: 'Ada Owner' })).toBeVisible();
  await b.getByTestId('notes-editor').scrollIntoViewIfNeeded();
  await b.screenshot({ path: 'test-results/screenshots/drawer-notes.png' });
  await close();
});

test('notes stay live both ways after a drawer is closed and at once reopened', async ({ browser }) => {
  const { a, b, close } = await twoPeopleOnABoard(browser, 'Live notes reopened');
  await pasteCreators(a, ['@leo.berg']);
  await card(a, 'leo.berg').click();
  await card(b, 'leo.berg').click();
  await a.getByTestId('notes-editor').click();
  await a.keyboard.type('Wants 50% upfront.');
  await expect(b.getByTestId('notes-editor')).toContainText('Wants 50% upfront.');
  await b.keyboard.press('Escape');
  await card(b, 'leo.berg').click();
  await b.getByTestId('notes-editor').click();
  await b.keyboard.press('Control+End');
  await b.keyboard.type(' Call on Friday.');
  await expect(a.getByTestId('notes-editor')).toContainText('Wants 50% upfront. Call on Friday.');
  await a.keyboard.type(' Confirmed.');
  await expect(b.getByTestId('notes-editor')).toContainText('Confirmed.');
  await close();
});

test('a custom status one person adds becomes a column for the other', async ({ browser }) => {
  const { a, b, close } = await twoPeopleOnABoard(browser, 'Live statuses');
  // An empty board shows its empty state, not columns.
  await pasteCreators(a, ['@mia.hart']);
  await expect(card(b, 'mia.hart')).toBeVisible();
  await addStatus(a, 'Product gifted');
  await expect(b.locator('[data-testid="kanban-column"]', { hasText: 'Product gifted' })).toBeVisible();
  await close();
});

test("undo reverts one's own last change and leaves the other person's alone", async ({ browser }) => {
  const { a, b, close } = await twoPeopleOnABoard(browser, 'Live undo');
  await pasteCreators(a, ['@mia.hart', '@sofia.rossi']);
  await card(a, 'sofia.rossi').dragTo(columnOf(a, 'influencer.selected').locator('.body'));
  await expect(columnOf(b, 'influencer.selected')).toContainText('sofia.rossi');
  await card(b, 'mia.hart').dragTo(columnOf(b, 'influencer.rejected').locator('.body'));
  await expect(columnOf(a, 'influencer.rejected')).toContainText('mia.hart');
  await blur(a);
  await a.keyboard.press('Control+z');
  await expect(columnOf(b, 'influencer.prospect')).toContainText('sofia.rossi');
  await expect(columnOf(b, 'influencer.rejected')).toContainText('mia.hart');
  await close();
});

test('a move made offline reaches the other person only once its maker is back online', async ({ browser }) => {
  const { a, b, contextA, close } = await twoPeopleOnABoard(browser, 'Live offline');
  await pasteCreators(a, ['@sofia.rossi']);
  await expect(card(b, 'sofia.rossi')).toBeVisible();
  await contextA.setOffline(true);
  await expect(a.getByTestId('connection-status')).toHaveText('Offline');
  await card(a, 'sofia.rossi').dragTo(columnOf(a, 'influencer.shortlisted').locator('.body'));
  await expect(columnOf(a, 'influencer.shortlisted')).toContainText('sofia.rossi');
  await expect(a.getByTestId('save-status')).toHaveText('Changes will sync when back online');
  await b.waitForTimeout(500);
  await expect(columnOf(b, 'influencer.shortlisted')).not.toContainText('sofia.rossi');
  await contextA.setOffline(false);
  await expect(a.getByTestId('connection-status')).toHaveText('Live', { timeout: 20_000 });
  await expect(columnOf(b, 'influencer.shortlisted')).toContainText('sofia.rossi');
  await expect(a.getByTestId('save-status')).toHaveText('All changes saved');
  await close();
});

test('a second visit shows the board kept in this browser while the server is unreachable, and says so', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, newPerson('Orla Again'));
  const boardUrl = await createBoard(page, 'Kept in the browser');
  await page.getByTestId('demo-board').click();
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
  const prospects = await columnOf(page, 'influencer.prospect').getByTestId('column-count').textContent();
  await page.close();
  // The board's socket is cut (closed at once, every reconnect too) until `reachable`.
  let reachable = false;
  await context.routeWebSocket(/\/collab/, (socket) => (reachable ? socket.connectToServer() : socket.close()));
  const again = await context.newPage();
  await again.goto(boardUrl);
  await expect(columnOf(again, 'influencer.prospect').getByTestId('column-count')).toHaveText(prospects!);
  await expect(again.getByTestId('creator-card').first()).toBeVisible();
  await expect(again.getByTestId('connection-status')).toHaveText('Connecting…');
  await expect(again.getByTestId('save-status')).toHaveText('');
  reachable = true;
  await expect(again.getByTestId('connection-status')).toHaveText('Live', { timeout: 30_000 });
  await expect(again.getByTestId('save-status')).toHaveText('All changes saved');
  await context.close();
});

test('Alt+→ moves a focused card to the next column for everyone', async ({ browser }) => {
  const { a, b, close } = await twoPeopleOnABoard(browser, 'Live keyboard');
  await pasteCreators(a, ['@leo.berg']);
  await card(a, 'leo.berg').focus();
  await a.keyboard.press('Alt+ArrowRight');
  await expect(columnOf(b, 'influencer.shortlisted')).toContainText('leo.berg');
  await close();
});

test('moves, custom statuses and notes made by one person survive the other person reloading', async ({ browser }) => {
  const { a, b, close } = await twoPeopleOnABoard(browser, 'Live reload');
  await pasteCreators(a, ['@leo.berg']);
  await card(a, 'leo.berg').dragTo(columnOf(a, 'influencer.shortlisted').locator('.body'));
  await addStatus(a, 'Product gifted');
  await card(a, 'leo.berg').click();
  await a.getByTestId('notes-editor').click();
  await a.keyboard.type('Wants 50% upfront.');
  await expect(a.getByTestId('save-status')).toHaveText('All changes saved');
  await b.reload();
  await expect(b.getByTestId('connection-status')).toHaveText('Live');
  await expect(columnOf(b, 'influencer.shortlisted')).toContainText('leo.berg');
  await expect(b.locator('[data-testid="kanban-column"]', { hasText: 'Product gifted' })).toBeVisible();
  await card(b, 'leo.berg').click();
  await expect(b.getByTestId('notes-editor')).toContainText('Wants 50% upfront.');
  await close();
});

test('a viewer sees the board but cannot drag cards or type notes', async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const viewerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const viewer = await viewerContext.newPage();
  await signUp(owner, newPerson('Olga Owner'));
  const boardUrl = await createBoard(owner, 'Client view');
  await pasteCreators(owner, ['@nora.lund']);
  const invite = await createInvite(owner, 'viewer');
  await joinByInvite(viewer, invite, newPerson('Vic Viewer'));
  await viewer.goto(boardUrl);
  await expect(viewer.getByTestId('connection-status')).toHaveText('Live');
  await expect(card(viewer, 'nora.lund')).toHaveAttribute('draggable', 'false');
  await expect(viewer.getByTestId('add-creators')).toHaveCount(0);
  await card(viewer, 'nora.lund').click();
  await expect(viewer.getByTestId('notes-editor')).toHaveAttribute('contenteditable', 'false');
  await expect(viewer.getByTestId('drawer-status-influencer')).toBeDisabled();
  await ownerContext.close();
  await viewerContext.close();
});

test('the paste preview refuses home pages and other sites, names YouTube channels by id and counts creators already on the board', async ({
  browser,
}) => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signUp(page, newPerson('Paula Paste'));
  await createBoard(page, 'Paste preview');
  // The single form and the paste tab refuse the same handle, for the same reason.
  const spaced = '@has spaces and émoji 🌸';
  await page.getByTestId('add-creators').click();
  await page.getByRole('tab', { name: 'One creator' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Mia Hart');
  await page.getByLabel('Handle').fill(spaced);
  await page.getByRole('button', { name: 'Add creator', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(/^Handle: has a space: a handle is one word/);
  await page.getByLabel('Handle').fill('https://www.instagram.com/mia.hart/');
  await page.getByRole('button', { name: 'Add creator', exact: true }).click();
  await expect(card(page, 'Mia Hart')).toContainText('@mia.hart');

  const channel = 'UCX6OQ3DkcsbYNE6H8uQQuVA';
  const newOnes = ['@leo.berg', '@sofia.rossi', 'https://www.tiktok.com/@nora.lund', '@ada', '@ben', '@cleo', '@dev'];
  await page.getByTestId('add-creators').click();
  await page
    .getByTestId('paste-handles')
    .fill(
      [
        ...newOnes,
        'instagram.com/Mia.Hart',
        'https://instagram.com/',
        'https://example.com/some/page',
        `https://www.youtube.com/channel/${channel}`,
        'youtube.com/@TechWithNora',
        '@leo.berg',
        spaced,
      ].join('\n'),
    );
  await expect(page.getByTestId('paste-summary')).toHaveText('9 new, 1 already on the board, 3 not a handle');
  const row = (text: string) => page.getByTestId('paste-row').filter({ hasText: text });
  await expect(row('instagram.com/Mia.Hart')).toContainText('already on board');
  await expect(row('https://instagram.com/')).toContainText('the Instagram home page, with no handle in it');
  await expect(row('example.com/some/page')).toContainText('not an Instagram, TikTok, YouTube, X or Twitch profile');
  await expect(row(channel)).toContainText(`YouTube channel ${channel}`);
  await expect(row(spaced)).toContainText('has a space');
  await expect(page.getByTestId('paste-row').filter({ hasText: 'repeated above' })).toHaveCount(1);
  await page.getByTestId('add-dialog').screenshot({ path: 'test-results/screenshots/paste-preview.png' });

  await page.getByRole('button', { name: 'Add 9 creators' }).click();
  await expect(page.getByTestId('toast')).toHaveText('Added 9 creators; 1 already on the board');
  await expect(page.getByTestId('creator-card')).toHaveCount(10);
  await expect(card(page, `YouTube channel ${channel}`)).toContainText(`channel ${channel}`);
  await expect(page.getByTestId('creator-card').filter({ hasText: 'some' })).toHaveCount(0);
  // What was refused stays in the box, to be fixed or removed.
  await expect(page.getByTestId('paste-handles')).toHaveValue(
    ['https://instagram.com/', 'https://example.com/some/page', spaced].join('\n'),
  );
});

test('the table sorts fees by currency, then amount, and says so when the board has several currencies', async ({
  browser,
}) => {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signUp(page, newPerson('Fay Fees'));
  await createBoard(page, 'Fees in three currencies');
  await pasteCreators(page, ['@ada', '@ben', '@cleo', '@dev']);
  const fees: [string, string, string][] = [
    ['ada', '4850', 'EUR'],
    ['ben', '100000', 'JPY'],
    ['cleo', '900', 'EUR'],
    ['dev', '1200', 'USD'],
  ];
  for (const [name, amount, currency] of fees) {
    await card(page, name).click();
    await page.getByTestId('drawer-fee').fill(amount);
    await page.getByTestId('drawer-fee').press('Tab');
    await page.getByLabel('Currency').fill(currency);
    await page.getByLabel('Currency').press('Tab');
    await expect(card(page, name)).toContainText(currency === 'EUR' ? '€' : currency === 'JPY' ? '¥' : '$');
    await page.keyboard.press('Escape');
  }
  await page.getByRole('tab', { name: 'Table' }).click();
  await expect(page.getByTestId('fee-mixed-currencies')).toHaveText('3 currencies');
  await page.getByTestId('sort-fee').click();
  await expect(page.getByTestId('fee-sort-note')).toContainText(
    'Mixed currencies (EUR, JPY, USD) — sorted by currency, most used first, then amount',
  );
  const names = page.getByTestId('table-row').locator('.name strong');
  await expect(names).toHaveText(['ada', 'cleo', 'ben', 'dev']);
  await page.screenshot({ path: 'test-results/screenshots/table-fee-sort.png' });
  await page.getByTestId('sort-fee').click();
  await expect(names).toHaveText(['cleo', 'ada', 'ben', 'dev']);
});

test('a viewer who reopens a board sees "View only" and never "Saving…"', async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const viewerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const viewer = await viewerContext.newPage();
  // Every text the save status ever shows, across reloads.
  await viewer.addInitScript(() => {
    const seen: string[] = ((window as unknown as { saveTexts: string[] }).saveTexts = []);
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="save-status"]')?.textContent ?? '';
      if (seen.at(-1) !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const saveTexts = () => viewer.evaluate(() => (window as unknown as { saveTexts: string[] }).saveTexts);
  await signUp(owner, newPerson('Olga Owner'));
  const boardUrl = await createBoard(owner, 'Reopened view');
  await pasteCreators(owner, ['@nora.lund']);
  const invite = await createInvite(owner, 'viewer');
  await joinByInvite(viewer, invite, newPerson('Vic Viewer'));
  await viewer.goto(boardUrl);
  await expect(card(viewer, 'nora.lund')).toBeVisible();
  // Reopened: whatever the browser kept of the board must not become a change to send.
  const changesSent: string[] = [];
  viewer.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const change = documentChangeIn(payload);
      if (change) changesSent.push(change);
    }),
  );
  await viewer.reload();
  await expect(viewer.getByTestId('connection-status')).toHaveText('Live');
  await expect(viewer.locator('header.bar')).toContainText('View only');
  await expect(card(viewer, 'nora.lund')).toBeVisible();
  // A teammate's edit arrives while the viewer watches.
  await owner.goto(boardUrl);
  await pasteCreators(owner, ['@leo.berg']);
  await expect(card(viewer, 'leo.berg')).toBeVisible();
  // "Saving…" appears after 500 ms of unsaved changes; give it several times that.
  await viewer.waitForTimeout(2_000);
  expect(await saveTexts()).not.toContain('Saving…');
  await expect(viewer.getByTestId('save-status')).toHaveText('');
  expect(changesSent).toEqual([]);
  await ownerContext.close();
  await viewerContext.close();
});

test('the drawer validates numbers, keeps what was there when input is wrong, and saves every profile field', async ({
  page,
}) => {
  await signUp(page, newPerson('Vali Date'));
  await createBoard(page, 'Validation');
  await pasteCreators(page, ['@iris.novak']);
  await card(page, 'iris.novak').click();
  const aqs = page.getByTestId('drawer-aqs');
  await aqs.fill('72');
  await aqs.press('Tab');
  await expect(card(page, 'iris.novak')).toContainText('AQS 72');
  await aqs.fill('140');
  await aqs.press('Tab');
  await expect(page.getByTestId('field-error-aqs')).toHaveText('Not saved: must be at most 100');
  await expect(aqs).toHaveAttribute('aria-invalid', 'true');
  await expect(aqs).toHaveValue('140');
  await expect(card(page, 'iris.novak')).toContainText('AQS 72');
  await aqs.fill('55.5');
  await aqs.press('Tab');
  await expect(page.getByTestId('field-error-aqs')).toHaveText('Not saved: must be a whole number');
  await aqs.fill('73');
  await aqs.press('Tab');
  await expect(page.getByTestId('field-error-aqs')).toHaveCount(0);
  await expect(card(page, 'iris.novak')).toContainText('AQS 73');
  const followers = page.getByTestId('drawer-followers');
  await followers.fill('0x1F');
  await followers.press('Tab');
  await expect(page.getByTestId('field-error-followers')).toContainText('must be a number');
  await followers.fill('48.2k');
  await followers.press('Tab');
  await expect(page.getByTestId('field-error-followers')).toHaveCount(0);
  await expect(followers).toHaveValue('48200');
  await page.getByLabel('Profile URL').fill('javascript:alert(1)');
  await page.getByLabel('Profile URL').press('Tab');
  await expect(page.getByTestId('field-error-profileUrl')).toHaveText(
    'Not saved: Profile URL must be an http(s) address.',
  );
  await page.getByLabel('Profile URL').fill('https://instagram.com/iris.novak');
  await page.getByLabel('Profile URL').press('Tab');
  await expect(page.getByTestId('field-error-profileUrl')).toHaveCount(0);
  const countries = page.getByTestId('audience-countries');
  await countries.getByRole('button', { name: '+ Add country' }).click();
  await countries.getByRole('textbox', { name: 'Countries: Country' }).fill('AT');
  await countries.getByRole('textbox', { name: 'Countries: share of AT %' }).fill('lots');
  await countries.getByRole('textbox', { name: 'Countries: share of AT %' }).press('Tab');
  await expect(page.getByTestId('audience-countries-error')).toHaveText(
    'Not saved: AT: the share must be a number from 0 to 100',
  );
  await countries.getByRole('button', { name: 'Remove AT from countries' }).click();
  await expect(page.getByTestId('audience-countries-error')).toHaveCount(0);
  await page.getByLabel('Paste from a spreadsheet').fill('2026-01-01 10000\n2026-06-01 12500');
  await page.getByLabel('Paste from a spreadsheet').press('Tab');
  await expect(page.getByTestId('growth-90')).toContainText('+13.5%');
  // The optional audience fields are kept across a reload.
  const education = page.getByTestId('audience-education');
  for (const [index, [level, share]] of [
    ['university', '45'],
    ['school', '55'],
  ].entries()) {
    await education.getByRole('button', { name: '+ Add level' }).click();
    await education.getByLabel('Education (optional): Level').nth(index).fill(level!);
    await education
      .getByRole('textbox', { name: /share of/ })
      .nth(index)
      .fill(share!);
    await education
      .getByRole('textbox', { name: /share of/ })
      .nth(index)
      .press('Tab');
  }
  await page.getByLabel('Interests (optional)').fill('skincare, travel');
  await page.getByLabel('Interests (optional)').press('Tab');
  await page.getByLabel('Other profiles').fill('tiktok.com/@iris.dances\nnot a profile!');
  await page.getByLabel('Other profiles').press('Tab');
  await expect(page.getByRole('alert')).toContainText('Other profiles: “not a profile!”');
  await page.getByLabel('Other profiles').fill('tiktok.com/@iris.dances\n@iris.blog');
  await page.getByLabel('Other profiles').press('Tab');
  await page.keyboard.press('Escape');
  await page.reload();
  await card(page, 'iris.novak').click();
  // Shares read back largest first.
  const levels = page.getByTestId('audience-education').getByLabel('Education (optional): Level');
  await expect(levels).toHaveCount(2);
  await expect(levels.nth(0)).toHaveValue('school');
  await expect(levels.nth(1)).toHaveValue('university');
  await expect(page.getByLabel('Interests (optional)')).toHaveValue('skincare, travel');
  await expect(page.getByLabel('Other profiles')).toHaveValue('https://www.tiktok.com/@iris.dances\n@iris.blog');
});

test('two people editing different fields of one creator, one of them offline, both keep their edits', async ({
  browser,
}) => {
  const { a, b, contextA, contextB, boardUrl } = await twoPeopleOnABoard(browser, 'Same creator');
  await pasteCreators(a, ['@mia.hart']);
  await card(a, 'mia.hart').click();
  await card(b, 'mia.hart').click();
  const country = (page: Page) => page.getByTestId('creator-drawer').getByLabel('Country', { exact: true });

  await contextB.setOffline(true);
  await expect(b.getByTestId('connection-status')).toHaveText('Offline');
  await a.getByTestId('drawer-followers').fill('48200');
  await a.getByTestId('drawer-followers').press('Tab');
  await country(b).fill('DE');
  await country(b).press('Tab');
  await expect(b.getByTestId('save-status')).toHaveText('Changes will sync when back online');
  await contextB.setOffline(false);
  await expect(b.getByTestId('connection-status')).toHaveText('Live', { timeout: 20_000 });

  for (const page of [a, b]) {
    await expect(page.getByTestId('drawer-followers')).toHaveValue('48200');
    await expect(country(page)).toHaveValue('DE');
  }
  await expect(b.getByTestId('save-status')).toHaveText('All changes saved');
  // Each edit is in the creator's history with who made it.
  await expect(a.getByTestId('creator-history')).toContainText('Followers: — → 48200');
  await expect(a.getByTestId('creator-history')).toContainText('Country: — → DE');
  await a.goto(boardUrl);
  await card(a, 'mia.hart').click();
  await expect(a.getByTestId('drawer-followers')).toHaveValue('48200');
  await expect(country(a)).toHaveValue('DE');
  await contextA.close();
  await contextB.close();
});
