// The OpenPGP-dependent half of the session (keys, trust, messaging), split out so the first
// screen (sign-in form, or the cached mailbox) does not wait for openpgp.js to load.
export { createKey, loadLocalKey, restoreKey, setUpKey } from './keySetup.ts';
export { createMessaging } from './messaging.ts';
export { createTrustManager } from './trust.ts';
