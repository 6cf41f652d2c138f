/// <reference path="../protocol/src/xml/xmpp-xml.d.ts" />
// Types for @xmpp/client 0.14 (ships none): what the tests use.
declare module '@xmpp/client' {
  import type { EventEmitter } from 'node:events';
  import type { Element } from '@xmpp/xml';
  export type { Element } from '@xmpp/xml';
  export { xml } from '@xmpp/xml';
  export interface Client extends EventEmitter {
    status: string;
    start(): Promise<{ toString(): string; local: string; domain: string; resource: string }>;
    stop(): Promise<void>;
    send(el: Element): Promise<void>;
    reconnect: EventEmitter & { stop(): void };
    iqCaller: { request(el: Element, timeout?: number): Promise<Element> };
  }
  export function client(options: Record<string, unknown>): Client;
}
