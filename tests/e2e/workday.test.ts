import { type Browser, type Page } from '@playwright/test';
import { runOperation, setAqsBands } from '@roster/shared';
import { createBoard, createInvite, joinByInvite, newPerson, signUp, withScript, expect, test } from './support.ts';

const card = (page: Page, name: string) => page.getByTestId('creator-card').filter({ hasText: name });

/** A fresh board filled with the 60 demo creators, open in `page`. Returns its URL. */
async function demoBoard(page: Page, person = newPerson('Dora Demo')): Promise<string> {
  await signUp(page, person);
  const url = await createBoard(page, 'Demo launch');
  await page.getByTestId('demo-board').click();
  await expect(card(page, 'Mia Hart')).toBeVisible();
  return url;
}

async function newPage(browser: Browser, width = 1440): Promise<Page> {
  return (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
}

test('a teammate whose name starts with an emoji shows as whole letters, legibly, on the avatars and on the card she has open', async ({
  browser,
}) => {
  test.setTimeout(150_000); // two sign-ups, an invite and a demo board on a shared machine
  const owner = await newPage(browser);
  const carla = await newPage(browser);
  const boardUrl = await demoBoard(owner);
  const invite = await createInvite(owner, 'editor');
  await owner.goto(boardUrl);
  await joinByInvite(carla, invite, newPerson('🎉 Carla Diaz'));
  await carla.goto(boardUrl);
  await card(carla, 'Mia Hart').click();
  await expect(carla.getByTestId('creator-drawer')).toBeVisible();

  await expect(owner.getByTestId('presence-avatar')).toHaveText(/^\s*CD\s*🎉 Carla Diaz\s*$/);
  const dot = card(owner, 'Mia Hart').getByTestId('card-viewers').locator('span').first();
  await expect(dot).toHaveText('CD');
  const box = (await dot.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(22);
  expect(Number.parseFloat(await dot.evaluate((element) => getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(
    11,
  );
});

test('the activity feed’s rows start at the left edge of the panel', async ({ browser }) => {
  const page = await newPage(browser);
  await demoBoard(page);
  await page.getByRole('button', { name: 'Activity' }).click();
  const entry = page.getByTestId('activity-panel').locator('li button').first();
  await expect(entry).toBeVisible();
  const [row, text] = [(await entry.boundingBox())!, (await entry.locator('span').first().boundingBox())!];
  expect(text.x - row.x).toBeLessThanOrEqual(12);
});

test('a 120-character board name stays inside its card in the boards list', async ({ browser }) => {
  const page = await newPage(browser, 1280);
  await signUp(page, newPerson('Lena Long'));
  const boardUrl = await createBoard(page, 'L'.repeat(120));
  await page.goto(boardUrl.replace(/\/b\/[^/]+$/, ''));
  await page.getByLabel('Board name').fill('Neighbour');
  await page.getByRole('button', { name: 'Create board' }).click();
  await page.goto(boardUrl.replace(/\/b\/[^/]+$/, ''));
  const longCard = page.getByTestId('board-list').locator('li').filter({ hasText: 'LLLL' });
  const [cardBox, titleBox] = [
    (await longCard.boundingBox())!,
    (await longCard.getByRole('link', { name: /^L+$/ }).boundingBox())!,
  ];
  expect(titleBox.x + titleBox.width).toBeLessThanOrEqual(cardBox.x + cardBox.width);
});

test('a full board opens without "This board is empty" flashing over it', async ({ browser }) => {
  const page = await newPage(browser);
  const boardUrl = await demoBoard(page);
  // Records whether the empty state was ever put into the page, however briefly.
  await page.addInitScript(() => {
    const seen = { empty: false };
    (window as unknown as { emptySeen: typeof seen }).emptySeen = seen;
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of Array.from(record.addedNodes))
          if (node.textContent?.includes('This board is empty')) seen.empty = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(boardUrl);
  await expect(card(page, 'Mia Hart')).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveText('Live');
  expect(await page.evaluate(() => (window as unknown as { emptySeen: { empty: boolean } }).emptySeen.empty)).toBe(
    false,
  );
});

/** Selects the first `count` rows of the table view. */
async function selectRows(page: Page, count: number): Promise<string[]> {
  await page.getByRole('tab', { name: 'Table' }).click();
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const row = page.getByTestId('table-row').nth(i);
    // The name button holds the name, then the handle on a line of its own.
    names.push((await row.getByRole('button').first().innerText()).split('\n')[0]!.trim());
    await row.getByRole('checkbox').check();
  }
  return names;
}

test('bulk Remove asks before removing, and the toast’s Undo brings the creators back even after typing in a field', async ({
  browser,
}) => {
  const page = await newPage(browser);
  await demoBoard(page);
  const names = await selectRows(page, 2);
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('table-row').filter({ hasText: names[0]! })).toHaveCount(1);
  await page.getByTestId('confirm-remove').click();
  await expect(page.getByTestId('table-row').filter({ hasText: names[0]! })).toHaveCount(0);

  // Typing in a field makes Ctrl+Z the field's; the toast's Undo still undoes the removal.
  await page.getByPlaceholder('Search creators…').fill('x');
  await page.getByPlaceholder('Search creators…').fill('');
  await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
  for (const name of names) await expect(page.getByTestId('table-row').filter({ hasText: name })).toHaveCount(1);
});

test('removed creators are listed under “Removed” and can be restored from there', async ({ browser }) => {
  const page = await newPage(browser);
  await demoBoard(page);
  const [name] = await selectRows(page, 1);
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Remove' }).click();
  await page.getByTestId('confirm-remove').click();
  await page.getByTestId('board-menu').click();
  await page.getByTestId('show-removed').click();
  const listed = page.getByTestId('removed-creator').filter({ hasText: name! });
  await expect(listed).toHaveCount(1);
  await listed.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('removed-creator')).toHaveCount(0);
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('table-row').filter({ hasText: name! })).toHaveCount(1);
});

test('cards and the table colour AQS with the board’s own bands', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const boardUrl = await demoBoard(page);
  // Another Yjs client (a script with the same session) sets the board's bands.
  await withScript(page, baseURL!, boardUrl, async ({ doc, ctx }) => {
    const bands = [
      { label: 'Weak', min: 0, color: '#6b7280' },
      { label: 'Strong', min: 50, color: '#0000ff' },
    ];
    expect(runOperation(doc, setAqsBands, { bands }, ctx).ok).toBe(true);

    const aqs = card(page, 'Mia Hart').locator('.aqs');
    await expect(aqs).toHaveAttribute('title', /\(Strong\)/);
    await expect(aqs).toHaveCSS('color', 'rgb(0, 0, 255)');
    await page.getByRole('tab', { name: 'Table' }).click();
    await expect(page.getByTestId('table-row').filter({ hasText: 'Mia Hart' }).locator('.aqs')).toContainText('Strong');
  });
});

test('the status filter is searchable and keyboard-driven: type to filter, arrows and Enter to pick', async ({
  browser,
}) => {
  const page = await newPage(browser);
  await demoBoard(page);
  await page.getByTestId('filters-button').click();
  const trigger = page.getByTestId('filter-status-influencer');
  await trigger.focus();
  await page.keyboard.type('shor');
  const list = page.getByTestId('filter-status-influencer-list');
  await expect(list.getByRole('option')).toHaveText(['Shortlisted']);
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect(list.getByRole('option').first()).toHaveText(/^\s*Prospect/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  // A multi-select stays open for more picks; Esc closes it and gives focus back.
  await expect(trigger).toHaveAttribute('data-value', 'influencer.shortlisted');
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(trigger).toBeFocused();
  await expect(page.getByTestId('kanban-column').filter({ has: page.getByTestId('creator-card') })).toHaveCount(1);
});

test('Esc closes a picker and leaves its value as it was', async ({ browser }) => {
  const page = await newPage(browser);
  await demoBoard(page);
  const trigger = page.getByTestId('group-select');
  await trigger.click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('group-select-list')).toBeHidden();
  await expect(trigger).toHaveAttribute('data-value', 'influencer');
});

test('pickers show status colours and people with their initials', async ({ browser }) => {
  const page = await newPage(browser);
  await demoBoard(page, newPerson('Pia Picker'));
  await page.getByTestId('filters-button').click();
  await page.getByTestId('filter-status-influencer').click();
  const dot = page
    .getByTestId('filter-status-influencer-list')
    .getByRole('option', { name: 'Shortlisted' })
    .locator('.dot');
  await expect(dot).toHaveCSS('background-color', /^rgb\(/);
  await page.keyboard.press('Escape');
  await page.getByTestId('filter-assignee').click();
  await expect(
    page.getByTestId('filter-assignee-list').getByRole('option', { name: 'Pia Picker' }).locator('.avatar'),
  ).toHaveText('PP');
});

test('at 900 px the toolbar stays on one row and the board’s title is not cut', async ({ browser }) => {
  const page = await newPage(browser, 900);
  await demoBoard(page);
  const toolbar = page.getByRole('navigation', { name: 'Board view' });
  const search = (await toolbar.getByRole('searchbox').boundingBox())!;
  for (const testId of ['group-select', 'filters-button', 'view-select', 'save-view']) {
    const box = (await toolbar.getByTestId(testId).boundingBox())!;
    expect(Math.abs(box.y + box.height / 2 - (search.y + search.height / 2))).toBeLessThan(4);
    expect(box.x + box.width).toBeLessThanOrEqual(900);
  }
  const title = page.getByTestId('board-title');
  const fits = await title.evaluate((input: HTMLInputElement) => input.scrollWidth <= input.clientWidth);
  expect(fits).toBe(true);
});

test('at 1280 px the board’s header keeps its actions on one row, next to the title', async ({ browser }) => {
  const page = await newPage(browser, 1280);
  await demoBoard(page);
  const add = (await page.getByTestId('add-creators').boundingBox())!;
  const title = (await page.getByTestId('board-title').boundingBox())!;
  for (const testId of ['board-menu', 'csv-menu']) {
    const box = (await page.getByTestId(testId).boundingBox())!;
    expect(Math.abs(box.y - add.y)).toBeLessThan(4);
  }
  expect(Math.abs(add.y + add.height / 2 - (title.y + title.height / 2))).toBeLessThan(12);
  expect(add.x + add.width).toBeLessThanOrEqual(1280);
});
