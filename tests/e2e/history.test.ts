import { type Browser, type Page } from '@playwright/test';
import { createBoard, createInvite, joinByInvite, newPerson, signUp, expect, test } from './support.ts';

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
}

const card = (page: Page, name: string) => page.getByTestId('creator-card').filter({ hasText: name });

test('20 creators removed in bulk come back from History while a teammate edits another creator, whose edit stays', async ({
  browser,
}) => {
  test.setTimeout(180_000); // two sign-ups, an invite and a demo board on a shared machine
  const owner = await newPage(browser);
  const teammate = await newPage(browser);
  await signUp(owner, newPerson('Hattie History'));
  const boardUrl = await createBoard(owner, 'Restorable');
  await owner.getByTestId('demo-board').click();
  await expect(card(owner, 'Mia Hart')).toBeVisible();
  const invite = await createInvite(owner, 'editor');
  await joinByInvite(teammate, invite, newPerson('Ted Teammate'));
  await owner.goto(boardUrl);
  await teammate.goto(boardUrl);
  await expect(card(teammate, 'Mia Hart')).toBeVisible();

  // The owner removes 20 creators in bulk from the table (not Mia Hart).
  await owner.getByRole('tab', { name: 'Table' }).click();
  const rows = owner.getByTestId('table-row').filter({ hasNotText: 'Mia Hart' });
  for (let i = 0; i < 20; i += 1) await rows.nth(i).getByRole('checkbox').check();
  await owner.getByTestId('bulk-bar').getByRole('button', { name: 'Remove' }).click();
  await owner.getByTestId('confirm-remove').click();
  await expect(owner.getByText('40 of 40')).toBeVisible();

  // The teammate edits Mia Hart while the owner restores.
  await card(teammate, 'Mia Hart').click();
  const followers = teammate.getByTestId('drawer-followers');
  await followers.fill('123456');
  await followers.press('Tab');

  await owner.getByTestId('board-menu').click();
  await owner.getByTestId('open-history').click();
  const list = owner.getByTestId('snapshot-list');
  await list
    .getByRole('button', { name: /Before creators were removed/ })
    .first()
    .click();
  await expect(owner.getByTestId('snapshot-diff')).toContainText('20 removed');
  await owner.getByTestId('restore-selected').click();
  await expect(owner.getByTestId('toast')).toContainText('Restored 20 creators');

  await expect(owner.getByText('60 of 60')).toBeVisible();
  await expect(teammate.getByText('60 of 60')).toBeVisible();
  // The teammate's edit of a creator the restore did not touch is kept, on both screens.
  await expect(followers).toHaveValue('123456');
  await owner.getByTestId('history-panel').getByRole('button', { name: 'Close' }).click();
  await owner.getByPlaceholder('Search creators…').fill('Mia Hart');
  await owner.getByTestId('table-row').filter({ hasText: 'Mia Hart' }).getByRole('button').first().click();
  await expect(owner.getByTestId('drawer-followers')).toHaveValue('123456');
});
