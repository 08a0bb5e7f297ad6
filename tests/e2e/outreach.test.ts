import { type Browser, type Page } from '@playwright/test';
import { startSmtpServer } from '../integration/support/smtpServer.ts';
import { createBoard, createInvite, joinByInvite, newPerson, pick, signUp, expect, test } from './support.ts';

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
}

const SHOTS = process.env.SCREENSHOT_DIR;
async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/issue13-${name}.png` });
}

test('a user sends outreach to 5 creators while a teammate watches the progress bar, across a reload, and the cards move to Contacted', async ({
  browser,
}) => {
  test.setTimeout(240_000); // two sign-ups, an invite, a demo board and a paced send on a shared machine
  const smtp = await startSmtpServer();
  try {
    const owner = await newPage(browser);
    const teammate = await newPage(browser);
    await signUp(owner, newPerson('Olga Outreach'));
    const boardUrl = await createBoard(owner, 'Summer glow');
    const workspaceUrl = boardUrl.replace(/\/b\/.*$/, '');
    await owner.getByTestId('demo-board').click();
    await expect(owner.getByTestId('creator-card').first()).toBeVisible();
    const invite = await createInvite(owner, 'editor');
    await joinByInvite(teammate, invite, newPerson('Tom Teammate'));

    // The owner sets up the email server: 30 a minute, so the send takes a few seconds.
    await owner.goto(`${workspaceUrl}/settings/email`);
    await owner.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await owner.getByLabel('Port', { exact: true }).fill(String(smtp.port));
    await owner.getByLabel('Security', { exact: true }).selectOption('none');
    await owner.getByLabel('From address').fill('team@brand.example');
    await owner.getByLabel('From name').fill('Brand Team');
    await owner.getByLabel('Messages per minute').fill('30');
    await owner.getByRole('button', { name: 'Save settings' }).click();
    await expect(owner.getByText('Saved.')).toBeVisible();

    // … and a template, previewed live for a creator of the board.
    await owner.goto(`${workspaceUrl}/settings/templates`);
    await owner.getByLabel('Name', { exact: true }).fill('First contact');
    await owner.getByLabel('Subject').fill('{{campaign}} × {{name}}');
    await owner
      .getByLabel('Message')
      .fill('Hi {{first_name}},\n\nWe love your work on {{platform}} ({{handle}}).\n\nBest,\n{{sender_name}}');
    await expect(owner.getByTestId('message-preview')).toContainText('Summer glow ×');
    await expect(owner.getByTestId('preview-problem')).toHaveCount(0);
    await shot(owner, 'template-editor');
    await owner.getByRole('button', { name: 'Add template' }).click();
    await expect(owner.getByTestId('template-list')).toContainText('First contact');

    await owner.goto(boardUrl);
    await teammate.goto(boardUrl);
    await expect(teammate.getByTestId('creator-card').first()).toBeVisible();

    // Five creators, put in Prospect first so that sending moves every one of them.
    await owner.getByRole('tab', { name: 'Table' }).click();
    const rows = owner.getByTestId('table-row');
    const names: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      await rows.nth(i).getByRole('checkbox').check();
      names.push((await rows.nth(i).locator('button.name strong').textContent())!.trim());
    }
    await pick(owner, 'bulk-status', 'Prospect');
    await expect(owner.getByTestId('toast')).toContainText('Moved 5 creators');

    await owner.getByTestId('bulk-email').click();
    const dialog = owner.getByTestId('send-dialog');
    await expect(dialog.getByTestId('send-template')).toHaveValue(/.+/);
    await dialog.getByTestId('send-review').click();
    await expect(dialog.getByTestId('review-row')).toHaveCount(5);
    await dialog.getByTestId('review-row').first().getByRole('button').first().click();
    await expect(dialog.getByTestId('message-preview')).toContainText('We love your work on');
    await shot(owner, 'review');
    await dialog.getByTestId('send-confirm').click();
    await expect(owner.getByTestId('toast')).toContainText('Sending 5 emails');

    // The teammate sees the job's progress, still after a reload, and the cards arrive in Contacted.
    const progress = teammate.getByTestId('outreach-progress');
    await expect(progress).toContainText('Outreach “First contact” by Olga Outreach');
    await expect(progress.getByTestId('outreach-count')).toContainText('Sending');
    await shot(teammate, 'progress');
    await teammate.reload();
    await expect(teammate.getByTestId('outreach-progress')).toBeVisible();
    await expect(teammate.getByTestId('outreach-count')).toHaveText('Sent: 5 of 5', { timeout: 60_000 });
    const search = teammate.getByPlaceholder('Search creators…');
    for (const name of names) {
      await search.fill(name);
      await expect(
        teammate
          .locator('[data-status-id="influencer.contacted"]')
          .getByTestId('creator-card')
          .filter({ hasText: name }),
      ).toBeVisible();
    }

    // The SMTP server got each creator's own message once.
    expect(smtp.received).toHaveLength(5);
    for (const name of names)
      expect(smtp.received.filter((mail) => mail.subject === `Summer glow × ${name}`)).toHaveLength(1);
    expect(smtp.received[0]!.text).toMatch(/^Hi \S+,/);

    // Each is in the creator's conversation log, for the teammate too.
    await search.fill(names[0]!);
    await teammate.getByTestId('creator-card').filter({ hasText: names[0]! }).click();
    const log = teammate.getByTestId('conversation-log');
    await expect(log.getByTestId('conversation-entry')).toContainText(`Summer glow × ${names[0]}`);
    await log.getByRole('button', { name: 'Show message' }).click();
    await expect(log).toContainText('We love your work on');
    await log.getByLabel('What happened').selectOption('reply');
    await log.getByLabel('Notes').fill('Interested, asked for the brief.');
    await log.getByTestId('log-conversation').click();
    await expect(log.getByTestId('conversation-entry').first()).toContainText('Interested, asked for the brief.');
    await log.scrollIntoViewIfNeeded();
    await shot(teammate, 'conversation-log');
  } finally {
    await smtp.close();
  }
});
