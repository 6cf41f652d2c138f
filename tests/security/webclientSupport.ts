// Shared set-up of the web client attack tests: a person signed in through the real web
// client in Chromium, and an attacker account driven from Node that announces a committed
// key fixture in PEP (XEP-0373 §4) and sends crafted OX messages to that person.
import type { ExecutionContext } from 'ava';
import {
  buildFetchPublicKey, buildFetchPublicKeysList, type Element, parsePublicKeyResult, parsePublicKeysListResult, type PublicKey,
  readPublicKey,
} from '../../protocol/src/index.ts';
import type { BrowserSuite } from '../harness/browserSuite.ts';
import type { TestClient } from '../harness/xmppClient.ts';
import { type FixtureIdentity, type FixtureUser, fixtureUser } from '../fixtures/keys/index.ts';
import { announce } from '../directory/helpers.ts';
import { MailboxPage } from '../e2e/mailboxPage.ts';

/** Someone who signed up in the web client, key set up, online. */
export async function signedUpPerson(suite: BrowserSuite, name: string) {
  const password = `${name}-password-1`;
  const w = await suite.open();
  const ui = new MailboxPage(w.page);
  await ui.signup(name, password);
  await ui.takeBackupCode();
  await ui.waitOnline();
  return { w, ui, jid: `${name}@${suite.stack.domain}`, password };
}

export interface Attacker {
  id: FixtureIdentity;
  client: TestClient;
  /** The victim's announced public key, read from PEP like any client would. */
  victimKey: PublicKey;
  send(el: Element): Promise<void>;
  stop(): Promise<void>;
}

/** A Node XMPP account using a key fixture (`<name>@localhost`) announced with open access. */
export async function attacker(suite: BrowserSuite, name: FixtureUser, victim: string): Promise<Attacker> {
  const id = await fixtureUser(name);
  await suite.stack.createUser(name, `${name}-password-1`);
  const client = await suite.stack.xmppClient(name, `${name}-password-1`);
  await announce(client, id.jid, id.publicKey);
  const [meta] = parsePublicKeysListResult(await client.xmpp.iqCaller.request(buildFetchPublicKeysList({ to: victim })));
  const victimKey = await readPublicKey(
    parsePublicKeyResult(await client.xmpp.iqCaller.request(buildFetchPublicKey({ to: victim, fingerprint: meta!.fingerprint })), meta!.fingerprint),
  );
  return { id, client, victimKey, send: (el) => client.xmpp.send(el), stop: () => client.stop() };
}

/** Polls `condition` (every 200 ms, at most `timeoutMs`) until true; fails the test otherwise. */
export async function eventually(t: ExecutionContext, what: string, condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  t.fail(`timed out waiting for: ${what}`);
  throw new Error(`timed out waiting for: ${what}`);
}
