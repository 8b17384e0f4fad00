/**
 * Turns a scenario's `flow` into Artillery steps. Every step is checked here, before any
 * virtual user runs, and a wrong one stops the run with its place in the flow.
 */
import type { EventEmitter } from 'node:events';
import type { EngineHelpers, ProcessorFunction, Step, VuContext } from './artillery';
import { ScenarioError, VuFailure } from './errors';
import type { Matcher } from './expect';
import type { Session } from './session';

export const STEP_KEYS = ['connect', 'send', 'expect', 'think', 'loop', 'close', 'function', 'log'] as const;
type StepKey = (typeof STEP_KEYS)[number];

/** Keys allowed beside the step's own key. */
const MODIFIERS: Record<StepKey, string[]> = {
  connect: [],
  send: [],
  expect: [],
  think: ['jitter'],
  loop: ['count', 'over', 'whileTrue', 'loopValue'],
  close: [],
  function: [],
  log: []
};

/** `expect`'s wait for the next message when the step names no timeout. */
export const DEFAULT_EXPECT_TIMEOUT = 1000;

export interface FlowContext {
  helpers: EngineHelpers;
  ee: EventEmitter;
  target: string | undefined;
  processor: Record<string, unknown> | undefined;
  thinkDefaults: Record<string, unknown>;
  session(context: VuContext): Session;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A step that runs `work` and hands the context on, or fails the virtual user with its reason. */
function asStep(work: (context: VuContext) => Promise<void> | void): Step {
  return (context, callback) => {
    let result: Promise<void> | void;
    try {
      result = work(context);
    } catch (error) {
      callback(error instanceof Error ? error : new Error(String(error)), context);
      return;
    }
    Promise.resolve(result).then(
      () => callback(null, context),
      (error: unknown) => callback(error instanceof Error ? error : new VuFailure(String(error)), context)
    );
  };
}

/** hex (whole bytes, spaces allowed) or base64 to bytes; undefined when it is neither. */
function bytesOf(encoding: 'hex' | 'base64', text: string): Uint8Array | undefined {
  const compact = encoding === 'hex' ? text.replace(/\s+/g, '') : text;
  const pattern = encoding === 'hex' ? /^(?:[0-9a-fA-F]{2})*$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  return pattern.test(compact) ? Buffer.from(compact, encoding) : undefined;
}

function decodeBytes(encoding: 'hex' | 'base64', text: string, step: string): Uint8Array {
  const bytes = bytesOf(encoding, text);
  if (bytes === undefined) throw new VuFailure(`${step}: ${encoding} is not valid ${encoding === 'hex' ? 'hex (whole bytes)' : 'base64'}`);
  return bytes;
}

/** Checked when the script is read if it has no template, so a typo stops the run instead of failing every user. */
function checkBytes(encoding: 'hex' | 'base64', text: string, where: string): void {
  if (text.includes('{{') || bytesOf(encoding, text) !== undefined) return;
  throw new ScenarioError(
    `${where} is not valid ${encoding === 'hex' ? 'hex (whole bytes, e.g. "01ff")' : 'base64'}: ${JSON.stringify(text)}`
  );
}

function compileSend(value: unknown, where: string, flow: FlowContext): Step {
  const step = `${where} (send)`;
  if (typeof value === 'string') {
    return asStep((context) => flow.session(context).send(step, String(flow.helpers.template(value, context))));
  }
  if (!isPlainObject(value))
    throw new ScenarioError(`${where}: send needs a string or one of { json }, { base64 }, { hex }; got ${JSON.stringify(value)}`);
  const keys = Object.keys(value);
  if (keys.length !== 1 || !['json', 'base64', 'hex'].includes(keys[0]!)) {
    throw new ScenarioError(`${where}: send takes exactly one of json, base64, hex; got ${keys.length === 0 ? 'none' : keys.join(', ')}`);
  }
  const key = keys[0] as 'json' | 'base64' | 'hex';
  const payload = value[key];
  if (key === 'json') {
    if (payload === undefined) throw new ScenarioError(`${where}: send.json needs a value`);
    return asStep((context) => flow.session(context).send(step, JSON.stringify(flow.helpers.template(payload, context))));
  }
  if (typeof payload !== 'string') throw new ScenarioError(`${where}: send.${key} must be a string`);
  checkBytes(key, payload, `${where}: send.${key}`);
  return asStep((context) => {
    const bytes = decodeBytes(key, String(flow.helpers.template(payload, context)), step);
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    return flow.session(context).send(step, copy.buffer);
  });
}

function compileExpect(value: unknown, where: string, flow: FlowContext): Step {
  const step = `${where} (expect)`;
  if (!isPlainObject(value))
    throw new ScenarioError(
      `${where}: expect needs one of { text }, { json }, { regex } (and an optional timeout); got ${JSON.stringify(value)}`
    );
  const kinds = Object.keys(value).filter((key) => key !== 'timeout');
  const unknown = kinds.filter((key) => !['text', 'json', 'regex', 'hex', 'base64'].includes(key));
  if (unknown.length > 0)
    throw new ScenarioError(
      `${where}: expect has no setting "${unknown[0]}"; it takes text, json, regex (or hex, base64 for binary), and timeout`
    );
  if (kinds.length !== 1)
    throw new ScenarioError(
      `${where}: expect takes exactly one of text, json, regex, hex, base64; got ${kinds.length === 0 ? 'none' : kinds.join(', ')}`
    );
  const timeout = value.timeout ?? DEFAULT_EXPECT_TIMEOUT;
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout <= 0) {
    throw new ScenarioError(
      `${where}: expect.timeout must be a whole number of milliseconds above 0, got ${JSON.stringify(value.timeout)}`
    );
  }
  let matcher: Matcher;
  const kind = kinds[0]!;
  if (kind === 'regex') {
    if (typeof value.regex !== 'string') throw new ScenarioError(`${where}: expect.regex must be a string`);
    try {
      matcher = { kind: 'regex', regex: new RegExp(value.regex) };
    } catch (error) {
      throw new ScenarioError(`${where}: expect.regex is not a valid regular expression: ${(error as Error).message}`);
    }
  } else if (kind === 'hex' || kind === 'base64') {
    if (typeof value[kind] !== 'string') throw new ScenarioError(`${where}: expect.${kind} must be a string`);
    checkBytes(kind, value[kind] as string, `${where}: expect.${kind}`);
    matcher = { kind: 'bytes', encoding: kind, bytes: value[kind] };
  } else if (kind === 'text') {
    if (typeof value.text !== 'string') throw new ScenarioError(`${where}: expect.text must be a string (use json for other values)`);
    matcher = { kind: 'text', text: value.text };
  } else {
    if (value.json === undefined) throw new ScenarioError(`${where}: expect.json needs a value`);
    matcher = { kind: 'json', json: value.json };
  }
  return asStep((context) => {
    let expected: unknown;
    if (matcher.kind === 'text') expected = flow.helpers.template(matcher.text, context);
    else if (matcher.kind === 'json') expected = flow.helpers.template(matcher.json, context);
    else if (matcher.kind === 'bytes')
      expected = decodeBytes(matcher.encoding, String(flow.helpers.template(matcher.bytes, context)), step);
    return flow.session(context).expect(step, matcher, expected, timeout);
  });
}

