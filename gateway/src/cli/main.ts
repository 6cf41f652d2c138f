// `npm run admin -- <command> ...`: administers a running Sealpost gateway through its HTTP
// API. See HELP below (also `npm run admin -- --help`).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '../config/config.ts';
import { CliError, createApiClient } from './apiClient.ts';
import { COMMANDS } from './commands.ts';
import { cliCredentialFile, readCliCredential } from './credential.ts';
import { readPassword } from './prompt.ts';

const HELP = `Usage: npm run admin -- <command> [arguments] [options]

Administers the running Sealpost gateway through its HTTP API.

On the gateway's machine nothing is needed but the same SEALPOST_* environment as
\`npm start\` (SEALPOST_DATA_DIR, default ./var): at start the gateway writes its URL and a
fresh CLI token to $SEALPOST_DATA_DIR/gateway/cli-credential.json (mode 0600, replaced at
each start, removed at stop), and honours that token only from this machine. With Docker:
  docker compose exec gateway npm run admin -- <command> ...
From elsewhere: --url URL plus an API token (create-token) in SEALPOST_API_TOKEN or
--token-file FILE.

Commands:
${Object.values(COMMANDS).map((c) => (c.usage.length > 56 ? `  ${c.usage}\n  ${''.padEnd(56)} ${c.summary}` : `  ${c.usage.padEnd(56)} ${c.summary}`)).join('\n')}

Options:
  --password P       the password (otherwise asked twice on a terminal, or read from the
                     first line of standard input: printf '%s\\n' "$PW" | npm run admin -- ...)
  --adopt            take over an XMPP account that exists without a gateway record
  --json             print the API's JSON answer instead
  --url URL          the gateway (default: from the local credential)
  --token-file FILE  read the API token from FILE
  -h, --help         this help

Passwords: at least 10 characters, not a common one. Usernames: 1-32 of a-z 0-9 . _ -.
Exit codes: 0 done, 1 refused by the gateway, 2 usage error, 3 gateway not reachable.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' }, url: { type: 'string' }, 'token-file': { type: 'string' },
      password: { type: 'string' }, adopt: { type: 'boolean' }, admin: { type: 'boolean' }, admins: { type: 'boolean' }, yes: { type: 'boolean' },
      search: { type: 'string' }, status: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' }, active: { type: 'boolean' },
      uses: { type: 'string' }, 'expires-days': { type: 'string' }, note: { type: 'string' }, owner: { type: 'string' },
      actor: { type: 'string' }, action: { type: 'string' }, target: { type: 'string' }, days: { type: 'string' },
    },
  });
  const [name, ...args] = positionals;
  if (values.help || !name || name === 'help') {
    process.stdout.write(HELP + '\n');
    return name || values.help ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new CliError(`unknown command ${name} (see --help)`, 2);

  const { url, token } = connection(values.url, values['token-file']);
  const api = createApiClient(url.replace(/\/+$/, ''), token);
  const quiet = values.json === true;
  const result = await command.run({ args, options: values, api, password: readPassword, print: (line) => { if (!quiet) process.stdout.write(line + '\n'); } });
  if (quiet) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  return 0;
}

function connection(urlOption: string | undefined, tokenFile: string | undefined): { url: string; token: string } {
  const apiToken = tokenFile ? readFileSync(tokenFile, 'utf8').trim() : process.env['SEALPOST_API_TOKEN'];
  if (urlOption && apiToken) return { url: urlOption, token: apiToken };
  const config = readConfig(process.env);
  const local = readCliCredential(config.dataDir);
  if (!local) {
    throw new CliError(`no gateway credential at ${cliCredentialFile(config.dataDir)}: start Sealpost (npm start) with the same SEALPOST_DATA_DIR, run this as the same user, or give --url and SEALPOST_API_TOKEN`, 3);
  }
  return { url: urlOption ?? local.url, token: apiToken ?? local.token };
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  const message = err instanceof ConfigError ? err.message : (err as Error).message;
  process.stderr.write(`sealpost admin: ${message}\n`);
  process.exitCode = err instanceof CliError ? err.exitCode : (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 2 : 1;
}
