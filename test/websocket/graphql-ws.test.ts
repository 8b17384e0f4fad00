/**
 * graphql-ws 6's client, unmodified, on the facade (`webSocketImpl`) over the `wx`
 * profile, against graphql-ws's own server (`graphql-ws/use/ws`) on a `ws` server on
 * loopback: a query, and a subscription of three events.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { createClient } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createSocketApi, createWebSocketClass } from '../../src/index.js';

// graphql 16 has no "exports": Node gives graphql-ws its CommonJS build, while vitest would
// resolve an import here to its .mjs; two copies refuse each other's schema. Take Node's.
const { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString } = createRequire(import.meta.url)(
  'graphql'
) as typeof import('graphql');

const MiniWebSocket = createWebSocketClass(createSocketApi({ profile: 'wx', warn: () => undefined }));

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { hello: { type: GraphQLString, args: { name: { type: GraphQLString } }, resolve: (_, { name }) => `hello ${name}` } }
  }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      count: {
        type: GraphQLInt,
        args: { to: { type: GraphQLInt } },
        subscribe: async function* (_: unknown, { to }: { to: number }) {
          for (let i = 1; i <= to; i++) yield { count: i };
        }
      }
    }
  })
});

describe('graphql-ws over the facade', () => {
  let wss: WebSocketServer;
  let dispose: { dispose(): void | Promise<void> };
  let url = '';

  beforeAll(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/graphql' });
    await once(wss, 'listening');
    dispose = useServer({ schema }, wss);
    url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await dispose.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  it('runs a query and a subscription with three events', async () => {
    const client = createClient({ url, webSocketImpl: MiniWebSocket, retryAttempts: 0 });
    try {
      const results: unknown[] = [];
      for await (const result of client.iterate({ query: 'query ($name: String) { hello(name: $name) }', variables: { name: 'wx' } })) {
        results.push(result);
      }
      expect(results).toEqual([{ data: { hello: 'hello wx' } }]);

      const events: unknown[] = [];
      for await (const event of client.iterate({ query: 'subscription { count(to: 3) }' })) events.push(event);
      expect(events).toEqual([{ data: { count: 1 } }, { data: { count: 2 } }, { data: { count: 3 } }]);
    } finally {
      await client.dispose();
    }
  });
});
