import { type Browser, type Page } from '@playwright/test';
import { addCreators, builtInStatusId, runOperation, setStatus } from '@roster/shared';
import { createBoard, newPerson, signUp, withScript, expect, test } from './support.ts';

const PROSPECT = builtInStatusId('influencer', 'Prospect');
const CONTACTED = builtInStatusId('influencer', 'Contacted');
const viewport = { width: 1440, height: 900 };
const card = (page: Page, name: string) => page.getByTestId('creator-card').filter({ hasText: name });
const previewColumn = (page: Page, statusId: string) =>
  page.getByTestId('board-preview').locator(`[data-testid="kanban-column"][data-status-id="${statusId}"]`);

/**
 * Signs up, fills a board with 15 prospects (Creator 0…14) and 2 contacted creators (Creator 15,
 * 16) through a script, and leaves it: the board closes, and its preview is built from all of it.
 * `firstName` names the first prospect instead of "Creator 0".
 */
async function boardWithCreators(
  browser: Browser,
  baseURL: string,
  firstName = 'Creator 0',
): Promise<{ page: Page; boardUrl: string }> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await signUp(page, newPerson('Pia'));
  const boardUrl = await createBoard(page, 'Preview launch');
  await withScript(page, baseURL, boardUrl, async ({ doc, ctx }) => {
    const creators = Array.from({ length: 17 }, (_, i) => ({ name: i === 0 ? firstName : `Creator ${i}` }));
    const added = runOperation(doc, addCreators, { creators }, ctx);
    if (!added.ok) throw new Error(added.error.message);
    runOperation(doc, setStatus, { creatorIds: added.ids.slice(15), group: 'influencer', statusId: CONTACTED }, ctx);
    // Shown to the page: the server has them.
    await expect(page.getByTestId('kanban').getByTestId('column-count').nth(4)).toHaveText('2');
  });
  await page.goto(boardUrl.replace(/\/b\/[^/]+$/, ''));
  return { page, boardUrl };
}

/** Waits until the board's page is served with its preview (built in the background once the board closes). */
async function previewBuilt(page: Page, boardUrl: string) {
  await expect
    .poll(async () => (await (await page.request.get(boardUrl)).text()).includes('data-testid="board-preview"'))
    .toBe(true);
}

/**
 * The board in a new browser of the same person (no offline copy of the board, which would replace
 * the preview) whose WebSocket the server never answers: the page shows the preview and nothing
 * else of the board. Returns the page and how many connections it has tried.
 */
async function previewOnly(browser: Browser, page: Page) {
  const context = await browser.newContext({ viewport });
  await context.addCookies(await page.context().cookies());
  const cut = await context.newPage();
  const attempts = { count: 0 };
  await cut.routeWebSocket(/.*/, (ws) => {
    attempts.count += 1;
    ws.close();
  });
  return { cut, attempts };
}

test('a board page served without JavaScript already shows its first creator cards and its column counts', async ({
  browser,
  baseURL,
}) => {
  const { page, boardUrl } = await boardWithCreators(browser, baseURL!);
  const noScript = await browser.newContext({ viewport, javaScriptEnabled: false });
  await noScript.addCookies(await page.context().cookies());
  const plain = await noScript.newPage();
  // The preview is built in the background once the board closes.
  await expect
    .poll(async () => {
      await plain.goto(boardUrl);
      return plain.getByTestId('board-preview').getByTestId('column-count').allTextContents();
    })
    .toEqual(['15', '0', '0', '0', '2', '0', '0', '0', '0', '0', '0', '0']);
  await expect(previewColumn(plain, PROSPECT).getByTestId('creator-card').first()).toContainText('Creator 0');
  await expect(previewColumn(plain, CONTACTED).getByTestId('creator-card')).toHaveText([/Creator 15/, /Creator 16/]);
  await expect(plain.getByTestId('shown-count')).toHaveText('17 of 17');
  await expect(plain.getByTestId('board-preview')).toHaveAttribute('aria-busy', 'true');
});

test('with JavaScript the live board replaces the preview, and its cards can be dragged and opened', async ({
  browser,
  baseURL,
}) => {
  const { page, boardUrl } = await boardWithCreators(browser, baseURL!);
  await expect
    .poll(async () => (await (await page.request.get(boardUrl)).text()).includes('data-testid="board-preview"'))
    .toBe(true);

  await page.goto(boardUrl);
  await expect(page.getByTestId('board-preview')).toHaveCount(0);
  await expect(page.getByTestId('kanban').getByTestId('column-count').first()).toHaveText('15');
  await expect(card(page, 'Creator 0')).toHaveAttribute('draggable', 'true');
  await card(page, 'Creator 0').click();
  await expect(page.getByTestId('creator-drawer')).toBeVisible();
});

