/**
 * Browser side of lifecycle.test.ts: a reconnecting task with the default lifecycle source
 * (this page's document and window), its events kept for the Node side to read.
 */
import { connectSocket, type ReconnectingSocketTask } from '../../../src/browser.js';

type Seen = Array<[string, unknown]>;
const seen: Seen = [];

const task = connectSocket({
  url: `ws://${location.host}/echo?id=life`,
  reconnect: { minDelay: 50, maxDelay: 200 }
}) as ReconnectingSocketTask;
task.onOpen(() => seen.push(['open', null]));
task.onError(({ errCode }) => seen.push(['error', errCode]));
task.onClose(({ code }) => seen.push(['close', code]));
task.onReconnecting(({ attempt, delay, reason }) => seen.push(['reconnecting', { attempt, delay, reason }]));

/**
 * Headless Chromium never hides a page (bringToFront of another page, a minimized window
 * and a background tab all leave visibilityState 'visible'): the test sets the state and
 * dispatches the real event, as the browser would.
 */
function setVisibility(state: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

(globalThis as { __life?: unknown }).__life = {
  seen: () => seen,
  state: () => task.readyState,
  setVisibility,
  close: () => task.close({})
};
document.body.dataset.ready = 'true';
