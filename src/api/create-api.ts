/**
 * createSocketApi: one platform's API object (connectSocket plus the global functions),
 * binding a profile, a config and an engine around SocketTask.
 */
import type { Engine } from '../engines/engine.js';
import { CONNECT_OK, describe, ErrCode, socketError, socketErrorWithText, type SocketError } from '../errors.js';
import { profiles } from '../profiles/index.js';
import { readCallbacks, settleLater, type CallbackSet } from '../task/callbacks.js';
import { connectLayered, wantsLayer } from '../reconnect/index.js';
import { SocketTaskImpl, type TaskHost } from '../task/socket-task.js';
import { isInvalid } from '../task/validate.js';
import { ReadyState, type ConnectSocketOptions, type ConnectSocketSuccess, type SocketTask } from '../types.js';
import type { SocketApi } from '../api-types.js';
import { checkConfig, DEFAULT_MAX_PAYLOAD, DEFAULT_TIMEOUT, type SocketApiConfig } from './config.js';
import { planConnect, type ConnectPlan, type ConnectRules } from './connect-options.js';
import { createGlobals } from './globals.js';

const shapedTasks = new WeakMap<object, SocketTask>();

/**
 * The task behind a shaped connectSocket result (Taro's Promise), at once. Internal, not
 * exported by the package: it lets the shared contract cases, which drive a task
 * synchronously, run under the `taro` profile too.
 */
export function taskOfResult(result: unknown): SocketTask | undefined {
  return typeof result === 'object' && result !== null ? shapedTasks.get(result) : undefined;
}

/** Chooses the engine for a config; each entry point (Node, browser) supplies its own. */
export type EngineResolver = (config: SocketApiConfig) => Engine;

function defaultWarn(message: string): void {
  console.warn(`minisocket: ${message}`);
}