function compileConnect(value: unknown, where: string, flow: FlowContext): Step {
  const step = `${where} (connect)`;
  if (value !== null && !isPlainObject(value))
    throw new ScenarioError(`${where}: connect takes a mapping, e.g. connect: { url: "ws://host/path" } or connect: {}`);
  const settings = value ?? {};
  const extra = Object.keys(settings).filter((key) => key !== 'url');
  if (extra.length > 0)
    throw new ScenarioError(`${where}: connect has no setting "${extra[0]}"; it takes url (config.minisocket holds the rest)`);
  const url = settings.url ?? flow.target;
  if (typeof url !== 'string' || url === '') throw new ScenarioError(`${where}: connect has no url and the script has no config.target`);
  return asStep((context) => flow.session(context).connect(step, String(flow.helpers.template(url, context))));
}

function compileClose(value: unknown, where: string, flow: FlowContext): Step {
  const step = `${where} (close)`;
  if (value !== null && !isPlainObject(value))
    throw new ScenarioError(`${where}: close takes a mapping, e.g. close: { code: 1000, reason: "bye" } or close: {}`);
  const settings = value ?? {};
  const extra = Object.keys(settings).filter((key) => key !== 'code' && key !== 'reason');
  if (extra.length > 0) throw new ScenarioError(`${where}: close has no setting "${extra[0]}"; it takes code and reason`);
  const { code, reason } = settings;
  if (code !== undefined && (typeof code !== 'number' || !Number.isInteger(code)))
    throw new ScenarioError(`${where}: close.code must be a whole number, got ${JSON.stringify(code)}`);
  if (reason !== undefined && typeof reason !== 'string') throw new ScenarioError(`${where}: close.reason must be a string`);
  // The code's range (1000, 3000-4999) is the API's rule: its fail result fails the user with its errMsg.
  return asStep((context) =>
    flow
      .session(context)
      .close(step, code as number | undefined, reason === undefined ? undefined : String(flow.helpers.template(reason, context)))
  );
}

