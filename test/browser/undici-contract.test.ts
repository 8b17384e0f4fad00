/**
 * The WHATWG engine outside a browser: the shared contract cases on Node with undici's
 * WebSocket passed as config.WebSocket (the Node entry then uses the whatwg engine, as it
 * would with Deno's or Bun's). It runs with env 'browser', the capabilities that engine
 * has, so the nodeOnly cases are skipped as in Chromium.
 */
import { WebSocket as UndiciWebSocket } from 'undici';
import { createSocketApi, type SocketApiConfig, type WebSocketConstructorLike } from '../../src/index.js';
import { expect, it } from 'vitest';
import { describeContract, unknownCases } from '../support/contract-suite.js';

const withUndici = (config: SocketApiConfig) =>
  createSocketApi({ WebSocket: UndiciWebSocket as unknown as WebSocketConstructorLike, ...config });

/**
 * Where undici itself differs, recorded as expected failures so that a change in undici
 * shows up here. undici fires `error` before `close 1006` when the TCP connection drops
 * (a browser fires only `close`); the engine cannot tell that apart from a protocol error.
 */
const UNDICI_DIFFERS: Record<string, string> = {
  'TCP drop without a close frame: close 1006, no error': 'undici fires error before close 1006 on a TCP drop'
};

// undici, like Chromium, is given /hang on its own server (see routeHang in test/support/contract-runner.ts).
describeContract('undici WebSocket (WHATWG engine on Node): shared contract cases', {
  env: 'browser',
  idPrefix: 'u',
  api: () => withUndici,
  hang: true,
  plan: (_group, contractCase) => {
    const differs = UNDICI_DIFFERS[contractCase.name];
    return contractCase.nodeOnly ? 'skip' : differs === undefined ? undefined : { fails: differs };
  }
});

it('every difference listed names a case of the suite', () => {
  expect(unknownCases(Object.keys(UNDICI_DIFFERS))).toEqual([]);
});
