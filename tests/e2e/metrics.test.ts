import { type Browser, type Page } from '@playwright/test';
import { createBoard, createInvite, joinByInvite, newPerson, signUp, expect, test } from './support.ts';

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

test('audience countries are edited as rows with a live sum, and a sum over 100 is refused with a sentence', async ({
  browser,
}) => {
  const { page } = await boardWithCreator(browser);
  const countries = page.getByTestId('audience-countries');
  const keys = countries.getByRole('textbox', { name: 'Countries: Country' });
  const total = page.getByTestId('audience-countries-total');
  await expect(countries).toContainText('No shares yet.');

  for (const [index, [country, share]] of [
    ['de', '60'],
    ['AT', '30'],
  ].entries()) {
    await countries.getByRole('button', { name: '+ Add country' }).click();
    await keys.nth(index).fill(country!);
    await countries
      .getByRole('textbox', { name: /share of/ })
      .nth(index)
      .fill(share!);
    await countries
      .getByRole('textbox', { name: /share of/ })
      .nth(index)
      .press('Tab');
  }
  await expect(total).toHaveText('Total 90%');
  await expect(keys.nth(0)).toHaveValue('DE');
  await expect(keys.nth(1)).toHaveValue('AT');

  await countries.getByRole('button', { name: '+ Add country' }).click();
  await keys.nth(2).fill('CH');
  const chShare = countries.getByRole('textbox', { name: 'Countries: share of CH %' });
  await chShare.fill('20');
  // The sum is live while typing, before anything is saved.
  await expect(total).toHaveText('Total 110% · over 100%');
  await expect(total).toHaveCSS('color', 'rgb(220, 38, 38)');
  await chShare.press('Tab');
  await expect(page.getByTestId('audience-countries-error')).toHaveText(
    'Not saved: Audience countries must add up to at most 100% (these add up to 110%).',
  );
  if (shots) await countries.screenshot({ path: `${shots}-countries-refused.png` });

  await chShare.fill('10');
  await chShare.press('Tab');
  await expect(page.getByTestId('audience-countries-error')).toHaveCount(0);
  await expect(total).toHaveText('Total 100%');

  await countries.getByRole('button', { name: 'Remove AT from countries' }).click();
  await expect(total).toHaveText('Total 70%');
  await page.reload();
  await card(page, 'mia.hart').click();
  const stored = page.getByTestId('audience-countries').getByRole('textbox', { name: 'Countries: Country' });
  await expect(stored).toHaveCount(2);
  expect(await stored.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual([
    'DE',
    'CH',
  ]);
  await expect(page.getByTestId('audience-countries-total')).toHaveText('Total 70%');
});

test('a gender split has fixed rows whose sum is checked the same way', async ({ browser }) => {
  const { page } = await boardWithCreator(browser);
  const gender = page.getByTestId('audience-gender');
  await gender.getByRole('textbox', { name: 'Gender: Female %' }).fill('70');
  await gender.getByRole('textbox', { name: 'Gender: Female %' }).press('Tab');
  await gender.getByRole('textbox', { name: 'Gender: Male %' }).fill('40');
  await gender.getByRole('textbox', { name: 'Gender: Male %' }).press('Tab');
  await expect(page.getByTestId('audience-gender-error')).toHaveText(
    'Not saved: Audience gender must add up to at most 100% (these add up to 110%).',
  );
  await expect(gender.getByRole('button', { name: /Add|Remove/ })).toHaveCount(0);
});

const PASTED_HISTORY = [
  'Date\tFollowers',
  '2026-08-01\t100,000',
  '2026-08-31\t101000',
  '2026-09-30\t102000',
  '2026-10-01\t115000',
  '2026-10-31\t116000',
  '2026-13-01\t5',
].join('\n');

test('follower history pasted from a spreadsheet fills the table, draws the chart with growth and flags a jump, live for a second page', async ({
  browser,
}) => {
  const { page, boardUrl } = await boardWithCreator(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const other = await page.context().newPage();
  await other.goto(boardUrl);
  await card(other, 'mia.hart').click();
  await expect(other.getByTestId('growth-jump-warning')).toHaveCount(0);

  await page.evaluate((text) => navigator.clipboard.writeText(text), PASTED_HISTORY);
  await page.getByLabel('Paste from a spreadsheet').focus();
  await page.keyboard.press('ControlOrMeta+V');

  await expect(page.getByTestId('history-paste-report')).toContainText('Added 5 points. 1 line was not read:');
  await expect(page.getByTestId('history-paste-report')).toContainText(
    'Line 7 (“2026-13-01, 5”): “2026-13-01” is not a date like 2026-10-01',
  );
  await expect(page.getByTestId('history-row')).toHaveCount(5);
  await expect(page.getByRole('textbox', { name: 'Followers on 2026-08-01' })).toHaveValue('100000');
  const chart = page.getByTestId('growth-chart');
  await expect(chart).toHaveAccessibleName('Followers from 100,000 on 2026-08-01 to 116,000 on 2026-10-31, 5 points.');
  // chart.js drew on the canvas (it sizes the canvas it draws on).
  await expect(chart.locator('canvas')).toHaveAttribute('style', /height/);
  await expect(page.getByTestId('growth-30')).toContainText('+0.9%');
  await expect(page.getByTestId('growth-90')).toContainText('+16%');
  await expect(page.getByTestId('growth-jump-warning')).toContainText('from 2026-09-30 to 2026-10-01');
  if (shots) {
    await page.locator('figure.growth').screenshot({ path: `${shots}-growth.png` });
    await page.getByTestId('follower-history').screenshot({ path: `${shots}-history.png` });
    await page.setViewportSize({ width: 1440, height: 2400 });
    await page.getByTestId('creator-drawer').screenshot({ path: `${shots}-drawer.png` });
  }

  await expect(other.getByTestId('growth-jump-warning')).toContainText('possibly bought followers');
  await expect(other.getByTestId('history-row')).toHaveCount(5);
});

test('a follower history row can be added, fixed and removed, and a bad date is refused at its row', async ({
  browser,
}) => {
  const { page } = await boardWithCreator(browser);
  const history = page.getByTestId('follower-history');
  await expect(history).toContainText('No points yet.');
  await history.getByRole('button', { name: '+ Add point' }).click();
  await page.getByRole('textbox', { name: 'Date of point 1' }).fill('2026-02-30');
  await page.getByRole('textbox', { name: 'Followers on 2026-02-30' }).fill('500');
  await page.getByRole('textbox', { name: 'Followers on 2026-02-30' }).press('Tab');
  await expect(page.getByTestId('follower-history-error')).toHaveText(
    'Not saved: “2026-02-30” is not a date like 2026-10-01',
  );
  await expect(page.getByRole('textbox', { name: 'Date of point 1' })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('textbox', { name: 'Date of point 1' }).fill('2026-02-28');
  await page.getByRole('textbox', { name: 'Date of point 1' }).press('Tab');
  await expect(page.getByTestId('follower-history-error')).toHaveCount(0);
  await expect(page.getByTestId('growth-30')).toContainText('Needs 30 days of history');
  await page.getByRole('button', { name: 'Remove the point of 2026-02-28' }).click();
  await expect(history).toContainText('No points yet.');
});

test('brand safety is a risk level and tags, kept after a reload', async ({ browser }) => {
  const { page } = await boardWithCreator(browser);
  const safety = page.getByTestId('brand-safety');
  await safety.getByRole('radio', { name: 'High' }).check();
  await safety.getByRole('textbox', { name: 'New brand-safety flag' }).fill('gambling ads');
  await safety.getByRole('textbox', { name: 'New brand-safety flag' }).press('Enter');
  await expect(safety.getByRole('listitem')).toHaveText(['gambling ads ✕']);
  if (shots) await safety.screenshot({ path: `${shots}-brand-safety.png` });
  await page.reload();
  await card(page, 'mia.hart').click();
  await expect(page.getByTestId('brand-safety').getByRole('radio', { name: 'High' })).toBeChecked();
  await expect(page.getByTestId('brand-safety').getByRole('listitem')).toHaveText(['gambling ads ✕']);
  await page.getByTestId('brand-safety').getByRole('button', { name: 'Remove the flag gambling ads' }).click();
  await expect(page.getByTestId('brand-safety')).toContainText('No flags.');
});

test('the board loads the chart library only when a drawer shows a chart', async ({ browser }) => {
  const { page, boardUrl } = await boardWithCreator(browser);
  await page.getByLabel('Paste from a spreadsheet').fill('2026-09-01\t100\n2026-10-01\t110');
  await page.getByLabel('Paste from a spreadsheet').press('Tab');
  await expect(page.getByTestId('growth-chart')).toBeVisible();

  // A fresh page: which scripts does the board fetch before and after a drawer with a chart opens?
  const fresh = await page.context().newPage();
  const chartScripts: string[] = [];
  fresh.on('response', async (response) => {
    if (!response.url().endsWith('.js')) return;
    // chart.js names its canvas classes "chartjs-…": only its own chunk contains the word.
    if ((await response.text().catch(() => '')).includes('chartjs')) chartScripts.push(response.url());
  });
  await fresh.goto(boardUrl);
  await expect(card(fresh, 'mia.hart')).toBeVisible();
  await expect(fresh.getByTestId('connection-status')).toHaveText('Live');
  expect(chartScripts).toEqual([]);
  await card(fresh, 'mia.hart').click();
  await expect(fresh.getByTestId('growth-chart').locator('canvas')).toHaveAttribute('style', /height/);
  await expect.poll(() => chartScripts.length).toBe(1);
});

test('a viewer sees the metrics, growth and brand safety but none of their edit controls', async ({ browser }) => {
  test.slow(); // two sign-ups and an invite
  const { page: owner, boardUrl } = await boardWithCreator(browser);
  await owner.getByLabel('Paste from a spreadsheet').fill('2026-09-01\t100\n2026-10-01\t110');
  await owner.getByLabel('Paste from a spreadsheet').press('Tab');
  await owner.getByTestId('brand-safety').getByRole('radio', { name: 'Medium' }).check();
  const invite = await createInvite(owner, 'viewer');
  const viewer = await newPage(browser);
  await joinByInvite(viewer, invite, newPerson('Vera Viewer'));
  await viewer.goto(boardUrl);
  await card(viewer, 'mia.hart').click();

  const drawer = viewer.getByTestId('creator-drawer');
  await expect(drawer.getByTestId('growth-30')).toContainText('+10%');
  await expect(drawer.getByTestId('history-row')).toHaveCount(2);
  await expect(drawer.getByRole('radio', { name: 'Medium' })).toBeChecked();
  await expect(drawer.getByRole('radio', { name: 'High' })).toBeDisabled();
  await expect(drawer.getByRole('button', { name: /^\+ Add|^Remove|^Add flag/ })).toHaveCount(0);
  await expect(drawer.getByLabel('Paste from a spreadsheet')).toHaveCount(0);
  await expect(drawer.getByRole('textbox', { name: 'Followers on 2026-09-01' })).not.toBeEditable();
  await expect(drawer.getByRole('textbox', { name: 'Gender: Female %' })).not.toBeEditable();
});
