import { createBoard, createInvite, joinByInvite, newPerson, signUp, expect, test } from './support.ts';

test('a board open in edit mode switches to view only, and back, when an owner changes the role', async ({
  browser,
}) => {
  const ownerContext = await browser.newContext();
  const editorContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const editor = await editorContext.newPage();
  const eddie = newPerson('Eddie Editor');
  await signUp(owner, newPerson('Olga Owner'));
  const boardUrl = await createBoard(owner, 'Role change');
  const inviteLink = await createInvite(owner, 'editor');
  await joinByInvite(editor, inviteLink, eddie);
  await editor.goto(boardUrl);
  await expect(editor.getByTestId('connection-status')).toHaveText('Live');
  await expect(editor.getByTestId('board-title')).toBeEditable();
  await expect(editor.getByTestId('add-creators')).toBeVisible();

  // The owner is on the Members page (where createInvite left them); Eddie has joined since.
  await owner.reload();
  const role = owner.getByLabel(`Role of ${eddie.name}`);
  await role.selectOption('viewer');
  await expect(editor.getByText('View only')).toBeVisible();
  await expect(editor.getByTestId('access-notice')).toContainText('view this board but not change it');
  await expect(editor.getByTestId('board-title')).not.toBeEditable();
  await expect(editor.getByTestId('add-creators')).toHaveCount(0);
  await expect(editor.getByTestId('connection-status')).toHaveText('Live');

  await role.selectOption('editor');
  await expect(editor.getByTestId('access-notice')).toContainText('you can now edit this board');
  await expect(editor.getByText('View only')).toHaveCount(0);
  // A document edit (the headline is the board's name, renamed over HTTP, not in the document).
  await editor.getByTestId('add-creators').click();
  await editor.getByTestId('paste-handles').fill('@back.again');
  await editor.getByRole('button', { name: 'Add 1 creator' }).click();
  await owner.goto(boardUrl);
  await expect(owner.getByTestId('creator-card').filter({ hasText: 'back.again' })).toBeVisible();

  await ownerContext.close();
  await editorContext.close();
});

test('signing out in one tab ends the board in another tab of the same browser at once', async ({ browser }) => {
  const context = await browser.newContext();
  const board = await context.newPage();
  const other = await context.newPage();
  await signUp(board, newPerson('Sam Signout'));
  const boardUrl = await createBoard(board, 'Signed out elsewhere');
  await other.goto(boardUrl);
  await expect(other.getByTestId('connection-status')).toHaveText('Live');

  await other.getByRole('button', { name: 'Sign out' }).click();
  await expect(other).toHaveURL(/\/login/);
  await expect(board.getByTestId('connection-status')).toHaveText('Access lost');
  await expect(board.getByRole('alert')).toContainText('You were signed out');
  await context.close();
});
