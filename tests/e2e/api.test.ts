import { createBoard, expect, newPerson, signUp, test } from './support.ts';

const column = (page: import('@playwright/test').Page, name: string) =>
  page.getByTestId('kanban-column').filter({ has: page.getByRole('heading', { name }) });

test('a script with a token made in the settings adds 100 creators and moves 10 while the board is open, and the board shows it live', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signUp(page, newPerson('Ivy Integrator'));
  const boardUrl = await createBoard(page, 'Imported by script');
  const boardId = boardUrl.split('/').at(-1)!;
  const workspaceId = boardUrl.split('/').at(-3)!;

  await page.goto(`/w/${workspaceId}/settings/api`);
  await page.getByLabel('Token name').fill('Nightly import');
  await page.getByRole('button', { name: 'Make token' }).click();
  const token = (await page.getByTestId('new-token').locator('code').textContent())!.trim();
  expect(token).toMatch(/^roster_[a-z2-7]{32}$/);
  await expect(page.getByTestId('token-list')).toContainText('Nightly import');
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}-api-tokens.png`, fullPage: true });

  await page.goto(boardUrl);
  await expect(page.getByTestId('connection-status')).toHaveText('Live');
  const headers = { authorization: `Bearer ${token}` };
  const creators = Array.from({ length: 100 }, (_, i) => ({
    name: `Scripted ${i}`,
    handles: [{ platform: 'tiktok', handle: `scripted.${i}` }],
  }));
  const added = await request.post(`/api/v1/boards/${boardId}/creators`, { headers, data: { creators } });
  expect(added.status()).toBe(201);
  const { ids } = (await added.json()) as { ids: string[] };
  await expect(column(page, 'Prospect').getByTestId('column-count')).toHaveText('100');

  for (const id of ids.slice(0, 10)) {
    const moved = await request.patch(`/api/v1/boards/${boardId}/creators/${id}`, {
      headers,
      data: { statuses: { influencer: 'influencer.shortlisted' } },
    });
    expect(moved.status()).toBe(200);
  }
  await expect(column(page, 'Shortlisted').getByTestId('column-count')).toHaveText('10');
  await expect(column(page, 'Prospect').getByTestId('column-count')).toHaveText('90');
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}-api-board.png` });
});
