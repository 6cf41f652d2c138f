// The admin panel end to end: an admin (made with the gateway's CLI token) signs in to the web
// client, which gets an API token over XMPP (urn:sealpost:gateway:token:0) and drives
// /api/admin/*: dashboard, users, invites, key directory, audit log. A non-admin who opens
// /admin sees nothing of it (and never loads its code).
import { readFileSync } from 'node:fs';
import test from 'ava';
import { browserSuite } from '../harness/browserSuite.ts';
import { makeAdmin } from '../gateway/helpers.ts';
import { MailboxPage } from './mailboxPage.ts';

const suite = browserSuite(test, { name: 'admin' });

const site = () => suite.stack.prepared.config.http.publicUrl;

async function open(url = site()) {
  const w = await suite.open(url);
  return { w, ui: new MailboxPage(w.page) };
}

test.serial('an admin runs the server from the panel: dashboard, users, invites, keys, audit', async (t) => {
  const { password } = await makeAdmin(suite.stack, 'root');
  const dave = await open();
  await dave.ui.signup('dave', 'dave-password-1');
  await dave.ui.takeBackupCode();
  await dave.ui.waitOnline();

  const root = await open();
  await root.ui.login(`root@${suite.stack.domain}`, password);
  await root.ui.takeBackupCode();
  await root.ui.waitOnline();
  const p = root.w.page;
  await p.getByTestId('admin-link').click();
  await p.getByTestId('admin-panel').waitFor({ timeout: 20_000 });
  t.is(new URL(p.url()).pathname, '/admin');

  // Dashboard: counts and a 30-day chart drawn as SVG elements.
  await p.getByTestId('admin-dashboard').waitFor();
  t.true(Number(await p.getByTestId('stat-users').textContent()) >= 2);
  t.is(await p.locator('[data-testid="registrations-chart"] rect.bar').count(), 30);
  t.true(Number(await p.locator('[data-testid="registrations-chart"] rect.bar').last().getAttribute('data-count')) >= 2);
  await root.w.screenshot('admin-dashboard');

  // Users: search, disable/enable, reset password, end sessions, create, delete.
  await p.getByRole('tab', { name: 'Users' }).click();
  await p.getByLabel('Search users').fill('dave');
  const row = p.locator('[data-testid="admin-user"][data-username="dave"]');
  await row.waitFor();
  // The search answers after the unfiltered list has shown: wait for the filtered rows.
  await p.locator('[data-testid="admin-user"]:not([data-username="dave"])').first().waitFor({ state: 'detached', timeout: 10_000 });
  t.is(await p.getByTestId('admin-user').count(), 1);
  await row.getByRole('button', { name: 'Disable', exact: true }).click();
  await p.locator('[data-testid="admin-user"][data-username="dave"][data-status="disabled"]').waitFor();
  await row.getByRole('button', { name: 'Enable', exact: true }).click();
  await p.locator('[data-testid="admin-user"][data-username="dave"][data-status="active"]').waitFor();
  await row.getByRole('button', { name: 'Reset password' }).click();
  await row.getByPlaceholder('New password').fill('dave-new-password-2');
  await row.getByRole('button', { name: 'Set password', exact: true }).click();
  await row.getByRole('button', { name: 'End sessions' }).click();
  await p.getByLabel('Search users').fill('');
  await p.getByLabel('User name').fill('erin');
  await p.getByLabel('New password', { exact: true }).last().fill('erin-password-1');
  await p.getByRole('button', { name: 'Create user' }).click();
  const erin = p.locator('[data-testid="admin-user"][data-username="erin"]');
  await erin.waitFor();
  await root.w.screenshot('admin-users');
  await erin.getByRole('button', { name: 'Delete', exact: true }).click();
  await erin.getByRole('button', { name: 'Confirm delete' }).click();
  await erin.waitFor({ state: 'detached' });
  const login = await fetch(`${site()}/api/admin/users/erin`, { headers: { Authorization: 'Bearer nope' } });
  t.is(login.status, 401);

  // Invites: created with a link and its QR code, listed, revoked.
  await p.getByRole('tab', { name: 'Invites' }).click();
  await p.getByLabel('Note').fill('for frank');
  await p.getByRole('button', { name: 'Create invite' }).click();
  await p.getByTestId('invite-created').waitFor();
  t.regex(await p.getByTestId('invite-link').inputValue(), /^https?:\/\/.+/);
  t.is(await p.locator('[data-testid="invite-created"] svg.qr path').count(), 1);
  const invite = p.getByTestId('admin-invite').filter({ hasText: 'for frank' });
  await invite.waitFor();
  await root.w.screenshot('admin-invites');
  await invite.getByRole('button', { name: 'Revoke' }).click();
  await invite.waitFor({ state: 'detached' });

  // Key directory: dave's key, its history, marked compromised with a reason.
  await p.getByRole('tab', { name: 'Key directory' }).click();
  const [logFile] = await Promise.all([p.waitForEvent('download'), p.getByTestId('export-key-log').click()]);
  const exported = JSON.parse(readFileSync(await logFile.path(), 'utf8')) as { entries: { address: string }[] };
  t.true(exported.entries.some((e) => e.address === `dave@${suite.stack.domain}`));
  await p.getByLabel('Search addresses').fill('dave');
  const key = p.locator(`[data-testid="admin-key"][data-address="dave@${suite.stack.domain}"]`);
  await key.waitFor({ timeout: 15_000 });
  await key.getByRole('button').click();
  const hist = p.getByTestId('history-key').first();
  await hist.waitFor();
  t.true((await p.getByTestId('key-log-entry').count()) >= 1);
  await hist.getByRole('button', { name: 'Mark compromised' }).click();
  await p.getByPlaceholder('Reason (shown to everyone)').fill('laptop stolen');
  await p.getByRole('button', { name: 'Confirm: compromised' }).click();
  await p.locator('[data-testid="history-key"][data-compromised="true"]').waitFor();
  t.true((await p.getByTestId('admin-key-history').textContent())!.includes('laptop stolen'));
  await root.w.screenshot('admin-key-history');

  // Audit log: what we just did, by us.
  await p.getByRole('tab', { name: 'Audit log' }).click();
  await p.locator('[data-testid="audit-entry"][data-action="user.disable"]').first().waitFor();
  t.true((await p.locator('[data-testid="audit-entry"][data-action="user.delete"]').count()) >= 1);
  await root.w.screenshot('admin-audit');
  t.deepEqual(root.w.pageErrors, []);
  t.deepEqual(root.w.cspViolations, []);
});

test.serial('a non-admin who opens /admin sees nothing of the panel and never loads it', async (t) => {
  const gus = await open();
  await gus.ui.signup('gus', 'gus-password-1');
  await gus.ui.takeBackupCode();
  await gus.ui.waitOnline();
  const loaded: string[] = [];
  gus.w.page.on('request', (r) => loaded.push(r.url()));
  await gus.w.page.goto(`${site()}/admin`);
  await gus.w.page.getByTestId('admin-denied').waitFor({ timeout: 20_000 });
  t.is(await gus.w.page.getByTestId('admin-panel').count(), 0);
  t.is(await gus.w.page.getByTestId('admin-link').count(), 0);
  t.false(loaded.some((u) => u.includes('AdminPanel')));
  t.false(loaded.some((u) => /\/api\/admin\/(users|stats|invites|audit|keys)/.test(u)));
  await gus.w.screenshot('admin-denied');
});
