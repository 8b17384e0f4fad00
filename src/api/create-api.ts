/**
 * createSocketApi: one platform's API object (connectSocket plus the global functions),
 * wiring a profile, a config, an engine and a registry of tasks (src/api/registry.ts)
 * around the task core (src/task/link.ts). A task layer (src/reconnect/) is plugged in by
 * the entry point, never imported here.
 */
import * as Code from '../codes.js';
import type { Engine } from '../engines/engine.js';
import { CONNECT_OK, describe, formatError, type Failure, type SocketError } from '../errors.js';
import type { Profile, ProfileName } from '../profiles/profile.js';
import { NO_CALLBACKS, readCallbacks, settleLater, type CallbackSet } from '../task/callbacks.js';
import { Link, type TaskHost } from '../task/link.js';
import { TaskShell } from '../task/socket-task.js';
import { invalid, isInvalid, type Invalid } from '../task/validate.js';
import type { ConnectSocketOptions, ConnectSocketSuccess, SocketTask } from '../types.js';
import { checkConfig, DEFAULT_MAX_PAYLOAD, DEFAULT_TIMEOUT, type SocketApiConfig } from './config.js';
import { planConnect, type ConnectPlan, type ConnectRules } from './connect-options.js';
import { createGlobals } from './globals.js';
import type { LayerHost, TaskLayer } from './layer.js';
import { Registry } from './registry.js';
import type { SocketApi } from '../api-types.js';

const shapedTasks = new WeakMap<object, SocketTask>();

/**
 * The task behind a shaped connectSocket result (Taro's Promise), at once. Internal, not
 * exported by the package: it lets the shared contract cases, which drive a task
 * synchronously, run under the `taro` profile too.
 */
export function taskOfResult(result: unknown): SocketTask | undefined {
  return typeof result === 'object' && result !== null ? shapedTasks.get(result) : undefined;
}

/** Chooses the engine for a config; each entry point (Node, browser, device) supplies its own. */
export type EngineResolver = (config: SocketApiConfig, profile: Profile) => Engine;

/** The profiles an entry point offers by name: an entry that passes fewer lets a bundler drop the rest. */
export type ProfileTable = Partial<Record<ProfileName, Profile>>;

