import { type Browser, type Page } from '@playwright/test';
import { createBoard, createInvite, joinByInvite, newPerson, signUp, expect, test } from './support.ts';

const card = (page: Page, name: string) => page.getByTestId('creator-card').filter({ hasText: name });
const rows = (page: Page) => page.getByTestId('table-row');
const row = (page: Page, name: string) => rows(page).filter({ has: page.locator('.name strong', { hasText: name }) });
/** Screenshots for a person to look at, when SHOTS is set. */
const shot = async (page: Page, name: string) =>
  process.env.SHOTS ? page.screenshot({ path: `/work/shots/table-${name}.png` }) : undefined;

async function newPage(browser: Browser, width = 1440): Promise<Page> {
  return (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
}

/** A fresh board filled with the 60 demo creators, open in `page`. Returns its URL. */
async function demoBoard(page: Page, person = newPerson('Sam Screen')): Promise<string> {
  await signUp(page, person);
  const url = await createBoard(page, 'Summer launch');
  await page.getByTestId('demo-board').click();
  await expect(card(page, 'Mia Hart')).toBeVisible();
  return url;
}

/** Picks options of a multi-select filter in the filter panel, then closes its list. */
async function pickMany(page: Page, testId: string, labels: string[]) {
  await page.getByTestId(testId).click();
  const list = page.getByTestId(`${testId}-list`);
  for (const label of labels) await list.getByRole('option', { name: label, exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
}

async function shownCount(page: Page): Promise<number> {
  const text = await page.getByTestId('shown-count').innerText();
  return Number(text.split(' of ')[0]);
}

/** The influencer status of every row shown, by creator name. */
async function influencerStatuses(page: Page): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  for (const element of await rows(page).all()) {
    const name = await element.locator('.name strong').innerText();
    const cell = element.getByTestId('cell-status.influencer');
    statuses.set(name, (await cell.getAttribute('data-value')) ?? '');
  }
  return statuses;
}

test('screening moves every creator the filters show to Rejected in one step, and Undo puts each back in its own status', async ({
  browser,
}) => {
  const page = await newPage(browser);
  await demoBoard(page);
  await page.getByRole('tab', { name: 'Table' }).click();
  await page.getByTestId('filters-button').click();
  await pickMany(page, 'filter-aqs', ['Poor']);
  await expect(page.getByTestId('filter-chip-label')).toHaveText(['AQS: Poor']);
  const count = await shownCount(page);
  expect(count).toBeGreaterThan(1);
  expect(count, 'every row fits on the screen').toBeLessThan(14);
  await expect(rows(page)).toHaveCount(count);
  const before = await influencerStatuses(page);
  expect(new Set(before.values()).size, 'the screened creators start in different statuses').toBeGreaterThan(1);
  await shot(page, 'screen-filtered');

  await page.getByTestId('screen-actions').getByRole('button', { name: 'Rejected' }).click();
  await expect(page.getByTestId('toast')).toContainText(`Moved ${count} creators to Rejected.`);
  await expect
    .poll(async () => [...(await influencerStatuses(page)).values()])
    .toEqual(Array(count).fill('influencer.rejected'));

  await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('toast')).toContainText(`Put ${count} creators back.`);
  await expect.poll(async () => [...(await influencerStatuses(page)).entries()]).toEqual([...before.entries()]);
});

test('filters combine: a status in one group and a follower range show only creators matching both, on the kanban too', async ({
  browser,
}) => {
  const page = await newPage(browser);
  await demoBoard(page);
  await page.getByTestId('filters-button').click();
  await pickMany(page, 'filter-status-influencer', ['Prospect']);
  const prospects = await shownCount(page);
  await page.getByTestId('filter-followers-min').fill('50k');
  await page.getByTestId('filter-followers-min').press('Enter');
  await expect(page.getByTestId('filter-chip-label')).toHaveText(['Followers: ≥ 50K', 'Influencer: Prospect']);
  await expect.poll(() => shownCount(page)).toBeLessThan(prospects);
  const both = await shownCount(page);
  await expect(page.getByTestId('creator-card')).toHaveCount(both);
  await page.getByRole('button', { name: 'Remove filter Followers: ≥ 50K' }).click();
  await expect.poll(() => shownCount(page)).toBe(prospects);
  await page.getByTestId('clear-filters').click();
  await expect.poll(() => shownCount(page)).toBe(60);
  await expect(page.getByTestId('filter-chips')).toBeHidden();
});

test('a view saved by one person appears live for a teammate, and choosing it applies its filters and table', async ({
  browser,
}) => {
  test.slow(); // two sign-ups and an invite
  const owner = await newPage(browser);
  const boardUrl = await demoBoard(owner, newPerson('Olga Owner'));
  const invite = await createInvite(owner, 'editor');
  const teammate = await newPage(browser);
  await joinByInvite(teammate, invite, newPerson('Ted Teammate'));
  await teammate.goto(boardUrl);
  await owner.goto(boardUrl);
  await expect(card(teammate, 'Mia Hart')).toBeVisible();

  await owner.getByRole('tab', { name: 'Table' }).click();
  await owner.getByTestId('filters-button').click();
  await pickMany(owner, 'filter-platform', ['TikTok']);
  const count = await shownCount(owner);
  expect(count).toBeLessThan(60);
  await owner.getByTestId('save-view').click();
  await owner.getByLabel('Name', { exact: true }).fill('TikTok only');
  await owner.getByTestId('view-dialog').getByRole('button', { name: 'Save view' }).click();
  await expect(owner.getByTestId('view-select')).toHaveAttribute('aria-label', 'Saved view: TikTok only');

  await teammate.getByTestId('view-select').click();
  await teammate.getByTestId('view-select-list').getByRole('option', { name: 'TikTok only' }).click();
  await expect(teammate.getByRole('tab', { name: 'Table' })).toHaveAttribute('aria-selected', 'true');
  await expect(teammate.getByTestId('filter-chip-label')).toHaveText(['Platform: TikTok']);
  await expect.poll(() => shownCount(teammate)).toBe(count);
  await shot(teammate, 'saved-view');
});

test('a refused value typed in a table cell shows its sentence at the cell and is not saved', async ({ browser }) => {
  const page = await newPage(browser);
  await demoBoard(page);
  await page.getByRole('tab', { name: 'Table' }).click();
  await page.getByTestId('columns-button').click();
  await page.getByTestId('columns-list').getByLabel('Email', { exact: true }).check();
  await page.keyboard.press('Escape');
  const mia = row(page, 'Mia Hart');
  const email = await mia.getByTestId('cell-email').innerText();
  await mia.getByTestId('cell-email').click();
  const editor = mia.getByTestId('cell-editor');
  await editor.fill('mia at example');
  await editor.press('Enter');
  await expect(mia.getByTestId('cell-error')).toHaveText('Not saved: Email is not an email address.');
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await expect(editor).toHaveValue('mia at example');
  await shot(page, 'cell-refused');
  await editor.press('Escape');
  await expect(mia.getByTestId('cell-email')).toHaveText(email);
  await mia.locator('.name').click();
  await expect(page.getByTestId('creator-drawer').getByLabel('Email')).toHaveValue(email);
});

test('a value typed in a table cell is saved through the same checks as the drawer', async ({ browser }) => {
  const page = await newPage(browser);
  await demoBoard(page);
  await page.getByRole('tab', { name: 'Table' }).click();
  const mia = row(page, 'Mia Hart');
  await mia.getByTestId('cell-followers').click();
  await mia.getByTestId('cell-editor').fill('48.2k');
  await mia.getByTestId('cell-editor').press('Enter');
  await expect(mia.getByTestId('cell-followers')).toHaveText('48,200');
  await mia.getByTestId('cell-fee').click();
  await mia.getByTestId('cell-editor').fill('1500 usd');
  await mia.getByTestId('cell-editor').press('Enter');
  await expect(mia.getByTestId('cell-fee')).toHaveText('$1,500');
  await mia.locator('.name').click();
  await expect(page.getByTestId('drawer-followers')).toHaveValue('48200');
  await expect(page.getByTestId('drawer-fee')).toHaveValue('1500');
});

test('a risk level set in the table is what the brand-safety filter finds', async ({ browser }) => {
  const page = await newPage(browser);
  await demoBoard(page);
  await page.getByRole('tab', { name: 'Table' }).click();
  await page.getByTestId('columns-button').click();
  await page.getByTestId('columns-list').getByLabel('Brand-safety risk', { exact: true }).check();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^Brand-safety risk of Mia Hart/ }).click();
  await page.getByRole('option', { name: 'High risk', exact: true }).click();
  await page.getByTestId('filters-button').click();
  await pickMany(page, 'filter-risk', ['High risk']);
  await expect(page.getByTestId('filter-chip-label')).toHaveText(['Risk: High risk']);
  await expect(rows(page).locator('.name strong')).toContainText(['Mia Hart']);
  await expect(row(page, 'Mia Hart').locator('.brandSafetyRisk')).toContainText('High risk');
});