function compileFunction(value: unknown, where: string, flow: FlowContext): Step {
  const step = `${where} (function)`;
  if (typeof value !== 'string') throw new ScenarioError(`${where}: function takes the name of a function in config.processor`);
  const fn = flow.processor?.[value];
  if (typeof fn !== 'function') throw new ScenarioError(`${where}: function "${value}" is not exported by config.processor`);
  return asStep(
    (context) =>
      new Promise<void>((resolve, reject) => {
        // The task is on the context as `socketTask`, as the platforms name the object.
        context.socketTask = flow.session(context).task;
        const next = (error?: unknown): void =>
          error ? reject(new VuFailure(`${step}: ${error instanceof Error ? error.message : String(error)}`)) : resolve();
        let result: unknown;
        try {
          result = (fn as ProcessorFunction)(context, flow.ee, next);
        } catch (error) {
          next(error ?? 'threw');
          return;
        }
        if (result instanceof Promise)
          result.then(
            () => resolve(),
            (error: unknown) => next(error ?? 'rejected')
          );
      })
  );
}

function compileStep(raw: unknown, where: string, flow: FlowContext): Step {
  if (!isPlainObject(raw)) throw new ScenarioError(`${where}: a step is a mapping such as { send: "hello" }, got ${JSON.stringify(raw)}`);
  const keys = Object.keys(raw);
  const stepKeys = keys.filter((key): key is StepKey => (STEP_KEYS as readonly string[]).includes(key));
  if (stepKeys.length !== 1) {
    const unknown = keys.find((key) => !(STEP_KEYS as readonly string[]).includes(key));
    throw new ScenarioError(
      stepKeys.length === 0
        ? `${where}: unknown step "${unknown ?? ''}"; the steps are ${STEP_KEYS.join(', ')}`
        : `${where}: one step per list item, got ${stepKeys.join(' and ')}`
    );
  }
  const key = stepKeys[0]!;
  const extra = keys.find((name) => name !== key && !MODIFIERS[key].includes(name));
  if (extra !== undefined) throw new ScenarioError(`${where}: ${key} has no setting "${extra}" beside it`);
  const value = raw[key];
  switch (key) {
    case 'connect':
      return compileConnect(value, where, flow);
    case 'send':
      return compileSend(value, where, flow);
    case 'expect':
      return compileExpect(value, where, flow);
    case 'close':
      return compileClose(value, where, flow);
    case 'function':
      return compileFunction(value, where, flow);
    case 'think': {
      const think = flow.helpers.createThink(raw, flow.thinkDefaults);
      // A bad think time throws inside the timer's caller: turn it into this user's failure.
      return (context, callback) => {
        try {
          think(context, callback);
        } catch (error) {
          callback(new VuFailure(`${where} (think): ${error instanceof Error ? error.message : String(error)}`), context);
        }
      };
    }
    case 'log':
      return asStep((context) => {
        console.log(flow.helpers.template(value, context));
      });
    case 'loop': {
      if (!Array.isArray(value)) throw new ScenarioError(`${where}: loop takes a list of steps`);
      const count = raw.count;
      if (count !== undefined && typeof count !== 'number' && typeof count !== 'string')
        throw new ScenarioError(`${where}: loop.count must be a number`);
      const steps = value.map((item, i) => compileStep(item, `${where}.loop[${i}]`, flow));
      let whileTrue: unknown;
      if (raw.whileTrue !== undefined) {
        whileTrue = flow.processor?.[String(raw.whileTrue)];
        if (typeof whileTrue !== 'function')
          throw new ScenarioError(`${where}: loop.whileTrue "${String(raw.whileTrue)}" is not exported by config.processor`);
      }
      return flow.helpers.createLoopWithCount(count ?? -1, steps, {
        loopValue: raw.loopValue ?? '$loopCount',
        overValues: raw.over,
        whileTrue
      });
    }
  }
}

/** Does the flow open a connection anywhere itself? If not, the engine connects to the target first. */
export function hasConnect(flow: unknown[]): boolean {
  return flow.some((step) => isPlainObject(step) && ('connect' in step || (Array.isArray(step.loop) && hasConnect(step.loop))));
}

export function compileFlow(raw: unknown, scenario: string, flow: FlowContext): Step[] {
  if (!Array.isArray(raw)) throw new ScenarioError(`${scenario}: flow must be a list of steps`);
  const steps = raw.map((item, i) => compileStep(item, `${scenario} flow[${i}]`, flow));
  if (!hasConnect(raw)) steps.unshift(compileConnect({}, `${scenario} (implicit connect to config.target)`, flow));
  return steps;
}