export function createApi(
  config: SocketApiConfig,
  resolveEngine: EngineResolver,
  layer: TaskLayer | undefined,
  profiles: ProfileTable
): SocketApi {
  if (typeof config !== 'object' || config === null) throw new TypeError('minisocket: config must be an object');
  checkConfig(config);
  const name = config.profile ?? 'standard';
  // Own keys only ('toString' is no profile); not Object.hasOwn, which ES2018 runtimes (the device build) may lack.
  const found = Object.keys(profiles).includes(name) ? profiles[name] : undefined;
  if (found === undefined) throw new TypeError(`minisocket: unknown profile ${JSON.stringify(config.profile)}`);
  const profile: Profile = found;
  const engine = config.engine ?? resolveEngine(config, profile);
  const warnings = warningChannel(config.warn ?? defaultWarn);
  const { warn, warnOnce } = warnings;
  const wording = profile.errors;
  const error = (failure: Failure): SocketError => formatError(failure, wording);
  const rules = connectRules(config, profile);
  const registry = new Registry<Link>(config.maxConnections ?? profile.maxConnections);
  const globals = profile.globals ? createGlobals({ profile, registry, warn, warnOnce, error }) : undefined;
  const host: TaskHost = {
    acceptViews: profile.sendViews,
    warn,
    warnThrow: warnings.warnThrow,
    error,
    observer: globals?.observer,
    ended: (link, refused) => registry.ended(link, refused)
  };
  // issue 14: the platform object of the native engine (config.native) is the default source of app and network events.
  const native = (config as { native?: unknown }).native;
  const layerHost: LayerHost = {
    dial,
    acceptViews: profile.sendViews,
    warn,
    warnThrow: warnings.warnThrow,
    error,
    native: typeof native === 'object' && native !== null ? native : undefined
  };
  let lastId = 0;
  // Read once here (issue 11, finding 13): a config getter must not make a later connectSocket throw.
  const singleSocket = config.singleSocket === true;
  // Alipay's `multiple`, read once per connectSocket call (issue 11, finding 6): a getter that
  // changes value must not return no task for a task that reconnects forever, unreachable.
  const ownDuringCall = new Map<unknown, boolean>();
  const isOwnTask = (options: unknown): boolean => {
    if (profile.ownTask === undefined) return false;
    const known = ownDuringCall.get(options);
    return known ?? profile.ownTask?.(options) === true;
  };

  function connectSocket(options: ConnectSocketOptions): SocketTask {
    if (profile.ownTask === undefined) return connectTask(options);
    const own = profile.ownTask(options);
    ownDuringCall.set(options, own);
    try {
      const task = connectTask(options);
      // Alipay: only `multiple: true` returns the task; the global socket is driven by the global functions.
      return own ? task : (undefined as unknown as SocketTask);
    } finally {
      ownDuringCall.delete(options);
    }
  }

  function connectTask(options: ConnectSocketOptions): SocketTask {
    if (layer?.wants(options) === true) {
      // A layered task must be returned to be stoppable: where a profile's global mode
      // returns none (Alipay without multiple: true), the layer is refused, not left running.
      if (profile.ownTask !== undefined && !isOwnTask(options)) {
        const refusal: Failure = {
          api: 'connectSocket',
          code: Code.INVALID_OPTIONS,
          detail: 'reconnect and heartbeat need a task to return: pass multiple: true'
        };
        const { link, ok, result } = dial(options, refusal);
        return shape(new TaskShell(link), { ok, result }, readCallbacks(options));
      }
      const { task, ok, result } = layer.connect(options as object, layerHost);
      return shape(task, { ok, result }, readCallbacks(options));
    }
    const { link, ok, result, callbacks } = dial(options);
    return shape(new TaskShell(link), { ok, result }, callbacks);
  }

  /** The plain connectSocket: creates and dials a link, or one refused with `refusal` or by the checks. */
  function dial(options: unknown, refusal?: Failure, place?: number): { link: Link; ok: boolean; result: object; callbacks: CallbackSet } {
    const link = new Link(++lastId, host);
    const callbacks = readCallbacks(options);
    let plan: ConnectPlan | Invalid;
    try {
      plan = refusal ? invalid(Code.INVALID_OPTIONS) : planConnect(options, rules);
    } catch (cause) {
      // planConnect does not throw by design; this keeps a bug of ours from reaching the caller as one.
      plan = invalid(Code.SYSTEM_ERROR, describe(cause), cause);
    }
    const own = isOwnTask(options);
    registry.admit(link, place ?? link.id, own);
    if (!isInvalid(plan) && singleSocket) {
      for (const other of registry.displacedBy(link)) {
        // Displaced at once: no slot held, and the globals bind the new task (its onClose still reaches onSocketClose).
        registry.ended(other);
        other.closeWith(1000, '', NO_CALLBACKS);
      }
    }
    const refused = refusal ?? (isInvalid(plan) ? refusalOf(plan) : admissionFailure(link, own));
    if (refused !== undefined) return { link, ok: false, result: link.reject(refused, callbacks), callbacks };
    const success: ConnectSocketSuccess = { errMsg: CONNECT_OK, socketTaskId: link.id };
    warnAboutPlan(plan as ConnectPlan, engine, warnOnce);
    settleLater(callbacks, true, success, warnings.callbackThrew);
    link.dial(engine, (plan as ConnectPlan).request, (plan as ConnectPlan).timeout);
    return { link, ok: true, result: success, callbacks };
  }

  /** The registry's refusals: the connection limit, then Alipay's one global socket. */
  function admissionFailure(link: Link, own: boolean): Failure | undefined {
    if (registry.full(link)) return { api: 'connectSocket', code: Code.TOO_MANY_CONNECTIONS, detail: registry.limit };
    if (profile.oneGlobalSocket === true && !own && registry.globalExists(link)) {
      return { api: 'connectSocket', code: Code.TOO_MANY_CONNECTIONS, reason: 'globalExists' };
    }
    return undefined;
  }

  /** The profile's return shape (Taro: a Promise), around a plain or a layered task. */
  function shape(task: SocketTask, outcome: { ok: boolean; result: object }, callbacks: CallbackSet): SocketTask {
    if (profile.connectResult === undefined) return task;
    // Resolves after success/fail and complete have run: they were queued first.
    const settled = new Promise<{ ok: boolean; result: object }>((resolve) => queueMicrotask(() => resolve(outcome)));
    const failHandled = callbacks.fail !== undefined || callbacks.complete !== undefined;
    const shaped = profile.connectResult(task, settled, failHandled);
    if (typeof shaped === 'object' && shaped !== null) shapedTasks.set(shaped, task);
    return shaped as SocketTask;
  }

  const api = { connectSocket, profile: profile.name, ...globals?.functions };
  return api as SocketApi;
}

