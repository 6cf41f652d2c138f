// Helpers for the key directory's integration tests: IQs to the gateway component that do
// not go through @xmpp/iq's caller (an early error reply can escape it as an unhandled
// rejection), announcing keys from a real client, and verifying a served log as a client would.
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { announcePublicKey, type Element, type IqRequest, type PublicKey } from '../../protocol/src/index.ts';
import { signerMap, verifyAddressLog, type VerifyResult } from '../../gateway/src/directory/logChain.ts';
import { createAccount } from '../../gateway/src/accounts/createAccount.ts';
import type { TestStack } from '../harness/stack.ts';
import type { TestClient } from '../harness/xmppClient.ts';

/**
 * An account made through the gateway (user record and XMPP account), as registration or an
 * admin makes it: the directory serves only accounts the gateway knows, so `stack.createUser`
 * (an XMPP account alone) would never be looked up.
 */
export async function createAccountUser(stack: TestStack, localpart: string, password: string): Promise<void> {
  await createAccount(stack.gateway.accounts, { username: localpart, password, roles: [], source: 'admin' });
}

/** Sends an IQ and resolves with the reply stanza, result or error. */
export async function iq(client: TestClient, el: Element, timeoutMs = 10_000): Promise<Element> {
  const id = (el.attrs.id ??= randomUUID());
  const reply = client.next((s) => s.name === 'iq' && s.attrs.id === id && (s.attrs.type === 'result' || s.attrs.type === 'error'), timeoutMs);
  await client.xmpp.send(el);
  return reply;
}

/** The error condition of an error reply, or undefined for a result. */
export function conditionOf(stanza: Element): string | undefined {
  if (stanza.attrs.type !== 'error') return undefined;
  return stanza.getChild('error')?.getChildElements().find((c) => c.name !== 'text')?.name;
}

export function requestOf(client: TestClient): IqRequest {
  return (el) => client.xmpp.iqCaller.request(el) as Promise<Element>;
}

export function announce(client: TestClient, jid: string, publicKey: PublicKey) {
  return announcePublicKey(requestOf(client), { ownJid: jid, publicKey });
}

/** What a client does with GET /api/keys/{jid}/log: check every entry against the published signing keys. */
export function verifyServedLog(body: { entries: any[]; signingKeys: Array<{ id: string; publicKey: string }> }): VerifyResult {
  return verifyAddressLog(body.entries, signerMap(body.signingKeys));
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  ms: number;
}

/** An HTTP GET with the path sent exactly as given (fetch would normalise `..` and `%2e`). */
export function rawGet(baseUrl: string, path: string, method = 'GET'): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
