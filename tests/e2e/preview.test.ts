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
 */
async function boardWithCreators(browser: Browser, baseURL: string): Promise<{ page: Page; boardUrl: string }> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await signUp(page, newPerson('Pia'));
  const boardUrl = await createBoard(page, 'Preview launch');
  await withScript(page, baseURL, boardUrl, async ({ doc, ctx }) => {
    const creators = Array.from({ length: 17 }, (_, i) => ({ name: `Creator ${i}` }));
    const added = runOperation(doc, addCreators, { creators }, ctx);
    if (!added.ok) throw new Error(added.error.message);
    runOperation(doc, setStatus, { creatorIds: added.ids.slice(15), group: 'influencer', statusId: CONTACTED }, ctx);
    // Shown to the page: the server has them.
    await expect(page.getByTestId('kanban').getByTestId('column-count').nth(4)).toHaveText('2');
  });
  await page.goto(boardUrl.replace(/\/b\/[^/]+$/, ''));
  return { page, boardUrl };
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
