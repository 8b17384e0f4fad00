/** The Node entry (src/index.ts, over the `ws` package as the runtime resolves it) in Bun or Deno. */
import { createSocketApi } from '../../../src/index.js';
import type { SocketApi, SocketApiConfig } from '../../../src/index.js';
import { serve } from './serve.js';

void serve(createSocketApi as (config: SocketApiConfig) => SocketApi);
