// minisocket's WHATWG WebSocket facade (createWebSocketClass) over the built package's API
// object with the `wx` profile (the setting), used exactly as the ws-whatwg peer
// uses ws (bench/contenders/whatwg.mjs).
import { whatwgContender } from './whatwg.mjs';

const { createSocketApi, createWebSocketClass } = await import(process.env.MINISOCKET_DIST ?? '../../dist/esm/index.js');

export const { name, cases, binary, open } = whatwgContender(
  'facade',
  createWebSocketClass(createSocketApi({ profile: 'wx', warn: (message) => process.emitWarning(message) }))
);
