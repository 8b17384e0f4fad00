/**
 * The runtime side of the Bun and Deno runners: reads one request per line on stdin
 * (`{ group, name, id }`), runs that contract case with the entry's createSocketApi against
 * the Node test process's servers, and answers one line on stdout. Only `node:readline`
 * and `node:process`, which Bun and Deno both provide.
 */
import { argv, stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline';
import type { SocketApi, SocketApiConfig } from '../../../src/index.js';
import { makeCtx } from '../../contract/index.js';
import { routeHang, runCase } from '../../support/contract-runner.js';

export interface ChildConfig {
  env: 'node' | 'browser';
  serverUrl: string;
  hangUrl?: string;
  refusedUrl?: string;
}

export interface ChildRequest {
  group: string;
  name: string;
  id: string;
}

export interface ChildResult {
  id: string;
  ok: boolean;
  message?: string;
  warnings?: string[];
}

/** Marks the answer lines, so that anything else a runtime prints cannot be taken for one. */
export const RESULT_MARK = '@@minisocket-case ';

async function runOne(
  createSocketApi: (config: SocketApiConfig) => SocketApi,
  config: ChildConfig,
  request: ChildRequest
): Promise<ChildResult> {
  const result = await runCase(
    request,
    () => {
      const setup = { env: config.env, id: request.id, serverUrl: config.serverUrl, createSocketApi };
      const ctx = makeCtx(config.refusedUrl === undefined ? setup : { ...setup, refusedUrl: config.refusedUrl });
      if (config.hangUrl !== undefined) routeHang(ctx, request.id, config.serverUrl, config.hangUrl);
      return ctx;
    },
    true
  );
  return { id: request.id, ...result };
}

export async function serve(createSocketApi: (config: SocketApiConfig) => SocketApi): Promise<void> {
  const config = JSON.parse(argv[argv.length - 1] ?? '{}') as ChildConfig;
  stdout.write(`${RESULT_MARK}${JSON.stringify({ id: 'ready', ok: true })}\n`);
  for await (const line of createInterface({ input: stdin })) {
    if (line.trim() === '') continue;
    const result = await runOne(createSocketApi, config, JSON.parse(line) as ChildRequest);
    stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
  }
}
