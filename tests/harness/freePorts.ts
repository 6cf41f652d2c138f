// Free loopback TCP ports, all held open together so no two are the same.
import { createServer, type Server } from 'node:net';

export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const s = createServer();
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => resolve());
      });
      servers.push(s);
    }
    return servers.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

/** The port variables of one stack (gateway HTTP and every Prosody port), all free now. */
export async function freeStackPorts(): Promise<Record<string, string>> {
  const [http, c2s, c2sTls, s2s, comp, xmppHttp] = (await freePorts(6)).map(String);
  return {
    SEALPOST_HTTP_PORT: http!,
    SEALPOST_C2S_PORT: c2s!,
    SEALPOST_C2S_DIRECT_TLS_PORT: c2sTls!,
    SEALPOST_S2S_PORT: s2s!,
    SEALPOST_COMPONENT_PORT: comp!,
    SEALPOST_XMPP_HTTP_PORT: xmppHttp!,
  };
}
