/**
 * Servers nobody here wrote, started by the tests themselves on 127.0.0.1: Debian's
 * python3-websockets (run with Debian's /usr/bin/python3, not whatever python3 is first on
 * PATH) and Debian's nginx as a WebSocket reverse proxy, from a temporary prefix directory,
 * as the current user. A missing package fails the test with a message saying what to
 * install: `.ci/run` installs both, so a skip would only hide a broken CI machine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { ReconnectingSocketTask, SocketApi, SocketTask } from '../../src/index.js';
import { freePort } from '../support/free-port.js';
import { waitUntil } from '../support/wait.js';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./echo_server.py', import.meta.url));

/** Throws a clear error when Debian's python3-websockets is missing. */
export function requirePythonWebsockets(): void {
  const probe = existsSync(PYTHON) ? spawnSync(PYTHON, ['-c', 'import websockets'], { encoding: 'utf8' }) : undefined;
  if (probe?.status !== 0) {
    throw new Error(
      `interop test needs Debian's python3-websockets under ${PYTHON} ` +
        `(apt-get install python3-websockets; .ci/run installs it): ${probe?.stderr.trim() || `${PYTHON} not found`}`
    );
  }
}

/** The nginx binary, or a clear error. */
export function requireNginx(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    'interop test needs nginx (apt-get install nginx; .ci/run installs it): no nginx binary in /usr/sbin, /usr/bin or /usr/local/sbin'
  );
}

/** A port that was free a moment ago (for servers that must come back on the same port). */
export { freePort };

/** Resolves once something accepts TCP on `port`. */
export async function waitForPort(port: number, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`nothing listens on 127.0.0.1:${port} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface PythonEvent {
  event: 'listening' | 'connect' | 'close';
  port?: number;
  path?: string;
  subprotocol?: string | null;
  code?: number | null;
  reason?: string | null;
}

export interface PythonServer {
  port: number;
  url: string;
  events: PythonEvent[];
  /** SIGKILL: the kernel drops every connection, no close frame. */
  kill(): Promise<void>;
  /** SIGTERM, waiting for the exit. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startPython(port = 0): Promise<PythonServer> {
  requirePythonWebsockets();
  const child = spawn(PYTHON, [SCRIPT, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const events: PythonEvent[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const listening = new Promise<number>((resolve, reject) => {
    lines.on('line', (line) => {
      const event = JSON.parse(line) as PythonEvent;
      events.push(event);
      if (event.event === 'listening') resolve(event.port!);
    });
    child.once('exit', (code) => reject(new Error(`python3-websockets server exited (${code}) before listening: ${stderr}`)));
  });
  const actual = await listening;
  return {
    port: actual,
    url: `ws://127.0.0.1:${actual}`,
    events,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    }
  };
}

export interface Nginx {
  port: number;
  url: string;
  errorLog(): string;
  stop(): Promise<void>;
}

/** nginx in front of `backendPort`, with WebSocket upgrade headers and a short proxy_read_timeout. */
export async function startNginx(backendPort: number, readTimeout: string): Promise<Nginx> {
  const binary = requireNginx();
  const prefix = mkdtempSync(join(tmpdir(), 'minisocket-nginx-'));
  mkdirSync(join(prefix, 'logs'));
  mkdirSync(join(prefix, 'temp'));
  const port = await freePort();
  // As root, nginx's workers would switch to "nobody", which cannot use a private temp dir.
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};` : '';
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `${user}
daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log info;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${prefix}/temp/body;
  proxy_temp_path ${prefix}/temp/proxy;
  fastcgi_temp_path ${prefix}/temp/fastcgi;
  uwsgi_temp_path ${prefix}/temp/uwsgi;
  scgi_temp_path ${prefix}/temp/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://127.0.0.1:${backendPort};
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout ${readTimeout};
    }
  }
}
`
  );
  const child = spawn(binary, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const early = exited(child).then(() => {
    throw new Error(`nginx exited at start: ${stderr}`);
  });
  await Promise.race([waitForPort(port), early]);
  early.catch(() => undefined);
  const errorLog = (): string => {
    try {
      return readFileSync(join(prefix, 'logs', 'error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    errorLog,
    async stop() {
      // SIGTERM: fast shutdown of the master and its workers; then the prefix goes.
      child.kill('SIGTERM');
      await exited(child);
      rmSync(prefix, { recursive: true, force: true });
    }
  };
}

/** Tasks to `path` on the server at `baseUrl()`; `closeTasks` closes every one opened or tracked, and waits for each to end. */
export function taskOpener(
  api: SocketApi,
  baseUrl: () => string
): {
  open(path: string, extra?: Record<string, unknown>): ReconnectingSocketTask;
  track(task: SocketTask): void;
  closeTasks(): Promise<void>;
} {
  const tasks: SocketTask[] = [];
  return {
    open(path, extra = {}) {
      const task = api.connectSocket({ url: `${baseUrl()}${path}`, ...extra } as never) as ReconnectingSocketTask;
      tasks.push(task);
      return task;
    },
    track: (task) => void tasks.push(task),
    async closeTasks() {
      for (const task of tasks) if (task.readyState !== task.CLOSED) task.close({});
      await waitUntil(() => tasks.every((t) => t.readyState === t.CLOSED), 'tasks closed');
    }
  };
}
