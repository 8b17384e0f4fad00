/**
 * What each native runtime cannot do, whatever minisocket does above it: the rows of the
 * table in docs/native.md, as data. The engine reports a runtime's row once per API object
 * through the warning channel, at its first connection. Only limits with a source are
 * listed; the rest of the contract is restored by the engine (docs/native.md says how).
 */
export type RuntimeName = 'wx' | 'tt' | 'swan' | 'qq' | 'ks' | 'my' | 'uni' | 'taro' | 'taro-h5' | 'native';

/** Limits every native runtime shares: none of their documents offers these. */
const ALL = [
  // Every runtime reports a failed handshake as one onError (an errMsg at best): refused,
  // DNS, TLS and an HTTP status look alike, so minisocket reports 610026 for all of them.
  'tell why a handshake failed (refused, DNS, TLS, HTTP status: all 610026)',
  // No runtime documents a ping() on SocketTask: the heartbeat needs `heartbeat.message`.
  'send ping frames (set heartbeat.message)',
  // TLS trust is the platform's (its console's domain list and the system's CAs).
  'take TLS options (rejectUnauthorized, ca)'
];

const ROWS: Record<RuntimeName, string[]> = {
  // WeChat documents header and protocols in onOpen's header, close code and reason both ways.
  wx: [],
  tt: ['report response headers or timing in onOpen'],
  swan: ['report timing in onOpen'],
  qq: ['report timing in onOpen'],
  ks: ['report timing in onOpen'],
  // Alipay's results are { error, errorMessage } (its docs): minisocket maps the documented numbers.
  my: ['report response headers or timing in onOpen'],
  // uni-app: send success is reported once queued, not written (dcloudio/uni-app#744, field notes 1.1 §12).
  uni: ['report timing in onOpen', 'confirm that a sent message was written (success means queued)'],
  taro: ['report timing in onOpen'],
  // @tarojs/taro-h5 dist/api/network/websocket/socketTask.js: new WebSocket(url, protocols)
  // (no header, NervJS/taro#14220), ws.close() with no arguments, onClose reporting the
  // code the page asked for or { 1006, 'abnormal closure' }, send success right after
  // ws.send, listeners that are the DOM event handlers.
  'taro-h5': [
    'send request headers',
    'report response headers or timing in onOpen',
    'send a close code or reason (the server sees 1005)',
    "report the server's close code and reason (onClose says 1006 'abnormal closure' or what close() asked for)",
    'confirm that a sent message was written (success means queued)'
  ],
  native: ['report response headers or timing in onOpen, unless the runtime passes them']
};

/** The runtime's row, all-runtime limits first. */
export function runtimeLimits(name: RuntimeName): string[] {
  return [...ALL, ...ROWS[name]];
}

/** The row for a profile's runtime; `h5` when the task exposes a DOM WebSocket (Taro H5's documented `task.ws`). */
export function runtimeOf(profile: string, h5: boolean): RuntimeName {
  if (h5) return 'taro-h5';
  return profile in ROWS && profile !== 'taro-h5' ? (profile as RuntimeName) : 'native';
}
