// The CLI's commands: each maps to one API call and prints a short human answer (or the raw
// JSON with --json). The API does the work and the checks; the CLI only asks and shows (and
// refuses a password the API would refuse, before sending it: the same preparation).
import { preparePassword } from '@sealpost/protocol';
import type { ApiClient } from './apiClient.ts';
import { CliError } from './apiClient.ts';

export interface CommandInput {
  args: string[];
  options: Record<string, string | boolean | undefined>;
  api: ApiClient;
  password(label: string): Promise<string>;
  print(line: string): void;
}

type Json = Record<string, any>;
type Command = { usage: string; summary: string; run(input: CommandInput): Promise<Json> };

const arg = (input: CommandInput, name: string): string => {
  const value = input.args[0];
  if (!value) throw new CliError(`missing <${name}>`, 2);
  return value;
};
const u = (name: string) => encodeURIComponent(name.toLowerCase());
const str = (o: CommandInput['options'], k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
const num = (o: CommandInput['options'], k: string) => {
  const v = str(o, k);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new CliError(`--${k} takes a whole number`, 2);
  return Number(v);
};
const query = (params: Record<string, string | number | boolean | undefined>) => {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== false).map(([k, v]): [string, string] => [k, String(v)]));
  return q.size ? `?${q}` : '';
};
/** RFC 8265 OpaqueString, as the API applies it (docs/passwords.md): refused with the reason, exit code 2. */
const prepared = (password: string): string => {
  const result = preparePassword(password);
  if (!result.ok) throw new CliError(`password: ${result.problem.reason}`, 2);
  return result.password;
};
const userLine = (x: Json) => `${x['username']}\t${x['status']}${x['admin'] ? '\tadmin' : ''}\tcreated ${x['createdAt']}`;

async function newAccount(input: CommandInput, admin: boolean): Promise<Json> {
  const username = arg(input, 'username');
  const password = prepared(str(input.options, 'password') ?? (await input.password(`Password for ${username}`)));
  const res = await input.api.call('POST', '/admin/users', { username, password, admin, adopt: input.options['adopt'] === true });
  input.print(`created ${admin ? 'admin ' : ''}${(res['user'] as Json)['jid']}`);
  return res;
}

const userAction = (path: string, done: string): Command['run'] => async (input) => {
  const res = await input.api.call('POST', `/admin/users/${u(arg(input, 'username'))}/${path}`);
  input.print(`${(res['user'] as Json)['username']}: ${done}`);
  return res;
};

