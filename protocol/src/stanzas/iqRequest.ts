// Request flows over an injected IQ function, so the protocol package does no I/O itself:
// pass `(iq) => xmpp.iqCaller.request(iq)` (@xmpp/client) or the gateway's equivalent.
import type { Element } from '../xml/element.ts';
import { ProtocolParseError } from '../errors.ts';
import { buildConfigureNode } from './pubsub.ts';
import { parseStanzaError, throwIfError } from './error.ts';

/** Sends an IQ and resolves with the reply stanza; may reject on error replies. */
export type IqRequest = (iq: Element) => Promise<Element>;

/**
 * Publishes with publish-options. If the node already exists with other settings (another
 * client created it), XEP-0060 §7.1.5 answers `<conflict/>` with the pubsub condition
 * `<precondition-not-met/>` (Prosody: "Field does not match: access_model"): reconfigure the
 * node (§8.2.4) to `config`, then publish again.
 */
export async function publishConfigured(request: IqRequest, publish: Element, node: string, config: Record<string, string>): Promise<void> {
  if (!(await preconditionFailed(request, publish))) return;
  throwIfError(await request(buildConfigureNode({ node, config })));
  throwIfError(await request(publish));
}

/** Sends `publish`: false on success, true on precondition-not-met, throws on other errors. */
async function preconditionFailed(request: IqRequest, publish: Element): Promise<boolean> {
  let reply: Element;
  try {
    reply = await request(publish);
  } catch (err) {
    if (conditionOf(err) === 'conflict' && applicationOf(err) === 'precondition-not-met') return true;
    throw err;
  }
  const error = parseStanzaError(reply);
  if (error?.condition === 'conflict' && error.application?.name === 'precondition-not-met') return true;
  throwIfError(reply);
  return false;
}

/** The XMPP error condition of an error reply, whether thrown by @xmpp/iq or by our parsers. */
export function conditionOf(err: unknown): string | undefined {
  if (err instanceof ProtocolParseError) return err.condition;
  const condition = (err as { condition?: unknown } | null)?.condition;
  return typeof condition === 'string' ? condition : undefined;
}

/** Name of the application-specific error element, as @xmpp/error exposes it. */
function applicationOf(err: unknown): string | undefined {
  const application = (err as { application?: { name?: unknown } } | null)?.application;
  return typeof application?.name === 'string' ? application.name : undefined;
}