test('while only the preview is shown and the server cannot be reached, the badge never says Live or All changes saved', async ({
  browser,
  baseURL,
}) => {
  const { page, boardUrl } = await boardWithCreators(browser, baseURL!);
  await previewBuilt(page, boardUrl);
  const { cut, attempts } = await previewOnly(browser, page);
  // Every text the badge and the save status ever show, from the server's HTML on.
  await cut.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { badgeTexts: string[] }).badgeTexts = seen;
    new MutationObserver(() => {
      for (const id of ['connection-status', 'save-status']) {
        const text = document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim();
        if (text && seen.at(-1) !== text) seen.push(text);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await cut.goto(boardUrl);
  await expect(cut.getByTestId('board-preview')).toBeVisible();
  // Refused and retried: the page has given its status after more than one failed connection.
  await expect.poll(() => attempts.count).toBeGreaterThanOrEqual(3);
  await expect(cut.getByTestId('connection-status')).toHaveText('Connecting…');
  await expect(cut.getByTestId('board-preview')).toBeVisible();
  const texts = await cut.evaluate(() => (window as unknown as { badgeTexts: string[] }).badgeTexts);
  expect(texts).toContain('Connecting…');
  expect(texts).not.toContain('Live');
  expect(texts).not.toContain('All changes saved');
});

test('a search typed while only the preview is shown replaces the preview, which it does not filter, until the board has loaded', async ({
  browser,
  baseURL,
}) => {
  const { page, boardUrl } = await boardWithCreators(browser, baseURL!);
  await previewBuilt(page, boardUrl);
  const { cut } = await previewOnly(browser, page);
  await cut.goto(boardUrl);
  await expect(previewColumn(cut, PROSPECT).getByTestId('creator-card').first()).toContainText('Creator 0');

  await cut.getByLabel('Search creators').fill('Creator 16');
  await expect(cut.getByTestId('board-preview')).toHaveCount(0);
  await expect(cut.getByTestId('board-loading')).toContainText('Loading all 17 creators');
  await expect(cut.getByTestId('shown-count')).toHaveText('… of 17');
  await expect(cut.getByLabel('Search creators')).toHaveValue('Creator 16');
});

test('a creator name holding HTML is shown in the preview as text and runs no script', async ({ browser, baseURL }) => {
  const hostile = '</script><script>window.pwned=1</script><img src=x onerror="window.pwned=2">';
  const { page, boardUrl } = await boardWithCreators(browser, baseURL!, hostile);
  await previewBuilt(page, boardUrl);
  const { cut } = await previewOnly(browser, page);
  await cut.goto(boardUrl);
  await expect(previewColumn(cut, PROSPECT).getByTestId('creator-card').first()).toContainText(hostile);
  await expect(cut.locator('img[src="x"]')).toHaveCount(0);
  expect(await cut.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
});

test('a member of another workspace gets none of a board’s creators, from its page or its data, under either workspace', async ({
  browser,
  baseURL,
}) => {
  const { page, boardUrl } = await boardWithCreators(browser, baseURL!);
  await previewBuilt(page, boardUrl);
  const outsider = await (await browser.newContext({ viewport })).newPage();
  await signUp(outsider, newPerson('Otto'));
  const ownWorkspace = new URL(outsider.url()).pathname;
  const boardPath = new URL(boardUrl).pathname;
  for (const path of [boardPath, `${ownWorkspace}/b/${boardPath.split('/b/')[1]}`]) {
    const response = await outsider.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toContain('Creator 15');
    // What client-side navigation asks for (SvelteKit answers its errors there with a 200).
    expect(await (await outsider.request.get(`${path}/__data.json`)).text(), path).not.toContain('Creator 15');
  }
});

test('a signed-out visitor gets none of a board’s creators, from its page or its data', async ({
  browser,
  baseURL,
  playwright,
}) => {
  const { page, boardUrl } = await boardWithCreators(browser, baseURL!);
  await previewBuilt(page, boardUrl);
  const visitor = await playwright.request.newContext({ baseURL });
  const response = await visitor.get(boardUrl, { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(await response.text()).not.toContain('Creator 15');
  expect(await (await visitor.get(`${boardUrl}/__data.json`, { maxRedirects: 0 })).text()).not.toContain('Creator 15');
  await visitor.dispose();
});
