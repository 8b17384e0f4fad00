// ws's own WHATWG-style interface, as a browser-minded library uses it: the peer of the
// WHATWG facade (bench/contenders/facade.mjs), used the same way (bench/contenders/whatwg.mjs).
import WebSocket from 'ws';
import { whatwgContender } from './whatwg.mjs';

export const { name, cases, binary, open } = whatwgContender('ws-whatwg', WebSocket);
