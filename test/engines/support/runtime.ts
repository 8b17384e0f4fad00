/**
 * A CaseRunner in Bun or Deno: the entry and the contract cases bundled by esbuild into
 * one module (packages such as `ws` stay imports, so the runtime resolves them as it would
 * for a user: Bun's `ws` is Bun's own), run by the runtime as one long-lived process that
 * takes a case per stdin line (child/serve.ts). The servers are the Node test process's.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { createTestServer, type TestServer } from '../../../src/testing/index.js';
import { freePort } from '../../support/free-port.js';
import type { ChildConfig, ChildResult } from '../child/serve.js';
import { RESULT_MARK } from '../child/serve.js';
import { spawnGroup, type Group } from './processes.js';
import { deadline, type CaseRequest, type CaseResult, type CaseRunner } from './suite.js';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface RuntimeOptions {
  binary: string;
  /** Arguments before the module's path (`run -A` for Deno). */
  args: string[];
  entry: 'node' | 'whatwg';
  env?: NodeJS.ProcessEnv;
}

/** Bundles the entry into .tmp/ of the repository (so `ws` resolves from its node_modules). */
async function bundle(entry: 'node' | 'whatwg'): Promise<{ file: string; dir: string }> {
  const dir = join(ROOT, '.tmp', `engines-${process.pid}-${entry}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'child.mjs');
  await build({
    entryPoints: [join(ROOT, 'test/engines/child', `${entry}-entry.ts`)],
    bundle: true,
    format: 'esm',
    platform: entry === 'node' ? 'node' : 'neutral',
    packages: 'external',
    target: 'es2022',
    outfile: file,
    logLevel: 'silent'
  });
  return { file, dir };
}

export async function startRuntime(options: RuntimeOptions): Promise<CaseRunner> {
  const servers: TestServer[] = [];
  let group: Group | undefined;
  let dir: string | undefined;
  const close = async (): Promise<void> => {
    await group?.stop();
    await Promise.all(servers.map((server) => server.close()));
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const server = await createTestServer();
    servers.push(server);
    const config: ChildConfig = { env: options.entry === 'node' ? 'node' : 'browser', serverUrl: server.url };
    if (options.entry === 'node') {
      config.refusedUrl = `ws://127.0.0.1:${await freePort()}/`;
    } else {
      const hang = await createTestServer();
      servers.push(hang);
      config.hangUrl = hang.url;
    }
    const built = await bundle(options.entry);
    dir = built.dir;
    group = spawnGroup(options.binary, [...options.args, built.file, JSON.stringify(config)], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env }
    });
    const child = group;
    const waiting = new Map<string, (result: ChildResult) => void>();
    const others: string[] = [];
    createInterface({ input: child.child.stdout! }).on('line', (line) => {
      if (!line.startsWith(RESULT_MARK)) return void others.push(line);
      const result = JSON.parse(line.slice(RESULT_MARK.length)) as ChildResult;
      waiting.get(result.id)?.(result);
      waiting.delete(result.id);
    });
    const exited = new Promise<never>((_resolve, reject) => {
      child.child.once('exit', (code, signal) =>
        reject(new Error(`${options.binary} exited (${signal ?? code}):\n${child.output()}\n${others.slice(-20).join('\n')}`))
      );
    });
    exited.catch(() => undefined);
    const answer = (id: string): Promise<ChildResult> => Promise.race([new Promise<ChildResult>((done) => waiting.set(id, done)), exited]);
    await deadline(answer('ready'), 30_000, `${options.binary} to load the contract bundle\n${child.output()}`);
    return {
      async run(request: CaseRequest, timeout: number): Promise<CaseResult> {
        const result = answer(request.id);
        child.child.stdin!.write(`${JSON.stringify(request)}\n`);
        return deadline(result, timeout, `${options.binary} to answer for ${request.name}\n${child.output()}`);
      },
      close
    };
  } catch (error) {
    await close();
    throw error;
  }
}