export function createApi(config: SocketApiConfig, resolveEngine: EngineResolver): SocketApi {
  if (typeof config !== 'object' || config === null) throw new TypeError('minisocket: config must be an object');
  checkConfig(config);
  const name = config.profile ?? 'standard';
  const profile = Object.prototype.hasOwnProperty.call(profiles, name) ? profiles[name] : undefined;
  if (profile === undefined) throw new TypeError(`minisocket: unknown profile ${JSON.stringify(config.profile)}`);
  const engine = config.engine ?? resolveEngine(config);

  const userWarn = config.warn ?? defaultWarn;
  // The warning channel is where listener errors go: it must not throw into the task in turn.
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
  const decorate = profile.decorateError ?? ((error: SocketError) => error);
  const limit = config.maxConnections ?? profile.maxConnections;
  const rules: ConnectRules = {
    defaultTimeout: config.timeout ?? profile.defaultTimeout ?? DEFAULT_TIMEOUT,
    maxPayload: config.maxPayload ?? DEFAULT_MAX_PAYLOAD,
    protocolsAsString: profile.protocolsAsString,
    domains: config.domains,
    requireWss: config.requireWss === true,
    routes: config.routes,
    tls: { rejectUnauthorized: config.rejectUnauthorized !== false, ...(config.ca === undefined ? {} : { ca: config.ca }) }
  };

  let lastId = 0;
  /**
   * Tasks that have not ended, each with its place in the creation order: its own id, or,
   * for a reconnecting task's later links, the id of the task's first link (the task has
   * not ended between links, so its next link takes the binding back, SPEC section 8).
   */
  const live = new Map<SocketTaskImpl, number>();
  /** The bound task: the live task with the lowest place (not an own task), kept at hand: the globals ask on every event. */
  let first: SocketTaskImpl | undefined;
  const bound = (): SocketTaskImpl | undefined => first;
  /** The bound task that ended last: its onClose still belongs to the global onSocketClose. */
  let endedBound: SocketTaskImpl | undefined;
  const isBound = (task: SocketTaskImpl): boolean => task === first || task === endedBound;
  /** Alipay's `multiple: true` tasks: never bound to the globals (only with the profile's ownTask hook). */
  const ownTasks = profile.ownTask ? new WeakSet<SocketTaskImpl>() : undefined;
  /** The earliest live task the globals may bind, skipping tasks of their own. */
  const nextBound = (): SocketTaskImpl | undefined => {
    let best: SocketTaskImpl | undefined;
    let bestPlace = Infinity;
    for (const [task, place] of live) {
      if (place >= bestPlace || ownTasks?.has(task) === true) continue;
      best = task;
      bestPlace = place;
    }
    return best;
  };

  // Once its onClose has been delivered, the ended bound task is let go (it holds the user's listeners).
  const closed = (task: SocketTaskImpl): void => {
    if (task === endedBound) endedBound = undefined;
  };
  const globals = profile.globals ? createGlobals({ profile, bound, isBound, closed, warn, warnOnce, decorate }) : undefined;
  const host: TaskHost = {
    acceptViews: profile.sendViews,
    warn,
    decorate,
    observer: globals?.observer,
    ended(task) {
      if (!live.delete(task) || task !== first) return;
      endedBound = task;
      first = nextBound();
    }
  };

  function warnAboutPlan(plan: ConnectPlan): void {
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

  /** CONNECTING, OPEN and CLOSING tasks hold a slot; `self` is the call being checked. */
  function limitError(self: SocketTaskImpl): SocketError | undefined {
    if (!(limit < Infinity)) return undefined;
    let active = 0;
    for (const task of live.keys()) if (task !== self && task.readyState !== ReadyState.CLOSED) active++;
    if (active < limit) return undefined;
    return profile!.limitMessage
      ? socketErrorWithText(profile!.limitMessage(limit), ErrCode.TOO_MANY_CONNECTIONS)
      : socketError('connectSocket', ErrCode.TOO_MANY_CONNECTIONS, limit);
  }

  function connectSocket(options: ConnectSocketOptions): SocketTask {
    const task = connectTask(options);
    // Alipay: only `multiple: true` returns the task; the global socket is driven by the global functions.
    return profile!.ownTask === undefined || profile!.ownTask(options) ? task : (undefined as unknown as SocketTask);
  }

  /** Alipay's error 3: a global socket is live (connecting or open) and this call asks for another. */
  function existsError(self: SocketTaskImpl): SocketError | undefined {
    for (const task of live.keys()) {
      if (task === self || ownTasks!.has(task) || task.readyState > ReadyState.OPEN) continue;
      return socketErrorWithText(profile!.globalExistsMessage!, ErrCode.TOO_MANY_CONNECTIONS);
    }
    return undefined;
  }

  function connectTask(options: ConnectSocketOptions): SocketTask {
    // reconnect / heartbeat: a task made of successive plain tasks (src/reconnect/).
    if (wantsLayer(options)) {
      // A reconnecting task must be returned to be stoppable: where a profile's global mode
      // returns none (Alipay without multiple: true), the layer is refused, not left running.
      if (ownTasks !== undefined && !profile!.ownTask!(options)) {
        const refusal = socketError('connectSocket', ErrCode.INVALID_OPTIONS, 'reconnect and heartbeat need a task to return: pass multiple: true');
        const { task, ok, result, callbacks } = dial(options, refusal);
        return shape(task, { ok, result }, callbacks);
      }
      const layered = connectLayered(options as object, { dial, acceptViews: profile!.sendViews, warn, decorate });
      return shape(layered, layered.outcome, readCallbacks(options));
    }
    const { task, ok, result, callbacks } = dial(options);
    return shape(task, { ok, result }, callbacks);
  }

  /** The plain connectSocket: creates and dials a task, or one refused with `refusal` or by the checks. */
  function dial(options: unknown, refusal?: SocketError, place?: number): { task: SocketTaskImpl; ok: boolean; result: object; callbacks: CallbackSet } {
    const task = new SocketTaskImpl(++lastId, host);
    const callbacks = readCallbacks(options);
    let outcome: { ok: boolean; result: object };
    let plan: ConnectPlan | ReturnType<typeof planConnect>;
    try {
      plan = refusal ? { invalid: true, code: ErrCode.INVALID_OPTIONS } : planConnect(options, rules);
    } catch (cause) {
      // planConnect does not throw by design; this keeps a bug of ours from reaching the caller as one.
      plan = { invalid: true, code: ErrCode.SYSTEM_ERROR, detail: describe(cause), cause };
    }
    const at = place ?? task.socketTaskId;
    live.set(task, at);
    const own = ownTasks !== undefined && profile!.ownTask!(options);
    if (own) ownTasks.add(task);
    else if (first === undefined || at < live.get(first)!) first = task;
    if (!isInvalid(plan) && config.singleSocket) {
      for (const other of live.keys()) {
        if (other === task || other.readyState > ReadyState.OPEN) continue;
        // Displaced at once: no slot held, and the globals bind the new task (its onClose still reaches onSocketClose).
        host.ended(other);
        other.close({ code: 1000 });
      }
    }
    const refused =
      refusal ??
      (isInvalid(plan)
        ? socketError('connectSocket', plan.code, plan.detail, plan.cause)
        : limitError(task) ?? (ownTasks !== undefined && !own && profile!.globalExistsMessage !== undefined ? existsError(task) : undefined));
    if (refused !== undefined) {
      outcome = { ok: false, result: task._reject(refused, callbacks) };
    } else {
      const success: ConnectSocketSuccess = { errMsg: CONNECT_OK, socketTaskId: task.socketTaskId };
      warnAboutPlan(plan as ConnectPlan);
      settleLater(callbacks, true, success, (error) => warn(`a callback threw: ${describe(error)}`));
      task._dial(engine, (plan as ConnectPlan).request, (plan as ConnectPlan).timeout);
      outcome = { ok: true, result: success };
    }
    return { task, ...outcome, callbacks };
  }

  /** The profile's return shape (Taro: a Promise), around a plain or a reconnecting task. */
  function shape(task: SocketTask, outcome: { ok: boolean; result: object }, callbacks: CallbackSet): SocketTask {
    if (profile!.connectResult === undefined) return task;
    // Resolves after success/fail and complete have run: they were queued first.
    const settled = new Promise<{ ok: boolean; result: object }>((resolve) => queueMicrotask(() => resolve(outcome)));
    const failHandled = callbacks.fail !== undefined || callbacks.complete !== undefined;
    const shaped = profile!.connectResult(task, settled, failHandled);
    if (typeof shaped === 'object' && shaped !== null) shapedTasks.set(shaped, task);
    return shaped as SocketTask;
  }

  const api = { connectSocket, profile: profile.name, ...globals?.functions };
  return api as SocketApi;
}
