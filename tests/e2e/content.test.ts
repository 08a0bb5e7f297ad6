import { crc32, deflateSync } from 'node:zlib';
import { type Page } from '@playwright/test';
import { createBoard, createInvite, joinByInvite, newPerson, signUp, expect, test } from './support.ts';

const card = (page: Page, name: string) => page.getByTestId('creator-card').filter({ hasText: name });
const shots = process.env.SHOTS;

/** A real PNG picture (a warm gradient with a band), so the previews show an image. */
function gradientPng(width: number, height: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const band = Math.abs(y - height / 2) < height / 8;
      row[1 + x * 3] = band ? 255 : 240 - Math.round((x / width) * 120);
      row[2 + x * 3] = band ? 255 : 120 + Math.round((y / height) * 100);
      row[3 + x * 3] = band ? 255 : 90 + Math.round((x / width) * 140);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('a client opens the review link in a third browser, asks for changes, then approves the next version, and the team sees each decision live', async ({
  browser,
}) => {
  test.slow();
  const contextA = await browser.newContext({ viewport: { width: 1440, height: 1100 } });
  const contextB = await browser.newContext({ viewport: { width: 1440, height: 1100 } });
  const a = await contextA.newPage();
  const b = await contextB.newPage();
  await signUp(a, newPerson('Ada Owner'));
  const boardUrl = await createBoard(a, 'Autumn drafts');
  const invite = await createInvite(a, 'editor');
  await a.goto(boardUrl);
  await a.getByTestId('add-creators').click();
  await a.getByTestId('paste-handles').fill('@lena.voss');
  await a.getByRole('button', { name: 'Add 1 creator' }).click();
  await joinByInvite(b, invite, newPerson('Ben Editor'));
  await b.goto(boardUrl);
  await expect(b.getByTestId('connection-status')).toHaveText('Live');

  // A: a deliverable, then its first draft as an uploaded picture.
  await card(a, 'lena.voss').click();
  const contentA = a.getByTestId('content-section');
  await expect(contentA.getByTestId('content-empty')).toBeVisible();
  const add = a.getByTestId('add-deliverable');
  await add.getByLabel("New deliverable's format").fill('Reel');
  await add.getByLabel("New deliverable's format").press('Enter');
  await expect(contentA.getByTestId('deliverable-draft-state')).toHaveText('No draft yet');
  await contentA
    .getByTestId('draft-file-input')
    .setInputFiles({ name: 'reel-cut-1.png', mimeType: 'image/png', buffer: gradientPng(320, 180) });
  await expect(contentA.getByTestId('deliverable-draft-state')).toHaveText('Waiting for review');

  // B, with the same creator open, sees the draft and its preview.
  await card(b, 'lena.voss').click();
  const contentB = b.getByTestId('content-section');
  await expect(contentB.getByTestId('draft-preview')).toBeVisible();
  await expect
    .poll(() => contentB.getByTestId('draft-preview').evaluate((img) => (img as HTMLImageElement).naturalWidth))
    .toBe(320);

  // A makes the client's review link.
  await contentA.getByTestId('create-review-link').click();
  const link = await contentA.getByTestId('review-link-url').inputValue();
  expect(link).toMatch(/\/review\/[a-z2-7]{32}$/);
  await expect(contentA.getByTestId('review-link')).toHaveCount(1);

  // The client: no account, a third browser.
  const clientContext = await browser.newContext({ viewport: { width: 1000, height: 1100 } });
  const client = await clientContext.newPage();
  await client.goto(link);
  await expect(client.getByRole('heading', { name: 'Drafts by lena.voss' })).toBeVisible();
  await expect
    .poll(() => client.getByAltText('Draft version 1').evaluate((img) => (img as HTMLImageElement).naturalWidth))
    .toBe(320);
  if (shots) await client.screenshot({ path: 'docs/screenshots/issue12-client-review.png', fullPage: true });
  await client.getByLabel('Comment (optional)').fill('Brighter light in the first seconds, please.');
  await client.getByRole('button', { name: 'Request changes' }).click();
  await expect(client.getByTestId('decision')).toHaveText('Changes requested');

  // B sees the client's decision and comment without reloading.
  await expect(contentB.getByTestId('deliverable-draft-state')).toHaveText('Changes requested');
  await expect(contentB.getByTestId('draft-decision')).toHaveText('Changes requested');
  await expect(contentB.getByTestId('draft-comments')).toContainText('Client (review link)');
  await expect(contentB.getByTestId('draft-comments')).toContainText('Brighter light in the first seconds');

  // A submits version 2 as a link; the client approves it.
  await contentA.getByTestId('draft-link').fill('https://drive.example.com/lena/reel-cut-2');
  await contentA.getByRole('button', { name: 'Submit link' }).click();
  await expect(contentB.getByTestId('deliverable-draft-state')).toHaveText('Waiting for review');
  await client.reload();
  const version2 = client.getByTestId('review-draft').filter({ hasText: 'Version 2' });
  await expect(version2).toContainText('https://drive.example.com/lena/reel-cut-2');
  await version2.getByRole('button', { name: 'Approve' }).click();
  await expect(version2.getByTestId('decision')).toHaveText('Approved');

  // B sees it approved, and the creator moved to Draft approved, both live.
  await expect(contentB.getByTestId('deliverable-draft-state')).toHaveText('Approved');
  await expect(contentB.getByTestId('content-summary')).toHaveText('1 of 1 deliverable approved');
  // What was decided is not offered again (it would only record the same decision twice).
  await expect(contentB.getByTestId('approve-draft')).toBeDisabled();
  await expect(contentB.getByTestId('request-changes')).toBeEnabled();
  await expect(b.getByTestId('drawer-status-influencer')).toContainText('Draft approved');
  await expect(contentB.getByText('Earlier versions (1)')).toBeVisible();
  if (shots) {
    await contentB.getByText('Earlier versions (1)').click();
    await contentB.screenshot({ path: 'docs/screenshots/issue12-content-section.png' });
  }
  await Promise.all([contextA.close(), contextB.close(), clientContext.close()]);
});

test('a revoked review link stops working for the client at once', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, newPerson('Ada Owner'));
  const boardUrl = await createBoard(page, 'Revoked review');
  await page.goto(boardUrl);
  await page.getByTestId('add-creators').click();
  await page.getByTestId('paste-handles').fill('@omar.reyes');
  await page.getByRole('button', { name: 'Add 1 creator' }).click();
  await card(page, 'omar.reyes').click();
  const add = page.getByTestId('add-deliverable');
  await add.getByLabel("New deliverable's format").fill('Story');
  await add.getByLabel("New deliverable's format").press('Enter');
  const content = page.getByTestId('content-section');
  await content.getByTestId('create-review-link').click();
  const link = await content.getByTestId('review-link-url').inputValue();
  await content.getByTestId('revoke-review-link').click();
  await expect(content.getByTestId('review-link')).toContainText('revoked');

  const client = await (await browser.newContext()).newPage();
  await client.goto(link);
  await expect(client.getByRole('alert')).toHaveText(
    'This link was turned off by the team that sent it. Ask them for a new one.',
  );
  await Promise.all([context.close(), client.context().close()]);
});