function refusalOf(plan: Invalid): Failure {
  return { api: 'connectSocket', code: plan.code, detail: plan.detail, cause: plan.cause, reason: plan.reason };
}

function defaultWarn(message: string): void {
  console.warn(`minisocket: ${message}`);
}

/** The warning channel is where listener errors go: it must not throw into the task in turn. */
function warningChannel(userWarn: (message: string) => void) {
  const warn = (message: string): void => {
    try {
      userWarn(message);
    } catch {
      // nowhere left to report it
    }
  };
  const warned = new Set<string>();
  const warnOnce = (key: string, message: string): void => {
    if (warned.has(key)) return;
    warned.add(key);
    warn(message);
  };
  const warnThrow = (error: unknown): void => warn(`a listener or callback threw: ${describe(error)}`);
  const callbackThrew = (error: unknown): void => warn(`a callback threw: ${describe(error)}`);
  return { warn, warnOnce, warnThrow, callbackThrew };
}

function connectRules(config: SocketApiConfig, profile: Profile): ConnectRules {
  return {
    defaultTimeout: config.timeout ?? profile.defaultTimeout ?? DEFAULT_TIMEOUT,
    maxPayload: config.maxPayload ?? DEFAULT_MAX_PAYLOAD,
    protocolsAsString: profile.protocolsAsString,
    // Copied once, so a later change to (or a getter on) the caller's objects cannot reach a dial.
    domains: config.domains === undefined ? undefined : [...config.domains],
    requireWss: config.requireWss === true,
    routes: config.routes === undefined ? undefined : { ...config.routes },
    tls: { rejectUnauthorized: config.rejectUnauthorized !== false, ...(config.ca === undefined ? {} : { ca: config.ca }) }
  };
}

/** Warnings about what a call asked for and will not get (dropped headers, an ignored method, what the engine cannot do). */
function warnAboutPlan(plan: ConnectPlan, engine: Engine, warnOnce: (key: string, message: string) => void): void {
  for (const name of plan.droppedHeaders) {
    warnOnce(`header:${name.toLowerCase()}`, `header "${name}" is not sent: the platforms do not let callers set it`);
  }
  if (plan.ignoredMethod) {
    warnOnce(`method:${plan.ignoredMethod}`, `method ${plan.ignoredMethod} is ignored: a WebSocket handshake is always GET`);
  }
  const can = engine.capabilities;
  if (!can.requestHeaders && Object.keys(plan.request.headers).length > 0) {
    warnOnce('cap:header', `the ${engine.name} engine cannot send request headers: header is ignored`);
  }
  if (!can.tls && (!plan.request.tls.rejectUnauthorized || plan.request.tls.ca !== undefined)) {
    warnOnce('cap:tls', `the ${engine.name} engine cannot take TLS options (rejectUnauthorized, ca): its platform decides`);
  }
  if (!can.tcpOptions && (plan.request.tcpNoDelay || plan.request.perMessageDeflate)) {
    warnOnce('cap:tcp', `the ${engine.name} engine cannot set tcpNoDelay or perMessageDeflate: ignored`);
  }
}
