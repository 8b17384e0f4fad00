/** The WHATWG entry (src/browser.ts, over the runtime's own global WebSocket) in Bun or Deno. */
import { createSocketApi } from '../../../src/browser.js';
import type { SocketApi, SocketApiConfig } from '../../../src/index.js';
import { serve } from './serve.js';

void serve(createSocketApi as (config: SocketApiConfig) => SocketApi);
