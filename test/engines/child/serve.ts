/**
 * The runtime side of the Bun and Deno runners: reads one request per line on stdin
 * (`{ group, name, id }`), runs that contract case with the entry's createSocketApi against
 * the Node test process's servers, and answers one line on stdout. Only `node:readline`
 * and `node:process`, which Bun and Deno both provide.
 */
import { argv, stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline';
import type { SocketApi, SocketApiConfig } from '../../../src/index.js';
import { cleanup, groups, makeCtx } from '../../contract/index.js';
import { within } from '../../contract/harness.js';
import { routeHang } from '../support/hang.js';

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
  const found = groups.find((g) => g.name === request.group)?.cases.find((c) => c.name === request.name);
  if (found === undefined)
    return {
      id: request.id,
      ok: false,
      message: `no case ${JSON.stringify(request.group)} / ${JSON.stringify(request.name)} in the bundle`
    };
  const setup = { env: config.env, id: request.id, serverUrl: config.serverUrl, createSocketApi };
  const ctx = makeCtx(config.refusedUrl === undefined ? setup : { ...setup, refusedUrl: config.refusedUrl });
  if (config.hangUrl !== undefined) routeHang(ctx, request.id, config.serverUrl, config.hangUrl);
  try {
    await within(found.run(ctx), found.timeout, `the case (its own timeout, ${found.timeout} ms)`);
    return { id: request.id, ok: true };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
    return { id: request.id, ok: false, message, warnings: ctx.warnings };
  } finally {
    await cleanup(ctx);
  }
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
