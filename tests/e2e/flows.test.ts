import { createBoard, createInvite, newPerson, signUp, expect, test } from './support.ts';

test('creating a board opens it', async ({ page }) => {
  await signUp(page, newPerson('Cora Create'));
  await page.getByLabel('Board name').fill('Winter drop');
  await page.getByRole('button', { name: 'Create board' }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9]+\/b\/[a-z0-9]+$/);
  await expect(page.getByTestId('board-title')).toHaveValue('Winter drop');
  await expect(page.getByTestId('connection-status')).toHaveText('Live');
});

test('an invitee who signs up through the invite link lands in the inviting workspace, and has no workspace of their own', async ({
  browser,
}) => {
  const owner = await (await browser.newContext()).newPage();
  const invitee = await (await browser.newContext()).newPage();
  await signUp(owner, newPerson('Olga Owner'));
  await createBoard(owner, 'Spring creators');
  const link = await createInvite(owner, 'editor');
  const workspaceUrl = owner.url().replace(/\/members$/, '');

  await invitee.goto(link);
  await invitee.getByRole('link', { name: 'Create an account' }).click();
  // The invite page has a “Join …” heading too: wait for the sign-up form's address first.
  await expect(invitee).toHaveURL(/\/signup\?invite=/);
  await expect(invitee.getByRole('heading', { name: /^Join / })).toBeVisible();
  await signUp(invitee, newPerson('Ivan Invitee'), invitee.url());

  await expect(invitee).toHaveURL(workspaceUrl);
  await expect(invitee.getByTestId('board-list')).toContainText('Spring creators');
  await expect(invitee.getByRole('button', { name: 'Accept invite' })).toHaveCount(0);
  await expect(invitee.getByTestId('workspace-switcher').locator('option')).toHaveText([/Olga/, '+ New workspace…']);
});

test('the boards list shows each board’s creators, members and last activity', async ({ page }) => {
  await signUp(page, newPerson('Lars List'));
  const boardUrl = await createBoard(page, 'Autumn pipeline');
  // The demo board has 60 creators.
  await page.getByTestId('demo-board').click();
  await expect(page.getByTestId('creator-card').first()).toBeVisible();
  await page.goto(boardUrl.replace(/\/b\/[^/]+$/, ''));

  const card = page.getByTestId('board-list').locator('li').filter({ hasText: 'Autumn pipeline' });
  // The figures are written when the edits are stored (after the store debounce): reload until then.
  await expect(async () => {
    await page.reload();
    await expect(card.getByTestId('board-figures')).toContainText('60 creators');
  }).toPass();
  await expect(card.getByTestId('board-figures')).toContainText('1 member');
  await expect(card.getByTestId('board-activity')).toHaveText(/Edited (just now|1 minute ago)/);
});
