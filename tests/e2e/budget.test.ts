import { type Browser, type Page } from '@playwright/test';
import { addCreators, runOperation, setFee, setStatus, type NewCreator } from '@roster/shared';
import {
  createBoard,
  createInvite,
  joinByInvite,
  newPerson,
  pick,
  signUp,
  withScript,
  expect,
  test,
} from './support.ts';

const card = (page: Page, name: string) => page.getByTestId('creator-card').filter({ hasText: name });
const shots = process.env.SHOTS;

async function newPage(browser: Browser, width = 1440): Promise<Page> {
  return (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
}

interface Seed extends NewCreator {
  status: string;
  fee?: { amount: number; currency: string };
}

const ANNA: Seed = {
  name: 'Anna Berg',
  followers: 50_000,
  engagementRate: 2,
  avgViews: 12_000,
  aqs: 72,
  audience: {
    countries: { DE: 60, AT: 10, US: 30 },
    ages: { '18-24': 50, '35-44': 50 },
    gender: { female: 60, male: 40 },
  },
  status: 'influencer.negotiating',
  fee: { amount: 1000, currency: 'EUR' },
};
const BEN: Seed = {
  name: 'Ben Costa',
  followers: 200_000,
  engagementRate: 1,
  aqs: 40,
  audience: { countries: { BR: 90, PT: 10 } },
  status: 'influencer.brief-sent',
  fee: { amount: 2500, currency: 'EUR' },
};
const CLEO: Seed = {
  name: 'Cleo Dubois',
  followers: 30_000,
  engagementRate: 5,
  status: 'influencer.content-posted',
  fee: { amount: 300, currency: 'USD' },
};

/**
 * Signs up, creates a board and adds the creators with their statuses and fees through a script
 * client (a Yjs client with the same session), as an import would. Returns the board's URL.
 */
async function seededBoard(page: Page, baseURL: string, seeds: Seed[]): Promise<string> {
  await signUp(page, newPerson('Mara Match'));
  const boardUrl = await createBoard(page, 'Spring campaign');
  await withScript(page, baseURL, boardUrl, async ({ doc, ctx }) => {
    const added = runOperation(doc, addCreators, { creators: seeds.map(({ status: _, fee: __, ...c }) => c) }, ctx);
    if (!added.ok) throw new Error(added.error.message);
    seeds.forEach((seed, index) => {
      const creatorId = added.ids[index]!;
      expect(
        runOperation(doc, setStatus, { creatorIds: [creatorId], group: 'influencer', statusId: seed.status }, ctx).ok,
      ).toBe(true);
      if (seed.fee) expect(runOperation(doc, setFee, { creatorId, fee: seed.fee }, ctx).ok).toBe(true);
    });
    await expect(card(page, seeds[0]!.name)).toBeVisible();
  });
  return boardUrl;
}

test('a target audience gives each creator a match score on its card and in the drawer, and says “no data” without audience data', async ({
  page,
  baseURL,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await seededBoard(page, baseURL!, [ANNA, BEN, CLEO]);
  await expect(page.getByTestId('match-badge')).toHaveCount(0);

  await page.getByTestId('board-menu').click();

  await page.getByTestId('target-audience').click();
  const dialog = page.getByTestId('target-dialog');
  for (const [index, code] of ['de', 'AT'].entries()) {
    await dialog.getByRole('button', { name: '+ Add country' }).click();
    await dialog.getByLabel(`Country ${index + 1} code`).fill(code);
  }
  await dialog.getByLabel('From').fill('18');
  await dialog.getByLabel('to', { exact: true }).fill('34');
  await dialog.getByLabel('Gender').selectOption('female');
  if (shots) await page.screenshot({ path: `${shots}/match-target-dialog.png` });
  await dialog.getByTestId('save-target').click();
  await expect(dialog).toBeHidden();

  // Anna: countries 0.7, ages 0.5, gender 0.6 → 62. Ben: only countries known, none in the target → 0.
  await expect(card(page, 'Anna Berg').getByTestId('match-badge')).toHaveText('62% match');
  await expect(card(page, 'Ben Costa').getByTestId('match-badge')).toHaveText('0% match*');
  await expect(card(page, 'Cleo Dubois').getByTestId('match-badge')).toHaveText('no data');
  await expect(card(page, 'Anna Berg')).toHaveAttribute('aria-label', /^Anna Berg, 62% audience match\./);
  if (shots) {
    await card(page, 'Anna Berg').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/match-cards.png` });
  }

  // The table's Match and cost columns come from the same functions.
  await page.getByRole('tab', { name: 'Table' }).click();
  await page.getByTestId('columns-button').click();
  for (const label of ['Match', 'Cost / engagement'])
    await page.getByTestId('columns-list').getByLabel(label, { exact: true }).check();
  await page.keyboard.press('Escape');
  const row = page.getByTestId('table-row').filter({ hasText: 'Anna Berg' });
  await expect(row.locator('.cell.match')).toHaveText('62');
  await expect(row.locator('.cell.costPerEngagement')).toHaveText('1.00 EUR');
  await expect(page.getByTestId('table-row').filter({ hasText: 'Cleo Dubois' }).locator('.cell.match')).toHaveText(
    'no data',
  );
  await page.getByRole('tab', { name: 'Kanban' }).click();

  await card(page, 'Anna Berg').click();
  await expect(page.getByTestId('match-score')).toContainText('62');
  await expect(page.getByTestId('match-details')).toContainText('Countries');
  if (shots) await page.getByTestId('creator-drawer').screenshot({ path: `${shots}/match-drawer.png` });
});

test('the target audience refuses wanted shares over 100 with a sentence and keeps what was typed', async ({
  page,
  baseURL,
}) => {
  await seededBoard(page, baseURL!, [ANNA]);
  await page.getByTestId('board-menu').click();
  await page.getByTestId('target-audience').click();
  const dialog = page.getByTestId('target-dialog');
  for (const [index, [code, share]] of [
    ['DE', '70'],
    ['AT', '40'],
  ].entries()) {
    await dialog.getByRole('button', { name: '+ Add country' }).click();
    await dialog.getByLabel(`Country ${index + 1} code`).fill(code!);
    await dialog.getByLabel(`Wanted share of the audience in country ${index + 1}, percent`).fill(share!);
  }
  await dialog.getByTestId('save-target').click();
  await expect(dialog.getByTestId('target-error')).toHaveText('Countries must have shares that add up to 100 or less.');
  await expect(dialog.getByLabel('Country 2 code')).toHaveValue('AT');
  await expect(card(page, 'Anna Berg').getByTestId('match-badge')).toHaveCount(0);
});

test('committed spend updates live in a second browser when a creator moves past Negotiating', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000); // two sign-ups and an invite on a shared machine
  const owner = await newPage(browser);
  const boardUrl = await seededBoard(owner, baseURL!, [ANNA, BEN, CLEO]);
  await owner.getByTestId('edit-budget').click();
  await owner.getByTestId('budget-amount').fill('10000');
  await owner.getByTestId('budget-currency').fill('EUR');
  await owner.getByTestId('save-budget').click();
  await expect(owner.getByTestId('budget-total')).toHaveText('€10,000');

  const invite = await createInvite(owner, 'editor');
  await owner.goto(boardUrl);
  const editor = await newPage(browser);
  await joinByInvite(editor, invite, newPerson('Eli Editor'));
  await editor.goto(boardUrl);
  // Ben (brief sent) is committed; Cleo's USD fee is shown apart, not converted.
  await expect(editor.getByTestId('budget-committed')).toHaveText('€2,500');
  await expect(editor.getByTestId('budget-remaining')).toHaveText('€7,500');
  await expect(editor.getByTestId('budget-other')).toHaveText('+ $300 not counted');

  await card(owner, 'Anna Berg').click();
  await pick(owner, 'drawer-status-influencer', 'Brief sent');

  await expect(editor.getByTestId('budget-committed')).toHaveText('€3,500');
  await expect(editor.getByTestId('budget-remaining')).toHaveText('€6,500');
  await expect(editor.getByTestId('budget-reach')).toHaveText('280K');
  if (shots) await editor.getByTestId('budget-bar').screenshot({ path: `${shots}/match-budget-bar.png` });
});

test('three selected creators compare side by side with audience bars, metrics and costs, readable at 1280 px', async ({
  page,
  baseURL,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await seededBoard(page, baseURL!, [ANNA, BEN, CLEO]);
  await page.getByRole('tab', { name: 'Table' }).click();
  for (const name of ['Anna Berg', 'Ben Costa']) await page.getByLabel(`Select ${name}`).check();
  await expect(page.getByTestId('compare')).toBeVisible();
  await page.getByLabel('Select Cleo Dubois').check();
  if (shots) await page.screenshot({ path: `${shots}/match-table-1280.png` });
  await page.getByTestId('compare').click();

  const dialog = page.getByTestId('compare-dialog');
  await expect(dialog.getByTestId('compare-column')).toHaveText([/Anna Berg/, /Ben Costa/, /Cleo Dubois/]);
  const row = (label: string) =>
    dialog.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
  // Anna: €1,000 / 50,000 followers → €20.00 per 1,000; 50,000 × 2 % = 1,000 engagements → €1.00 each.
  await expect(row('Cost per 1,000 followers').getByRole('cell')).toHaveText(['€20.00', '€12.50', '$10.00']);
  await expect(row('Cost per expected engagement').getByRole('cell')).toHaveText(['€1.00', '€1.25', '$0.20']);
  await expect(row('Audience countries').getByRole('cell').nth(0)).toContainText('DE');
  await expect(row('Audience countries').getByRole('cell').nth(2)).toHaveText('no data');
  await expect(row('Followers').getByRole('cell')).toHaveText(['50K', '200K', '30K']);

  // Readable at 1280 px: the whole table fits without scrolling sideways.
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(1280);
  const overflow = await dialog.locator('.compare').evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  if (shots) await page.screenshot({ path: `${shots}/match-compare.png` });
});

test('a viewer sees the budget and the target audience but cannot change them', async ({ browser, baseURL }) => {
  test.setTimeout(150_000); // two sign-ups and an invite on a shared machine
  const owner = await newPage(browser);
  const boardUrl = await seededBoard(owner, baseURL!, [ANNA, BEN]);
  await owner.getByTestId('board-menu').click();
  await owner.getByTestId('target-audience').click();
  await owner.getByRole('button', { name: '+ Add country' }).click();
  await owner.getByLabel('Country 1 code').fill('DE');
  await owner.getByTestId('save-target').click();
  await expect(card(owner, 'Anna Berg').getByTestId('match-badge')).toHaveText('60% match');

  const invite = await createInvite(owner, 'viewer');
  const viewer = await newPage(browser);
  await joinByInvite(viewer, invite, newPerson('Vic Viewer'));
  await viewer.goto(boardUrl);
  await expect(card(viewer, 'Anna Berg').getByTestId('match-badge')).toHaveText('60% match');
  await expect(viewer.getByTestId('budget-committed')).toHaveText('€2,500');
  await expect(viewer.getByTestId('edit-budget')).toHaveCount(0);

  await viewer.getByTestId('board-menu').click();

  await viewer.getByTestId('target-audience').click();
  const dialog = viewer.getByTestId('target-dialog');
  await expect(dialog.getByLabel('Country 1 code')).toHaveValue('DE');
  await expect(dialog.getByLabel('Country 1 code')).not.toBeEditable();
  await expect(dialog.getByRole('button', { name: '+ Add country' })).toHaveCount(0);
  await expect(dialog.getByTestId('save-target')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  // Comparing changes nothing, so a viewer may select creators for it, but gets no bulk changes.
  await viewer.getByRole('tab', { name: 'Table' }).click();
  for (const name of ['Anna Berg', 'Ben Costa']) await viewer.getByLabel(`Select ${name}`).check();
  await expect(viewer.getByTestId('bulk-bar').getByRole('button', { name: 'Remove' })).toHaveCount(0);
  await viewer.getByTestId('compare').click();
  await expect(viewer.getByTestId('compare-dialog').getByTestId('compare-column')).toHaveText([
    /Anna Berg/,
    /Ben Costa/,
  ]);
});
