// The part of @xmpp/client 0.14 (which ships no types) that the web client uses.
declare module '@xmpp/client' {
  import type { Element } from '@xmpp/xml';
  interface Emitter {
    on(event: string, listener: (...args: any[]) => void): this;
    removeListener(event: string, listener: (...args: any[]) => void): this;
  }
  export interface Client extends Emitter {
    status: string;
    options: { service: string; domain: string; lang?: string };
    start(): Promise<{ toString(): string }>;
    stop(): Promise<void>;
    disconnect(): Promise<void>;
    send(el: Element): Promise<void>;
    reconnect: Emitter & { delay: number; stop(): void; start(): void };
    iqCaller: { request(el: Element, timeout?: number): Promise<Element> };
    saslFactory: { use(mech: new () => object): void };
    streamManagement: Emitter & { enabled: boolean; id: string; outbound_q: unknown[] };
    jid: { toString(): string } | null;
  }
  export function client(options: Record<string, unknown>): Client;
}
