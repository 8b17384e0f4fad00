/**
 * WebKit: WebKitGTK's MiniBrowser under WebKitWebDriver, in an Xvfb of its own: the whole
 * contract suite on the browser entry and WebKit's own WebSocket. Cases marked nodeOnly
 * (request headers, timing, refused/DNS errCodes) cannot run in a page and are skipped.
 */
import { webkit } from './support/runtimes.js';
import { runOnEngine } from './support/suite.js';
import { startWebKit } from './support/webkit.js';

const located = webkit();

runOnEngine({
  title: `${located.version || 'WebKitGTK'} MiniBrowser, browser entry`,
  env: 'browser',
  located,
  differs: {
    'sends not yet written when the connection drops fail in order, each with one outcome':
      'WebKit empties bufferedAmount as soon as its network process has the bytes, so every send succeeds even when the peer never reads them'
  },
  start: () => startWebKit({ driver: located.path!, miniBrowser: located.miniBrowser!, xvfb: located.xvfb! })
});
