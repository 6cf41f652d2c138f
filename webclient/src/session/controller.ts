// The application controller: signs in (login, sign-up, remembered session), sets up our key,
// starts the messaging engine, and keeps the session alive (reconnects with backoff; the
// first connection is retried too, so a mailbox opened offline fills in when the network is back).
import type { Element } from '@sealpost/protocol';
import { bareJid, parseJid } from '@sealpost/protocol/jid.ts';
import { type AccountStore, deleteAccountData, openAccountStore } from '../storage/accountStore.ts';
import type { SessionStore } from '../stores/sessionStore.ts';
import type { MailboxStore } from '../stores/mailboxStore.ts';
import { AuthenticationError, type Connection, connect, webSocketUrl } from '../xmpp/connection.ts';
import type { OwnKey } from '../ox/oxAdapter.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { deviceResource, forgetScramKeys, loadScramKeys, rememberAccount, rememberedAccount, saveScramKeys } from './credentials.ts';
import { discoverDomain, GatewayApiError, register } from './gatewayApi.ts';
import { createAccountSettings, signupErrorKey } from './accountSettings.ts';
import { createMailboxActions, type MailboxActions } from './mailboxActions.ts';
import type { Messaging } from './messaging.ts';
import { createUploadActions } from '../files/uploadActions.ts';
import { sweepSpool } from '../files/spool.ts';
import { createAdminApi } from '../admin/adminApi.ts';
import { buildTokenRequest, parseTokenResponse } from '@sealpost/protocol/stanzas/gatewayToken.ts';
import { buildIq } from '@sealpost/protocol/stanzas/iq.ts';
import type { TrustManager } from './trust.ts';
import { hasLocalKey } from '../storage/keyVault.ts';

/** The OpenPGP half (openpgp.js is most of the code): loaded on demand, in parallel with login. */
let enginePromise: Promise<typeof import('./engine.ts')> | undefined;
const engine = () => (enginePromise ??= import('./engine.ts'));

export interface ControllerDeps {
  origin: string;
  session: SessionStore;
  mailbox: MailboxStore;
}

