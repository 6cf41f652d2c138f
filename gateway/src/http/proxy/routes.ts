// The allow-list of what the gateway passes to Prosody's internal HTTP server: the XMPP
// WebSocket endpoint (RFC 7395) as a WebSocket upgrade only, and XEP-0363 upload slots
// (`/file_share/<slot>/<name>`, the URLs mod_http_file_share hands out) with the methods an
// upload or download needs. Every other Prosody path (admin pages, other modules) stays internal.

export const WEBSOCKET_PATH = '/xmpp-websocket';
const FILE_SHARE_PREFIX = '/file_share';
/** RFC 3986 §3.3 pchar, without dot segments (a slot id, then a percent-encoded file name). */
const SEGMENT = /^(?!\.{1,2}$)[A-Za-z0-9\-._~!$&'()*+,;=:@%]+$/;
export const FILE_SHARE_METHODS = ['GET', 'HEAD', 'PUT', 'OPTIONS'] as const;

export type ProxyRoute =
  | { kind: 'none' }
  | { kind: 'file_share'; path: string }
  | { kind: 'refused'; status: 404 | 405 | 426; message: string; allow?: string };

/** Which proxied route a request is, from its method and path (the query is never forwarded). */
export function matchProxyRoute(method: string, pathname: string): ProxyRoute {
  if (pathname === WEBSOCKET_PATH || pathname.startsWith(`${WEBSOCKET_PATH}/`)) {
    return pathname === WEBSOCKET_PATH
      ? { kind: 'refused', status: 426, message: `${WEBSOCKET_PATH} takes WebSocket connections only (RFC 7395)` }
      : { kind: 'refused', status: 404, message: `no such path ${pathname}` };
  }
  if (pathname !== FILE_SHARE_PREFIX && !pathname.startsWith(`${FILE_SHARE_PREFIX}/`)) return { kind: 'none' };
  const segments = pathname.slice(FILE_SHARE_PREFIX.length + 1).split('/');
  if (segments.length !== 2 || !segments.every((s) => SEGMENT.test(s) && isPlainSegment(s))) {
    return { kind: 'refused', status: 404, message: `no such file ${pathname}` };
  }
  if (!(FILE_SHARE_METHODS as readonly string[]).includes(method)) {
    return { kind: 'refused', status: 405, message: `${method} is not allowed on uploads`, allow: FILE_SHARE_METHODS.join(', ') };
  }
  return { kind: 'file_share', path: pathname };
}

/** Not a dot segment or a slash once percent-decoded (RFC 3986 §5.2.4), and well encoded. */
function isPlainSegment(segment: string): boolean {
  try {
    const decoded = decodeURIComponent(segment);
    return decoded !== '.' && decoded !== '..' && !decoded.includes('/') && !decoded.includes('\\');
  } catch {
    return false; // malformed percent-encoding: not a path Prosody ever handed out
  }
}