test('clicking a column header sorts by it, and again the other way', async ({ browser }) => {
  const page = await newPage(browser);
  await demoBoard(page);
  await page.getByRole('tab', { name: 'Table' }).click();
  const followers = async () =>
    (await rows(page).locator('.cell.followers').allInnerTexts()).slice(0, 8).map((t) => Number(t.replace(/,/g, '')));
  await page.getByTestId('sort-followers').click();
  await expect(page.getByRole('columnheader', { name: /Followers/ })).toHaveAttribute('aria-sort', 'descending');
  const down = await followers();
  expect(down).toEqual([...down].sort((a, b) => b - a));
  await page.getByTestId('sort-followers').click();
  await expect(page.getByRole('columnheader', { name: /Followers/ })).toHaveAttribute('aria-sort', 'ascending');
  const up = await followers();
  expect(up).toEqual([...up].sort((a, b) => a - b));
});

test('the totals row counts the creators shown, sums their followers and their fees per currency', async ({
  browser,
}) => {
  const page = await newPage(browser);
  await signUp(page, newPerson('Tina Totals'));
  await createBoard(page, 'Totals');
  await page.getByTestId('add-creators').click();
  await page.getByTestId('paste-handles').fill(['@ada', '@ben', '@cleo'].join('\n'));
  await page.getByRole('button', { name: 'Add 3 creators' }).click();
  await page.getByRole('tab', { name: 'Table' }).click();
  const values: [string, string, string][] = [
    ['ada', '1000', '100 EUR'],
    ['ben', '2500', '50.5 EUR'],
    ['cleo', '500', '20 USD'],
  ];
  for (const [name, followers, fee] of values) {
    for (const [cell, value] of [
      ['cell-followers', followers],
      ['cell-fee', fee],
    ] as const) {
      await row(page, name).getByTestId(cell).click();
      await row(page, name).getByTestId('cell-editor').fill(value);
      await row(page, name).getByTestId('cell-editor').press('Enter');
      await expect(row(page, name).getByTestId('cell-editor')).toHaveCount(0);
    }
  }
  await expect(page.getByTestId('total-name')).toHaveText('3 creators');
  await expect(page.getByTestId('total-followers')).toHaveText('4K');
  await expect(page.getByTestId('total-fee')).toHaveText('€151 · $20');
  await shot(page, 'totals');
});

