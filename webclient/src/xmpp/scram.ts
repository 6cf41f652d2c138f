// SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 5802, RFC 7677) for @xmpp/client's SASL factory.
// The stock mechanism runs Hi() as 10,000 awaited HMAC calls (about a second in a browser);
// here SaltedPassword is one WebCrypto PBKDF2 deriveBits call, which is exactly Hi()
// (RFC 5802 §2.2: Hi is PBKDF2 with HMAC as the PRF and dkLen = the hash length).
// The derived ClientKey/ServerKey can be kept (wrapped) so a reload logs in without the password.
import { passwordForLogin } from '@sealpost/protocol/password/opaqueString.ts';

export type ScramHash = 'SHA-1' | 'SHA-256';

/** Password-equivalent keys for one salt and iteration count (RFC 5802 §3). */
export interface ScramKeys {
  hash: ScramHash;
  salt: string; // base64, as the server sent it
  iterations: number;
  clientKey: Uint8Array;
  serverKey: Uint8Array;
}

export interface ScramCredentials {
  username: string;
  password?: string;
  /** Keys from an earlier login; used when salt and iterations still match. */
  keys?: ScramKeys;
}

/** What one SCRAM exchange learned: the keys to cache and the signature the server must send. */
export interface ScramOutcome {
  keys?: ScramKeys;
  expectedServerSignature?: string;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

function b64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
function unb64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
/** @xmpp/sasl base64-encodes a "binary string": one char per byte. */
function toBinaryString(text: string): string {
  let s = '';
  for (const b of enc.encode(text)) s += String.fromCharCode(b);
  return s;
}
function fromBinaryString(s: string): string {
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i) & 255;
  return dec.decode(bytes);
}
function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}
/** RFC 5802 §5.1: saslname escapes '=' and ','. */
function saslname(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

async function hmac(hash: ScramHash, key: Uint8Array, data: string | Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', new Uint8Array(key), { name: 'HMAC', hash }, false, ['sign']);
  const bytes = typeof data === 'string' ? enc.encode(data) : new Uint8Array(data);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, bytes));
}

/** Hi(password, salt, i) in one PBKDF2 call (RFC 5802 §2.2). */
export async function saltedPassword(hash: ScramHash, password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  // RFC 5802 §2.2: Hi() runs over the prepared password. The server hashed SASLprep(password)
  // (RFC 4013) when it was set; passwordForLogin gives those bytes (docs/passwords.md).
  const key = await crypto.subtle.importKey('raw', enc.encode(passwordForLogin(password)), 'PBKDF2', false, ['deriveBits']);
  const bits = hash === 'SHA-1' ? 160 : 256;
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash, salt: new Uint8Array(salt), iterations }, key, bits));
}

export async function deriveScramKeys(hash: ScramHash, password: string, salt: string, iterations: number): Promise<ScramKeys> {
  const salted = await saltedPassword(hash, password, unb64(salt), iterations);
  return {
    hash,
    salt,
    iterations,
    clientKey: await hmac(hash, salted, 'Client Key'),
    serverKey: await hmac(hash, salted, 'Server Key'),
  };
}

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return b64(bytes).replace(/[+/=]/g, 'x');
}

/** One SCRAM client conversation, independent of any XMPP library (unit-tested). */
export class ScramClient {
  private step = 0;
  private clientFirstBare = '';
  private serverFirst = '';
  private readonly nonce: string;
  outcome: ScramOutcome = {};

  constructor(
    readonly hash: ScramHash,
    private readonly credentials: ScramCredentials,
    nonce?: string,
  ) {
    this.nonce = nonce ?? randomNonce();
  }

  clientFirst(): string {
    this.clientFirstBare = `n=${saslname(this.credentials.username)},r=${this.nonce}`;
    this.step = 1;
    return `n,,${this.clientFirstBare}`;
  }

  async clientFinal(serverFirst: string): Promise<string> {
    if (this.step !== 1) throw new Error('SCRAM: unexpected server-first-message');
    this.serverFirst = serverFirst;
    const attrs = parseAttributes(serverFirst);
    const r = attrs.get('r');
    const s = attrs.get('s');
    const i = Number(attrs.get('i'));
    if (!r || !r.startsWith(this.nonce) || r.length <= this.nonce.length) throw new Error('SCRAM: server nonce does not extend ours');
    if (!s || !Number.isInteger(i) || i < 4096 || i > 10_000_000) throw new Error('SCRAM: bad salt or iteration count');
    let keys = this.credentials.keys;
    if (!keys || keys.hash !== this.hash || keys.salt !== s || keys.iterations !== i) {
      if (this.credentials.password === undefined) throw new Error('SCRAM: password needed (salt or iteration count changed)');
      keys = await deriveScramKeys(this.hash, this.credentials.password, s, i);
    }
    const clientFinalWithoutProof = `c=biws,r=${r}`;
    const authMessage = `${this.clientFirstBare},${serverFirst},${clientFinalWithoutProof}`;
    const storedKey = new Uint8Array(await crypto.subtle.digest(this.hash, new Uint8Array(keys.clientKey)));
    const clientSignature = await hmac(this.hash, storedKey, authMessage);
    const proof = xor(keys.clientKey, clientSignature);
    const serverSignature = await hmac(this.hash, keys.serverKey, authMessage);
    this.outcome = { keys, expectedServerSignature: b64(serverSignature) };
    this.step = 2;
    return `${clientFinalWithoutProof},p=${b64(proof)}`;
  }

  /** RFC 5802 §5.1: `v=` must equal our ServerSignature (mutual authentication). */
  verifyServerFinal(serverFinal: string): void {
    const attrs = parseAttributes(serverFinal);
    const e = attrs.get('e');
    if (e) throw new Error(`SCRAM: server error ${e}`);
    if (!this.outcome.expectedServerSignature || attrs.get('v') !== this.outcome.expectedServerSignature) {
      throw new Error('SCRAM: the server did not prove knowledge of the password');
    }
  }
}

function parseAttributes(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1) out.set(part[0]!, part.slice(2));
  }
  return out;
}

/** The SASL mechanism name for a hash. */
export function scramMechanismName(hash: ScramHash): string {
  return hash === 'SHA-1' ? 'SCRAM-SHA-1' : 'SCRAM-SHA-256';
}

/**
 * A mechanism class in the shape the `saslmechanisms` factory (used by @xmpp/sasl) expects:
 * `prototype.name`, `clientFirst`, async `response(creds)` and `challenge(serverData)`, with
 * data as binary strings. `onOutcome` receives each conversation's keys and server signature.
 */
export function scramMechanism(hash: ScramHash, onClient: (client: ScramClient) => void): new () => object {
  class Mechanism {
    readonly clientFirst = true;
    private client: ScramClient | undefined;
    private serverFirst: string | undefined;

    async response(creds: ScramCredentials): Promise<string> {
      if (!this.client) {
        this.client = new ScramClient(hash, creds);
        onClient(this.client);
        return toBinaryString(this.client.clientFirst());
      }
      if (this.serverFirst === undefined) throw new Error('SCRAM: no challenge received');
      return toBinaryString(await this.client.clientFinal(this.serverFirst));
    }

    async challenge(data: string): Promise<this> {
      this.serverFirst = fromBinaryString(data);
      return this;
    }
  }
  Object.defineProperty(Mechanism.prototype, 'name', { value: scramMechanismName(hash) });
  return Mechanism;
}

export const scramTestHelpers = { b64, unb64 };