test('a draft version removed by mistake comes back with Ctrl+Z, comments and all', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1100 } });
  const page = await context.newPage();
  await signUp(page, newPerson('Ada Owner'));
  await page.goto(await createBoard(page, 'Undo a removal'));
  await page.getByTestId('add-creators').click();
  await page.getByTestId('paste-handles').fill('@ines.moreau');
  await page.getByRole('button', { name: 'Add 1 creator' }).click();
  await card(page, 'ines.moreau').click();
  const add = page.getByTestId('add-deliverable');
  await add.getByLabel("New deliverable's format").fill('TikTok video');
  await add.getByLabel("New deliverable's format").press('Enter');
  const content = page.getByTestId('content-section');
  await content.getByTestId('draft-link').fill('https://drive.example.com/ines/cut-1');
  await content.getByTestId('draft-link').press('Enter');
  await content.getByTestId('draft-comment').fill('Music too loud at the end.');
  await content.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(content.getByTestId('draft-comments')).toContainText('Music too loud');

  await content.getByRole('button', { name: 'Remove version' }).click();
  await content.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(content.getByTestId('draft')).toHaveCount(0);
  await expect(content.getByTestId('deliverable-draft-state')).toHaveText('No draft yet');

  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await expect(content.getByTestId('draft-url')).toHaveText('https://drive.example.com/ines/cut-1');
  await expect(content.getByTestId('draft-comments')).toContainText('Music too loud');
  await context.close();
});
