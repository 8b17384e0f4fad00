/**
 * A script the engine cannot run is refused when Artillery builds the scenario, with the
 * setting or the step named; the expect matchers on their own.
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { jsonSubset } from '../src/expect.js';

// Artillery's own helpers, as its runner hands them to an engine.
const helpers = createRequire(import.meta.url)('@artilleryio/int-commons').engine_util;
const Engine = createRequire(import.meta.url)('../dist/index.js') as new (
  script: unknown,
  ee: EventEmitter,
  helpers: unknown
) => {
  createScenario(spec: unknown, ee: EventEmitter): unknown;
};

function build(flow: unknown, minisocket: unknown = {}, processor: Record<string, unknown> = {}): () => unknown {
  const engine = new Engine({ config: { target: 'ws://127.0.0.1:1', minisocket, processor } }, new EventEmitter(), helpers);
  return () => engine.createScenario({ name: 'chat', engine: 'minisocket', flow }, new EventEmitter());
}

describe('scenario errors name the step', () => {
  it.each([
    [
      [{ connect: {} }, { sned: 'x' }],
      'scenario "chat" flow[1]: unknown step "sned"; the steps are connect, send, expect, think, loop, close, function, log'
    ],
    [[{ send: 'a', expect: { text: 'a' } }], 'scenario "chat" flow[0]: one step per list item, got send and expect'],
    [[{ send: { json: 1, hex: '00' } }], 'scenario "chat" flow[0]: send takes exactly one of json, base64, hex; got json, hex'],
    [[{ send: { hex: '0g' } }], 'scenario "chat" flow[0]: send.hex is not valid hex (whole bytes, e.g. "01ff"): "0g"'],
    [[{ send: 42 }], 'scenario "chat" flow[0]: send needs a string or one of { json }, { base64 }, { hex }; got 42'],
    [
      [{ expect: { text: 'a', timeout: 'soon' } }],
      'scenario "chat" flow[0]: expect.timeout must be a whole number of milliseconds above 0, got "soon"'
    ],
    [[{ expect: { regex: '(' } }], 'scenario "chat" flow[0]: expect.regex is not a valid regular expression'],
    [[{ expect: { txt: 'a' } }], 'scenario "chat" flow[0]: expect has no setting "txt"'],
    [
      [{ loop: [{ send: 'a' }, { close: { code: 'x' } }], count: 2 }],
      'scenario "chat" flow[0].loop[1]: close.code must be a whole number, got "x"'
    ],
    [[{ function: 'missing' }], 'scenario "chat" flow[0]: function "missing" is not exported by config.processor'],
    [[{ connect: { url: 'ws://a/', headers: {} } }], 'scenario "chat" flow[0]: connect has no setting "headers"'],
    [{ send: 'a' }, 'scenario "chat": flow must be a list of steps']
  ])('%j', (flow, message) => {
    expect(build(flow)).toThrow(`artillery-engine-minisocket: ${message}`);
  });

  it.each([
    [{ profile: 'qq' }, 'config.minisocket.profile must be one of standard, wx, tt, swan, uni, taro, my, got "qq"'],
    [{ timeout: -1 }, 'config.minisocket.timeout must be a whole number of milliseconds above 0, got -1'],
    [{ headers: {} }, 'config.minisocket: unknown setting "headers"; the settings are profile, header, protocols, timeout, reconnect'],
    [{ protocols: [1] }, 'config.minisocket.protocols must be a string or a list of strings'],
    ['wx', 'config.minisocket must be a mapping, got "wx"']
  ])('config.minisocket %j', (config, message) => {
    expect(build([{ send: 'a' }], config)).toThrow(`artillery-engine-minisocket: ${message}`);
  });

  it('a valid flow builds one function per virtual user', () => {
    expect(typeof build([{ connect: {} }, { send: 'a' }, { expect: { text: 'a' } }, { think: 1 }, { close: {} }])()).toBe('function');
  });
});

describe('expect: { json } matches a subset', () => {
  it.each([
    [{ type: 'pong' }, { type: 'pong', id: 7 }, true],
    [{ type: 'pong', id: 7 }, { type: 'pong' }, false],
    [{ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 2, d: 3 }] }, e: 0 }, true],
    [[1, 2], [1, 2, 3], false],
    [{ a: null }, { a: null }, true],
    [{ a: 1 }, [1], false],
    ['x', 'x', true],
    [0, -0, true]
  ])('%j in %j: %s', (expected, actual, result) => {
    expect(jsonSubset(expected, actual)).toBe(result);
  });
});
