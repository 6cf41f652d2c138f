import test from 'ava';
import { conditionOf, type IqRequest, publishConfigured } from './iqRequest.ts';
import { buildPublish } from './pubsub.ts';
import { type Element, xml } from '../xml/element.ts';
import { parseXml } from '../xml/parse.ts';
import { ProtocolParseError } from '../errors.ts';

const PRECONDITION = `<iq type='error' id='p'><error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><precondition-not-met xmlns='http://jabber.org/protocol/pubsub#errors'/></error></iq>`;
const RESULT = `<iq type='result' id='p'/>`;

function scripted(replies: string[]): { request: IqRequest; sent: Element[] } {
  const sent: Element[] = [];
  return {
    sent,
    request: async (iq) => {
      sent.push(iq);
      return parseXml(replies.shift() ?? RESULT);
    },
  };
}

const publish = () => buildPublish({ node: 'n', payload: xml('p', { xmlns: 'urn:p' }), publishOptions: { 'pubsub#access_model': 'open' } });

test('a plain success publishes once', async (t) => {
  const s = scripted([RESULT]);
  await publishConfigured(s.request, publish(), 'n', { 'pubsub#access_model': 'open' });
  t.is(s.sent.length, 1);
});

test('precondition-not-met: configure the node, then publish again (XEP-0060 §7.1.5)', async (t) => {
  const s = scripted([PRECONDITION, RESULT, RESULT]);
  await publishConfigured(s.request, publish(), 'n', { 'pubsub#access_model': 'open' });
  t.is(s.sent.length, 3);
  const configure = s.sent[1]!.getChild('pubsub', 'http://jabber.org/protocol/pubsub#owner')?.getChild('configure');
  t.is(configure?.attrs.node, 'n');
});

test('other errors propagate with their condition, whether returned or thrown', async (t) => {
  const forbidden = `<iq type='error' id='p'><error type='auth'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`;
  const err = await t.throwsAsync(publishConfigured(scripted([forbidden]).request, publish(), 'n', {}), { instanceOf: ProtocolParseError });
  t.is(conditionOf(err), 'forbidden');
  const thrown = Object.assign(new Error('conflict'), { condition: 'conflict', application: { name: 'precondition-not-met' } });
  let calls = 0;
  const throwingOnce: IqRequest = async () => {
    calls++;
    if (calls === 1) throw thrown;
    return parseXml(RESULT);
  };
  await publishConfigured(throwingOnce, publish(), 'n', {});
  t.is(calls, 3);
});
