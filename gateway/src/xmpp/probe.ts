// A liveness probe for Prosody: it is up when its client port accepts a TCP connection.
import { connect } from 'node:net';

export function probeTcp(host: string, port: number, timeoutMs = 1000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const done = (err?: Error) => {
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`timeout connecting to ${host}:${port}`)));
    socket.once('connect', () => done());
    socket.once('error', done);
  });
}
