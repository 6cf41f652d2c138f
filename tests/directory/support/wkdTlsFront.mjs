// Runs inside the private network namespace of the GnuPG WKD test (wkdGnupg.test.ts): HTTPS
// on port 443 of that namespace's loopback (v4 and v6), each decrypted connection piped to the
// Unix socket where the test bridges to the gateway. Prints "ready" once listening.
// Usage: node wkdTlsFront.mjs KEY_FILE CERT_FILE SOCKET_PATH
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createServer } from 'node:tls';

const [keyFile, certFile, socketPath] = process.argv.slice(2);
const server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (clear) => {
  const upstream = connect(socketPath);
  clear.pipe(upstream).pipe(clear);
  upstream.on('error', () => clear.destroy());
  clear.on('error', () => upstream.destroy());
});
server.listen({ port: 443, host: '::', ipv6Only: false }, () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => process.exit(0));
