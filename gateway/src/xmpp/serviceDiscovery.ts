// What the component answers about itself: XEP-0030 disco#info and XEP-0199 ping, so any
// XMPP app can see the gateway is there and what it offers.
import { xml } from '@sealpost/protocol';
import type { GatewayComponent } from './component.ts';

const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';
const NS_PING = 'urn:xmpp:ping';

export function registerServiceDiscovery(component: GatewayComponent, features: () => string[]): void {
  component.handle('get', NS_DISCO_INFO, 'query', () =>
    xml(
      'query',
      { xmlns: NS_DISCO_INFO },
      xml('identity', { category: 'component', type: 'generic', name: 'Sealpost gateway' }),
      ...[NS_DISCO_INFO, NS_PING, ...features()].map((v) => xml('feature', { var: v })),
    ),
  );
  component.handle('get', NS_PING, 'ping', () => undefined);
}
