// `npm run admin -- ...` as a separate process against a running stack: it finds the
// gateway through the credential file in the data folder (the same SEALPOST_DATA_DIR).
import { statSync } from 'node:fs';
import test from 'ava';
import { cliCredentialFile } from '../../gateway/src/cli/credential.ts';
import type { TestStack } from '../harness/stack.ts';
import { runAdminCli, startGatewayStack } from './helpers.ts';

let stack: TestStack;
test.before(async () => {
  stack = await startGatewayStack();
});
test.after.always(async () => {
  await stack?.stop();
});

/** Runs the exact npm script the launcher tells people to run. */
const admin = (args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) => runAdminCli(stack, args, options);

test.serial('the credential file is private to the gateway user', (t) => {
  t.is(statSync(cliCredentialFile(stack.dataDir)).mode & 0o777, 0o600);
});

test.serial('create-admin <username> with the password on standard input, then the admin logs in', async (t) => {
  const run = await admin(['create-admin', 'Founder'], { stdin: 'founder-password-1\n' });
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /created admin founder@localhost/);
  const user = await stack.gateway.store.users.get('founder');
  t.deepEqual(user?.roles, ['admin']);
  t.is(user?.source, 'cli');
  const c = await stack.xmppClient('founder', 'founder-password-1');
  await c.stop();
});

test.serial('create-admin with --password; a second time is refused with exit code 1', async (t) => {
  t.is((await admin(['create-admin', 'second', '--password', 'second-password-1'])).code, 0);
  const again = await admin(['create-admin', 'second', '--password', 'second-password-1']);
  t.is(again.code, 1);
  t.regex(again.stderr, /taken/);
});

test.serial('bad input is refused before anything happens', async (t) => {
  const weak = await admin(['create-admin', 'weakling', '--password', 'password123']);
  t.is(weak.code, 1);
  t.regex(weak.stderr, /common/);
  const bad = await admin(['create-admin', 'a@b', '--password', 'fine-password-1']);
  t.is(bad.code, 1);
  t.regex(bad.stderr, /invalid_username/);
  t.is((await admin(['create-admin'])).code, 2);
  t.is((await admin(['frobnicate'])).code, 2);
  t.is((await admin(['list-users', '--bogus'])).code, 2);
  t.is(await stack.gateway.store.users.get('weakling'), undefined);
});

test.serial('the other commands work through the API', async (t) => {
  t.is((await admin(['create-user', 'worker', '--password', 'worker-password-1'])).code, 0);
  const list = await admin(['list-users', '--search', 'work']);
  t.regex(list.stdout, /^worker\tactive/m);
  const json = await admin(['list-users', '--json']);
  t.true((JSON.parse(json.stdout) as { total: number }).total >= 3);
  t.is((await admin(['disable', 'worker'])).code, 0);
  t.is((await stack.gateway.store.users.get('worker'))?.status, 'disabled');
  t.is((await admin(['enable', 'worker'])).code, 0);
  t.is((await admin(['grant-admin', 'worker'])).code, 0);
  t.is((await admin(['revoke-admin', 'worker'])).code, 0);
  t.is((await admin(['reset-password', 'worker'], { stdin: 'worker-password-2\n' })).code, 0);
  const c = await stack.xmppClient('worker', 'worker-password-2');
  await c.stop();
  const invite = await admin(['create-invite', '--uses', '3', '--expires-days', '2']);
  t.regex(invite.stdout, /\/signup\?invite=/);
  const token = await admin(['create-token', 'ci', '--owner', 'founder']);
  t.regex(token.stdout, /^spa_/);
  const viaToken = await admin(['stats'], { env: { SEALPOST_API_TOKEN: token.stdout.trim() } });
  t.regex(viaToken.stdout, /^users \d+/);
  t.regex((await admin(['audit', '--target', 'worker'])).stdout, /user\.grant_admin/);
  t.is((await admin(['delete', 'worker'])).code, 2, 'needs --yes');
  t.is((await admin(['delete', 'worker', '--yes'])).code, 0);
  t.is(await stack.gateway.store.users.get('worker'), undefined);
});

test.serial('--help documents the commands and the credential', async (t) => {
  const help = await admin(['--help']);
  t.is(help.code, 0);
  t.regex(help.stdout, /create-admin <username>/);
  t.regex(help.stdout, /cli-credential\.json/);
});

test.serial('without a running gateway it says what to do (exit code 3)', async (t) => {
  const run = await admin(['list-users'], { env: { SEALPOST_DATA_DIR: `${stack.dataDir}/nowhere` } });
  t.is(run.code, 3);
  t.regex(run.stderr, /no gateway credential/);
});