export function createController(deps: ControllerDeps) {
  const { session, mailbox } = deps;
  let store: AccountStore | undefined;
  let conn: Connection | undefined;
  let trust: TrustManager | undefined;
  let messaging: Messaging | undefined;
  let own: OwnKey | undefined;
  let password: string | undefined; // memory only, for reconnects after a password change
  let pendingBackup: Uint8Array | undefined;
  let buffered: Element[] = [];
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelay = 1000;
  let generation = 0;

  const mailboxActions: MailboxActions = createMailboxActions({
    mailbox,
    store: () => store,
    trust: () => trust,
    messaging: () => messaging,
    online: () => conn?.isOnline() ?? false,
  });

  const iq = (el: Element) => (conn ? conn.iq(el) : Promise.reject(new Error('offline')));

  function fail(key: MessageKey, err?: unknown): void {
    session.error.value = { key, ...(err instanceof Error ? { detail: err.message } : {}) };
  }

  async function openStore(jid: string): Promise<void> {
    if (store && session.jid.value === jid) return;
    store?.close();
    store = await openAccountStore(jid);
    session.jid.value = jid;
    trust = undefined;
  }

  async function ensureTrust(): Promise<TrustManager | undefined> {
    const { createTrustManager } = await engine();
    if (!trust && store) {
      trust = createTrustManager({
        store,
        iq: () => (conn?.isOnline() ? iq : undefined),
        onChange: (info) => (mailbox.trust.value = { ...mailbox.trust.value, [info.jid]: info }),
      });
    }
    return trust;
  }

  async function startConnection(jid: string, creds: { password?: string; scramKeys?: Awaited<ReturnType<typeof loadScramKeys>> }): Promise<void> {
    const { local, domain } = parseJid(jid);
    const myGeneration = ++generation;
    const t0 = performance.now();
    const c = await connect({
      service: webSocketUrl(deps.origin),
      domain,
      username: local ?? '',
      ...(creds.password !== undefined ? { password: creds.password } : {}),
      ...(creds.scramKeys ? { scramKeys: creds.scramKeys } : {}),
      resource: deviceResource(),
      onStanza: (s) => (messaging ? messaging.onStanza(s) : buffered.push(s)),
      onStatus: (st) => {
        if (myGeneration === generation) session.connection.value = st;
      },
      onOnline: (resumed) => {
        if (!conn || !messaging || myGeneration !== generation) return; // the first session is set up by signIn
        void (resumed ? messaging.onResumed() : messaging.onNewSession()).then(() => mailboxActions.refreshAll());
      },
      onScramKeys: (keys) => void (store && saveScramKeys(store, keys)),
      onAcked: (s) => messaging?.acked(s),
      onUnacked: (s) => messaging?.unacked(s),
    });
    session.loginMs.value = Math.round(performance.now() - t0);
    conn = c;
    session.connection.value = 'online';
  }

  /** After connecting: our key, then messaging. */
  async function afterConnect(jid: string): Promise<void> {
    if (!store) return;
    session.busyKey.value = 'busy.keys';
    if (own) return startMessaging();
    const outcome = await (await engine()).setUpKey(store, iq, jid);
    if (outcome.kind === 'ready') {
      own = outcome.own;
      return startMessaging();
    }
    if (outcome.kind === 'created') {
      own = outcome.own;
      session.backupCode.value = outcome.backupCode;
      session.fingerprint.value = own.fingerprint;
      session.phase.value = 'backup-code';
      await startMessaging(false);
      return;
    }
    if (outcome.kind === 'needs-restore') {
      pendingBackup = outcome.backup;
      session.phase.value = 'restore';
      return;
    }
    session.phase.value = 'no-backup';
  }

  async function startMessaging(show = true): Promise<void> {
    const { createMessaging } = await engine();
    await ensureTrust();
    if (!store || !own || !trust) return;
    session.fingerprint.value = own.fingerprint;
    if (!messaging) {
      messaging = createMessaging({
        jid: session.jid.value,
        own,
        store,
        trust,
        connection: () => conn,
        isViewing: (peer) => mailboxActions.isViewing(peer),
        changed: (peers) => mailboxActions.changed(peers),
        blocked: (info) => (mailbox.trust.value = { ...mailbox.trust.value, [info.jid]: info }),
      });
    }
    await mailboxActions.refreshAll();
    if (show) session.phase.value = 'mailbox';
    session.busyKey.value = undefined;
    if (conn?.isOnline()) {
      const early = buffered;
      buffered = [];
      for (const s of early) messaging.onStanza(s);
      await messaging.onNewSession().catch(() => {});
      await mailboxActions.refreshAll();
    }
  }

  function scheduleRetry(jid: string): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(async () => {
      try {
        await startConnection(jid, { ...(password !== undefined ? { password } : {}), scramKeys: store && (await loadScramKeys(store)) });
        retryDelay = 1000;
        await afterConnect(jid);
      } catch (err) {
        if (err instanceof AuthenticationError) return void signOutLocally(false, 'error.sessionExpired');
        retryDelay = Math.min(30_000, retryDelay * 2);
        scheduleRetry(jid);
      }
    }, retryDelay * (0.75 + Math.random() * 0.5));
  }

  async function signOutLocally(forget: boolean, errorKey?: MessageKey): Promise<void> {
    adminToken = undefined;
    session.isAdmin.value = undefined;
    generation++;
    clearTimeout(retryTimer);
    const jid = session.jid.value;
    const c = conn;
    conn = undefined;
    messaging = undefined;
    own = undefined;
    password = undefined;
    await c?.stop();
    if (store) await forgetScramKeys(store).catch(() => {});
    store?.close();
    store = undefined;
    trust = undefined;
    if (forget && jid) await deleteAccountData(jid).catch(() => {});
    await sweepSpool({ mine: true }); // no decrypted file outlives the session
    if (forget) rememberAccount(undefined);
    mailboxActions.reset();
    session.connection.value = 'offline';
    session.backupCode.value = undefined;
    session.phase.value = 'signed-out';
    session.authView.value = 'login';
    if (errorKey) session.error.value = { key: errorKey };
  }

  async function signIn(jid: string, creds: { password?: string }): Promise<void> {
    session.error.value = undefined;
    session.phase.value = 'working';
    session.busyKey.value = 'busy.connecting';
    void engine(); // fetched while we connect
    await openStore(jid);
    try {
      await startConnection(jid, creds);
    } catch (err) {
      session.phase.value = 'signed-out';
      return fail(err instanceof AuthenticationError ? 'error.badCredentials' : 'error.network', err);
    }
    password = creds.password;
    rememberAccount(jid);
    try {
      await afterConnect(jid);
    } catch (err) {
      session.phase.value = 'signed-out';
      fail('error.keys', err);
    }
  }

  const files = createUploadActions({
    mailbox,
    iq,
    domain: () => (session.jid.value.includes('@') ? session.jid.value.split('@')[1] : undefined),
    canSend: (peer) => mailboxActions.canSend(peer),
    send: async (peer, body, attachments) => messaging?.send(peer, body, undefined, attachments),
  });

  // Admin API token (urn:sealpost:gateway:token:0), kept in memory until shortly before expiry.
  let adminToken: { token: string; expiresAt: number } | undefined;
  const admin = createAdminApi({
    origin: deps.origin,
    async token() {
      if (adminToken && adminToken.expiresAt - Date.now() > 30_000) return adminToken.token;
      const domain = parseJid(session.jid.value).domain;
      const grant = parseTokenResponse(await iq(buildIq('set', { to: `gateway.${domain}` }, buildTokenRequest())));
      adminToken = { token: grant.token, expiresAt: grant.expiresAt.getTime() };
      return grant.token;
    },
  });

  return {
    mailbox: mailboxActions,
    files,
    admin,
    /** Whether this account may use the admin panel (asks the gateway; false when it cannot tell). */
    async checkAdmin(): Promise<boolean> {
      try {
        await admin.whoami();
        session.isAdmin.value = true;
      } catch {
        session.isAdmin.value = false;
      }
      return session.isAdmin.value;
    },
    /** On page load: resume the remembered account, else show the sign-in form. */
    async boot(): Promise<void> {
      if (location.pathname === '/signup') session.authView.value = 'signup';
      const jid = rememberedAccount();
      if (jid) void engine();
      if (!jid || session.authView.value === 'signup') return void (session.phase.value = 'signed-out');
      await openStore(jid);
      const scramKeys = await loadScramKeys(store!);
      if (!scramKeys) return void (session.phase.value = 'signed-out');
      // Local first: the cached mailbox shows at once (before the key is even unlocked); the
      // key and the connection catch up behind it.
      session.connection.value = 'connecting';
      if (await hasLocalKey(store!)) {
        await mailboxActions.refreshAll();
        session.phase.value = 'mailbox';
      }
      own = await (await engine()).loadLocalKey(store!, jid);
      if (own) await startMessaging();
      else {
        session.phase.value = 'working';
        session.busyKey.value = 'busy.connecting';
      }
      try {
        await startConnection(jid, { scramKeys });
      } catch (err) {
        if (err instanceof AuthenticationError) return void signOutLocally(false, 'error.sessionExpired');
        if (!own) {
          session.phase.value = 'signed-out';
          return fail('error.network', err);
        }
        session.connection.value = 'reconnecting';
        return scheduleRetry(jid);
      }
      await afterConnect(jid).catch((err) => {
        session.phase.value = 'signed-out';
        fail('error.keys', err);
      });
    },
    async login(address: string, pass: string): Promise<void> {
      let jid: string;
      try {
        jid = bareJid(address.includes('@') ? address.trim() : `${address.trim()}@${await discoverDomain(deps.origin)}`);
      } catch {
        return fail('error.badAddress');
      }
      await signIn(jid, { password: pass });
    },
    async signup(username: string, pass: string, invite: string | undefined): Promise<void> {
      session.error.value = undefined;
      session.busyKey.value = 'busy.signup';
      try {
        const { jid } = await register(deps.origin, { username: username.trim(), password: pass, ...(invite ? { invite } : {}) });
        if (location.pathname === '/signup') history.replaceState(null, '', '/');
        await signIn(jid, { password: pass });
      } catch (err) {
        session.busyKey.value = undefined;
        if (err instanceof GatewayApiError) {
          session.error.value = { key: signupErrorKey(err.error.status, err.error.code), detail: err.error.message };
        } else fail('error.network', err);
      }
    },
    async restore(code: string): Promise<boolean> {
      if (!store || !pendingBackup) return false;
      session.error.value = undefined;
      try {
        own = await (await engine()).restoreKey(store, pendingBackup, code, session.jid.value, iq);
      } catch {
        fail('restore.wrongCode');
        return false;
      }
      pendingBackup = undefined;
      await startMessaging();
      return true;
    },
    /** No usable backup: make a new key (contacts will be asked to accept it). */
    async createNewKey(): Promise<void> {
      if (!store) return;
      const outcome = await (await engine()).createKey(store, iq, session.jid.value);
      if (outcome.kind !== 'created') return;
      own = outcome.own;
      pendingBackup = undefined;
      session.backupCode.value = outcome.backupCode;
      session.phase.value = 'backup-code';
      await startMessaging(false);
    },
    backupCodeSaved(): void {
      session.backupCode.value = undefined;
      session.phase.value = 'mailbox';
    },
    logout: (forget: boolean) => signOutLocally(forget),
    ...createAccountSettings({
      session,
      iq,
      online: () => conn?.isOnline() ?? false,
      passwordChanged: async (next) => {
        password = next;
        if (store) await forgetScramKeys(store);
      },
      signOut: () => signOutLocally(true),
    }),
    reconnectNow(): void {
      conn?.reconnectNow();
    },
    ownFingerprint: () => own?.fingerprint,
  };
}

export type Controller = ReturnType<typeof createController>;
