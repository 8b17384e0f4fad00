/**
 * What each native runtime cannot do, whatever minisocket does above it: the rows of the
 * table in docs/native.md, as data. The engine reports a runtime's row once per API object
 * through the warning channel, at its first connection. Only limits with a source are
 * listed; the rest of the contract is restored by the engine (docs/native.md says how).
 *
 * A platform's own row is its profile's `nativeLimits` (src/profiles/), so that a bundle
 * for one platform carries that platform's row only; the rows here are the ones every
 * runtime shares, Taro H5's (any profile whose task exposes a DOM WebSocket) and the row of
 * a runtime minisocket has no profile for.
 */

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

// @tarojs/taro-h5 dist/api/network/websocket/socketTask.js: new WebSocket(url, protocols)
// (no header, NervJS/taro#14220), ws.close() with no arguments, onClose reporting the
// code the page asked for or { 1006, 'abnormal closure' }, send success right after
// ws.send, listeners that are the DOM event handlers.
const TARO_H5 = [
  'send request headers',
  'report response headers or timing in onOpen',
  'send a close code or reason (the server sees 1005)',
  "report the server's close code and reason (onClose says 1006 'abnormal closure' or what close() asked for)",
  'confirm that a sent message was written (success means queued)'
];

/** Any other object with a mini-program connectSocket (the `standard` profile). */
const NATIVE = ['report response headers or timing in onOpen, unless the runtime passes them'];

/**
 * The runtime's name and row, all-runtime limits first: Taro H5 when the task exposes a
 * DOM WebSocket (its documented `task.ws`), else the profile's own row, else the generic one.
 */
export function runtimeLimits(profile: string, own: readonly string[] | undefined, h5: boolean): { runtime: string; limits: string[] } {
  if (h5) return { runtime: 'taro-h5', limits: [...ALL, ...TARO_H5] };
  if (own !== undefined) return { runtime: profile, limits: [...ALL, ...own] };
  return { runtime: 'native', limits: [...ALL, ...NATIVE] };
}