test('chosen columns stay after a reload in this browser, and a saved view brings its own back', async ({
  browser,
}) => {
  const page = await newPage(browser);
  await demoBoard(page);
  await page.getByRole('tab', { name: 'Table' }).click();
  const headers = page.getByRole('columnheader');
  await page.getByTestId('columns-button').click();
  const list = page.getByTestId('columns-list');
  await list.getByLabel('Email', { exact: true }).check();
  await list.getByLabel('Contract', { exact: true }).uncheck();
  await list.getByRole('button', { name: 'Move Email up (left in the table)' }).click();
  await page.keyboard.press('Escape');
  const chosen = await headers.allInnerTexts();
  expect(chosen).toContain('Email');
  expect(chosen).not.toContain('Contract');
  expect(chosen.indexOf('Email')).toBeLessThan(chosen.length - 1);
  await shot(page, 'columns');

  await page.reload();
  await page.getByRole('tab', { name: 'Table' }).click();
  await expect(headers).toHaveText(chosen);

  await page.getByTestId('save-view').click();
  await page.getByLabel('Name', { exact: true }).fill('With emails');
  await page.getByTestId('view-dialog').getByRole('button', { name: 'Save view' }).click();
  await page.getByTestId('columns-button').click();
  await list.getByRole('button', { name: 'Reset to default' }).click();
  await page.keyboard.press('Escape');
  await expect(headers).not.toHaveText(chosen);
  await page.getByTestId('view-select').click();
  await page.getByTestId('view-select-list').getByRole('option', { name: 'With emails' }).click();
  await expect(headers).toHaveText(chosen);
});

test('kanban cards show the creator’s status in each of the three groups', async ({ browser }) => {
  const page = await newPage(browser);
  await demoBoard(page);
  const statuses = card(page, 'Mia Hart').getByTestId('card-statuses');
  await expect(statuses.locator('[data-group]')).toHaveCount(3);
  await expect(statuses.locator('[data-group="contract"]')).toHaveAttribute('title', /^Contract: /);
  await expect(statuses.locator('[data-group="payment"]')).toHaveAttribute('title', /^Payment: /);
  await shot(page, 'kanban-cards');
});

test('a viewer can filter and choose saved views, but gets no save, screen or cell editing', async ({ browser }) => {
  test.slow(); // two sign-ups and an invite
  const owner = await newPage(browser);
  const boardUrl = await demoBoard(owner, newPerson('Olivia Owner'));
  const invite = await createInvite(owner, 'viewer');
  const viewer = await newPage(browser);
  await joinByInvite(viewer, invite, newPerson('Vic Viewer'));
  await owner.goto(boardUrl);
  await owner.getByTestId('save-view').click();
  await owner.getByLabel('Name', { exact: true }).fill('Everyone');
  await owner.getByTestId('view-dialog').getByRole('button', { name: 'Save view' }).click();

  await viewer.goto(boardUrl);
  await expect(card(viewer, 'Mia Hart')).toBeVisible();
  await expect(viewer.getByTestId('save-view')).toHaveCount(0);
  await viewer.getByTestId('view-select').click();
  await expect(viewer.getByTestId('view-select-list').getByRole('option', { name: 'Everyone' })).toBeVisible();
  await viewer.keyboard.press('Escape');
  await viewer.getByTestId('filters-button').click();
  await pickMany(viewer, 'filter-aqs', ['Poor']);
  await expect(viewer.getByTestId('filter-chip-label')).toHaveText(['AQS: Poor']);
  await expect(viewer.getByTestId('screen-actions')).toHaveCount(0);
  await viewer.getByRole('tab', { name: 'Table' }).click();
  await expect(rows(viewer).first()).toBeVisible();
  await expect(viewer.getByTestId('cell-followers')).toHaveCount(0);
  await expect(viewer.getByTestId('cell-status.influencer')).toHaveCount(0);
});
