/// <reference path="../protocol/src/xml/xmpp-xml.d.ts" />
// Types for @xmpp/component 0.13 (CommonJS, ships none): only what xmpp/ uses.
declare module '@xmpp/component' {
  import type { EventEmitter } from 'node:events';
  import type { Element } from '@xmpp/xml';

  export interface Component extends EventEmitter {
    status: string;
    /** Per-step timeout in ms (stream open, handshake, close); 2000 by default. */
    timeout: number;
    start(): Promise<unknown>;
    connect(service: string): Promise<void>;
    open(options: { domain: string; lang?: string }): Promise<unknown>;
    disconnect(timeoutMs?: number): Promise<void>;
    socket: { destroy(): void } | null;
    stop(): Promise<unknown>;
    send(element: Element): Promise<void>;
    reconnect: EventEmitter & { delay: number; stop(): void };
  }
  export function component(options: { service: string; domain: string; password: string }): Component;
  export { xml } from '@xmpp/xml';
}
