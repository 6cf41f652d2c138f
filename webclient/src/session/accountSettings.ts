// Account actions from the settings page (XEP-0077 over the live session): change the
// password, delete the account. And the sign-up errors people read.
import type { Element } from '@sealpost/protocol';
import { parseJid } from '@sealpost/protocol/jid.ts';
import { preparePassword } from '@sealpost/protocol/password/opaqueString.ts';
import { buildCancelRegistration, buildChangePassword, parseRegisterResult } from '@sealpost/protocol/stanzas/register.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import type { SessionStore } from '../stores/sessionStore.ts';

export interface AccountSettingsDeps {
  session: SessionStore;
  iq(request: Element): Promise<Element>;
  online(): boolean;
  passwordChanged(next: string): Promise<void>;
  /** Forget everything on this browser and show the sign-in form. */
  signOut(): Promise<void>;
}

/** Resolves when the connection is no longer online (the server closed it). */
function whenOffline(session: SessionStore): Promise<void> {
  return new Promise((resolve) => {
    const stop = session.connection.subscribe((status) => {
      if (status !== 'online') {
        queueMicrotask(() => stop());
        resolve();
      }
    });
  });
}

export function createAccountSettings(deps: AccountSettingsDeps) {
  const { session } = deps;
  function fail(key: MessageKey, err: unknown): void {
    session.error.value = { key, ...(err instanceof Error ? { detail: err.message } : {}) };
  }
  return {
    /** XEP-0077 §3.3. */
    async changePassword(next: string): Promise<boolean> {
      const { local, domain } = parseJid(session.jid.value);
      // The same preparation as at sign-up (RFC 8265 OpaqueString; docs/passwords.md).
      const prepared = preparePassword(next);
      if (!prepared.ok) {
        fail('settings.passwordFailed', new Error(prepared.problem.reason));
        return false;
      }
      try {
        parseRegisterResult(await deps.iq(buildChangePassword({ to: domain, username: local ?? '', password: prepared.password })));
      } catch (err) {
        fail('settings.passwordFailed', err);
        return false;
      }
      await deps.passwordChanged(next);
      return true;
    },
    /** XEP-0077 §3.2: deletes the account on the server, then everything on this browser. */
    async deleteAccount(): Promise<boolean> {
      try {
        // Prosody may close the stream instead of answering: either one means it is done.
        const reply = await Promise.race([deps.iq(buildCancelRegistration()), whenOffline(session).then(() => undefined)]);
        if (reply) parseRegisterResult(reply);
      } catch (err) {
        // Prosody may close the stream before answering: a lost connection means it is done.
        if (deps.online()) {
          fail('settings.deleteFailed', err);
          return false;
        }
      }
      await deps.signOut();
      return true;
    },
  };
}

/** The registration API's statuses (400/403/409/429/503) as messages people understand. */
export function signupErrorKey(status: number, code: string): MessageKey {
  const byCode: Record<string, MessageKey> = {
    invalid_username: 'signup.error.invalidUsername',
    weak_password: 'signup.error.weakPassword',
    username_taken: 'signup.error.taken',
    registration_closed: 'signup.error.closed',
    invite_required: 'signup.error.invite',
    invite_invalid: 'signup.error.inviteInvalid',
    invite_expired: 'signup.error.inviteInvalid',
    invite_used_up: 'signup.error.inviteInvalid',
    rate_limited: 'signup.error.rateLimited',
    unavailable: 'signup.error.unavailable',
  };
  if (byCode[code]) return byCode[code];
  const keys: Record<number, MessageKey> = {
    400: 'signup.error.invalid',
    403: 'signup.error.invite',
    404: 'signup.error.notAvailable',
    409: 'signup.error.taken',
    429: 'signup.error.rateLimited',
    503: 'signup.error.unavailable',
  };
  return keys[status] ?? 'error.network';
}