export const COMMANDS: Record<string, Command> = {
  'create-admin': { usage: 'create-admin <username> [--password P] [--adopt]', summary: 'create an administrator account', run: (i) => newAccount(i, true) },
  'create-user': { usage: 'create-user <username> [--password P] [--admin] [--adopt]', summary: 'create a user account', run: (i) => newAccount(i, i.options['admin'] === true) },
  'list-users': {
    usage: 'list-users [--search S] [--status active|disabled] [--admins] [--limit N] [--offset N]',
    summary: 'list users',
    async run(i) {
      const res = await i.api.call('GET', `/admin/users${query({ search: str(i.options, 'search'), status: str(i.options, 'status'), role: i.options['admins'] ? 'admin' : undefined, limit: num(i.options, 'limit'), offset: num(i.options, 'offset') })}`);
      for (const x of res['users'] as Json[]) i.print(userLine(x));
      i.print(`(${(res['users'] as Json[]).length} of ${res['total']})`);
      return res;
    },
  },
  'show-user': {
    usage: 'show-user <username>', summary: 'show one user',
    async run(i) {
      const res = await i.api.call('GET', `/admin/users/${u(arg(i, 'username'))}`);
      i.print(userLine(res['user'] as Json));
      return res;
    },
  },
  disable: { usage: 'disable <username>', summary: 'disable a user (sessions end, login refused)', run: userAction('disable', 'disabled') },
  enable: { usage: 'enable <username>', summary: 're-enable a user', run: userAction('enable', 'enabled') },
  'end-sessions': { usage: 'end-sessions <username>', summary: "end a user's sessions", run: userAction('end-sessions', 'sessions ended') },
  'grant-admin': { usage: 'grant-admin <username>', summary: 'make a user an admin', run: userAction('grant-admin', 'is an admin') },
  'revoke-admin': { usage: 'revoke-admin <username>', summary: "take a user's admin role away", run: userAction('revoke-admin', 'is no longer an admin') },
  delete: {
    usage: 'delete <username> --yes', summary: 'delete a user and all their data',
    async run(i) {
      const username = arg(i, 'username');
      if (i.options['yes'] !== true) throw new CliError(`this deletes ${username} and all their messages and keys: add --yes`, 2);
      await i.api.call('DELETE', `/admin/users/${u(username)}`);
      i.print(`${username}: deleted`);
      return {};
    },
  },
  'reset-password': {
    usage: 'reset-password <username> [--password P]', summary: "set a user's password",
    async run(i) {
      const username = arg(i, 'username');
      const password = prepared(str(i.options, 'password') ?? (await i.password(`New password for ${username}`)));
      await i.api.call('POST', `/admin/users/${u(username)}/password`, { password });
      i.print(`${username}: password set, sessions ended`);
      return {};
    },
  },
  online: {
    usage: 'online', summary: 'list users online now',
    async run(i) {
      const res = await i.api.call('GET', '/admin/online');
      for (const name of res['users'] as string[]) i.print(name);
      i.print(`(${res['total']} online)`);
      return res;
    },
  },
  'create-invite': {
    usage: 'create-invite [--uses N] [--expires-days N|never] [--note TEXT]', summary: 'create an invite link',
    async run(i) {
      const days = str(i.options, 'expires-days');
      if (days !== undefined && days !== 'never' && !/^\d+$/.test(days)) throw new CliError('--expires-days takes a whole number or never', 2);
      const res = await i.api.call('POST', '/admin/invites', {
        ...(num(i.options, 'uses') !== undefined ? { maxUses: num(i.options, 'uses') } : {}),
        ...(days !== undefined ? { expiresInSeconds: days === 'never' ? null : Number(days) * 86_400 } : {}),
        ...(str(i.options, 'note') !== undefined ? { note: str(i.options, 'note') } : {}),
      });
      i.print(res['link'] as string);
      return res;
    },
  },
  'list-invites': {
    usage: 'list-invites [--active]', summary: 'list invites',
    async run(i) {
      const res = await i.api.call('GET', `/admin/invites${query({ active: i.options['active'] === true ? 'true' : undefined })}`);
      for (const x of res['invites'] as Json[]) i.print(`${x['id']}\t${x['state']}\t${x['uses']}/${x['maxUses']}\texpires ${x['expiresAt'] ?? 'never'}${x['note'] ? `\t${x['note']}` : ''}`);
      return res;
    },
  },
  'revoke-invite': { usage: 'revoke-invite <id>', summary: 'revoke an invite', async run(i) { const res = await i.api.call('DELETE', `/admin/invites/${u(arg(i, 'id'))}`); i.print('revoked'); return res; } },
  'create-token': {
    usage: 'create-token <name> --owner <admin> [--expires-days N]', summary: 'create an API token for scripts (shown once)',
    async run(i) {
      const res = await i.api.call('POST', '/admin/tokens', { name: arg(i, 'name'), owner: str(i.options, 'owner'), expiresInDays: num(i.options, 'expires-days') ?? null });
      i.print(res['token'] as string);
      return res;
    },
  },
  'list-tokens': {
    usage: 'list-tokens', summary: 'list API tokens',
    async run(i) {
      const res = await i.api.call('GET', '/admin/tokens');
      for (const x of res['tokens'] as Json[]) i.print(`${x['id']}\t${x['name']}\towner ${x['owner']}\tlast used ${x['lastUsedAt'] ?? 'never'}`);
      return res;
    },
  },
  'revoke-token': { usage: 'revoke-token <id>', summary: 'revoke an API token', async run(i) { const res = await i.api.call('DELETE', `/admin/tokens/${u(arg(i, 'id'))}`); i.print('revoked'); return res; } },
  audit: {
    usage: 'audit [--actor A] [--action A] [--target T] [--limit N]', summary: 'show the audit log, newest first',
    async run(i) {
      const res = await i.api.call('GET', `/admin/audit${query({ actor: str(i.options, 'actor'), action: str(i.options, 'action'), target: str(i.options, 'target'), limit: num(i.options, 'limit') })}`);
      for (const e of res['entries'] as Json[]) i.print(`${e['at']}\t${e['actor']}\t${e['action']}\t${e['target'] ?? ''}\t${e['address'] ?? ''}`);
      return res;
    },
  },
  stats: {
    usage: 'stats [--days N]', summary: 'users, online users, registrations per day',
    async run(i) {
      const res = await i.api.call('GET', `/admin/stats${query({ days: num(i.options, 'days') })}`);
      const users = res['users'] as Json;
      i.print(`users ${users['total']} (active ${users['active']}, disabled ${users['disabled']}, admins ${users['admins']}), online ${res['online'] ?? '?'}`);
      for (const d of res['registrationsPerDay'] as Json[]) if (d['count']) i.print(`${d['day']}\t${d['count']}`);
      return res;
    },
  },
};
