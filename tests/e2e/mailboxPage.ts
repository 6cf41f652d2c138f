// Drives the Sealpost web client the way a person does: by labels, roles and visible text.
import type { Page } from 'playwright-core';

export class MailboxPage {
  constructor(readonly page: Page) {}

  async login(address: string, password: string): Promise<void> {
    await this.page.getByLabel('Address').fill(address);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  async signup(username: string, password: string, invite?: string): Promise<void> {
    const p = this.page;
    if (!(await p.getByLabel('User name').isVisible())) await p.getByRole('button', { name: 'Create one' }).click();
    await p.getByLabel('User name').fill(username);
    await p.getByLabel('Password', { exact: true }).fill(password);
    await p.getByLabel('Repeat the password').fill(password);
    if (invite !== undefined) await p.getByLabel('Invite code (if you have one)').fill(invite);
    await p.getByRole('button', { name: 'Create account' }).click();
  }

  /** After the first login: reads the backup code shown once, confirms, enters the mailbox. */
  async takeBackupCode(): Promise<string> {
    const code = (await this.page.getByTestId('backup-code').textContent({ timeout: 30_000 }))!.trim();
    await this.page.getByLabel('I have saved my backup code somewhere safe').check();
    await this.page.getByRole('button', { name: 'Continue to my mailbox' }).click();
    await this.waitForMailbox();
    return code;
  }

  async restore(code: string): Promise<void> {
    await this.page.getByLabel('Backup code').fill(code);
    await this.page.getByRole('button', { name: 'Unlock' }).click();
    await this.waitForMailbox();
  }

  async waitForMailbox(): Promise<void> {
    await this.page.getByRole('button', { name: 'New message' }).waitFor({ timeout: 30_000 });
  }

  async waitOnline(): Promise<void> {
    await this.page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor({ timeout: 30_000 });
  }

  async compose(to: string, body: string, subject?: string): Promise<void> {
    const p = this.page;
    await p.getByRole('button', { name: 'New message' }).click();
    await p.getByLabel('To', { exact: true }).fill(to);
    if (subject !== undefined) await p.getByLabel('Subject (optional)').fill(subject);
    await p.getByLabel('Message', { exact: true }).fill(body);
    await p.getByTestId('compose-send').click();
  }

  async open(peer: string): Promise<void> {
    await this.page.locator(`button.conv[data-peer="${peer}"]`).click();
    await this.page.getByRole('heading', { name: peer }).waitFor();
  }

  async reply(text: string): Promise<void> {
    await this.page.getByTestId('composer').fill(text);
    await this.page.getByTestId('send').click();
  }

  /** Waits for a message bubble containing `text` and returns its locator. */
  message(text: string) {
    return this.page.getByTestId('message').filter({ hasText: text });
  }

  async conversationOrder(): Promise<string[]> {
    return this.page.locator('button.conv[data-peer]').evaluateAll((els) => els.map((e) => e.getAttribute('data-peer') ?? ''));
  }
}
