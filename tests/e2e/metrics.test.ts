import { expect, test, type Browser, type Page } from '@playwright/test';
import { createBoard, newPerson, signUp } from './support.ts';

const card = (page: Page, name: string) => page.getByTestId('creator-card').filter({ hasText: name });
const shots = process.env.SHOTS ? '/work/shots/metrics' : null;

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
}

/** Adds creators by pasting their handles, and waits for their cards. */
async function pasteCreators(page: Page, handles: string[]) {
  await page.getByTestId('add-creators').click();
  await page.getByTestId('paste-handles').fill(handles.join('\n'));
  await page.getByRole('button', { name: `Add ${handles.length} creator${handles.length === 1 ? '' : 's'}` }).click();
  for (const handle of handles) await expect(card(page, handle.replace('@', ''))).toBeVisible();
}

/** A fresh owner on a fresh board with one creator, whose drawer is open. */
async function boardWithCreator(browser: Browser, handle = '@mia.hart'): Promise<{ page: Page; boardUrl: string }> {
  const page = await newPage(browser);
  await signUp(page, newPerson('Olivia Owner'));
  const boardUrl = await createBoard(page, 'Screening');
  await pasteCreators(page, [handle]);
  await card(page, handle.replace('@', '')).click();
  await expect(page.getByTestId('creator-drawer')).toBeVisible();
  return { page, boardUrl };
}

test("changing the workspace's AQS bands changes a card's band live on an open board", async ({ browser }) => {
  const { page: board, boardUrl } = await boardWithCreator(browser);
  await board.getByTestId('drawer-aqs').fill('70');
  await board.getByTestId('drawer-aqs').press('Tab');
  await board.getByRole('button', { name: 'Close' }).click();
  const aqs = card(board, 'mia.hart').locator('.aqs');
  await expect(aqs).toHaveAttribute('title', 'Audience quality score 70 (Very good)');

  // The owner sets the bands on the settings page in another tab; the board stays open.
  const settings = await board.context().newPage();
  await settings.goto(`${boardUrl.replace(/\/b\/[^/]+$/, '')}/settings`);
  await settings.getByLabel('Very good starts at').fill('75');
  await settings.getByRole('button', { name: 'Save bands' }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved. One board uses the new bands.');
  if (shots) await settings.screenshot({ path: `${shots}-settings.png`, fullPage: true });

  await expect(aqs).toHaveAttribute('title', 'Audience quality score 70 (Good)');
  await settings.reload();
  await expect(settings.getByLabel('Very good starts at')).toHaveValue('75');
});

test('the settings page refuses AQS band edges that do not increase and keeps what was typed', async ({ browser }) => {
  const page = await newPage(browser);
  await signUp(page, newPerson('Olivia Owner'));
  await page.goto(`${page.url()}/settings`);
  await page.getByLabel('Good starts at', { exact: true }).fill('70');
  await page.getByRole('button', { name: 'Save bands' }).click();
  await expect(page.getByRole('alert')).toHaveText('Where Very good starts must be above where Good starts (70).');
  await expect(page.getByLabel('Very good starts at')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Good starts at', { exact: true })).toHaveValue('70');
  if (shots) await page.screenshot({ path: `${shots}-settings-refused.png`, fullPage: true });
  await page.reload();
  await expect(page.getByLabel('Good starts at', { exact: true })).toHaveValue('45');
});

test('the AQS scale previews the edges as the owner types them, before saving', async ({ browser }) => {
  const page = await newPage(browser);
  await signUp(page, newPerson('Olivia Owner'));
  await page.goto(`${page.url()}/settings`);
  const scale = page.getByRole('img', { name: /^AQS bands:/ });
  await expect(scale).toHaveAccessibleName(
    'AQS bands: Poor 0–24, Fair 25–44, Good 45–64, Very good 65–84, Excellent 85–100',
  );
  await page.getByLabel('Excellent starts at').fill('95');
  await expect(scale).toHaveAccessibleName(
    'AQS bands: Poor 0–24, Fair 25–44, Good 45–64, Very good 65–94, Excellent 95–100',
  );
});
