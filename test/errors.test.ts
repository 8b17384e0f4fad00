/**
 * src/errors.ts: every errMsg is made by formatError, from the failure's structured facts
 * and the profile's wording data; a profile never writes or parses an errMsg.
 */
import { describe, expect, it } from 'vitest';
import { ErrCode, formatError, type Failure } from '../src/errors.js';
import { profiles } from '../src/profiles/index.js';

const limit: Failure = { api: 'connectSocket', code: ErrCode.TOO_MANY_CONNECTIONS, detail: 5 };

describe('formatError', () => {
  it('minisocket\'s wording: "<api>:fail <reason>", the detail in its slot taken literally', () => {
    expect(formatError(limit)).toEqual({ errMsg: 'connectSocket:fail reach max websocket connect count 5', errCode: 610012 });
    expect(formatError({ api: 'connectSocket', code: ErrCode.INVALID_URL, detail: "ws://x/$&$'" }).errMsg).toBe(
      'connectSocket:fail invalid url "ws://x/$&$\'"'
    );
    const cause = new Error('x');
    expect(formatError({ api: 'connectSocket', code: ErrCode.BAD_RESPONSE_STATUS, detail: 403, statusCode: 403, cause })).toEqual({
      errMsg: 'connectSocket:fail unexpected response status 403',
      errCode: 610024,
      statusCode: 403,
      cause
    });
  });

  it('profile texts are data: WeChat (and Douyin) keep the doubled fail, Taro its Chinese limit text', () => {
    expect(formatError(limit, profiles.wx!.errors).errMsg).toBe('connectSocket:fail fail reach max websocket connect count 5');
    expect(formatError(limit, profiles.tt!.errors).errMsg).toBe('connectSocket:fail fail reach max websocket connect count 5');
    expect(formatError(limit, profiles.taro!.errors).errMsg).toBe('connectSocket:fail 同时最多发起 5 个 socket 请求，更多请参考文档。');
    expect(formatError({ api: 'closeSocket', code: ErrCode.NOT_CONNECTED }, profiles.wx!.errors).errMsg).toBe(
      'closeSocket:fail WebSocket is not connected'
    );
  });

  it('uni-app x: errSubject on every result', () => {
    expect(formatError({ api: 'sendSocketMessage', code: ErrCode.NOT_CONNECTED }, profiles.uni!.errors)).toEqual({
      errMsg: 'sendSocketMessage:fail WebSocket is not connected',
      errCode: 10002,
      errSubject: 'uni-websocket'
    });
  });

  it('Alipay: error by finer reason, then by code (connectSocket only), else errCode; errorMessage is the reason text', () => {
    const my = profiles.my!.errors;
    expect(formatError({ api: 'connectSocket', code: ErrCode.TOO_MANY_CONNECTIONS, reason: 'globalExists' }, my)).toEqual({
      errMsg: 'connectSocket:fail a WebSocket already exists (multiple is not true): close it with closeSocket first',
      errCode: 610012,
      error: 3,
      errorMessage: 'a WebSocket already exists (multiple is not true): close it with closeSocket first'
    });
    expect(formatError({ api: 'connectSocket', code: ErrCode.INVALID_URL, detail: 'http://x', reason: 'notWsScheme' }, my).error).toBe(5);
    expect(formatError({ api: 'connectSocket', code: ErrCode.INVALID_URL, detail: 'ws://' }, my).error).toBe(4);
    expect(formatError({ api: 'connectSocket', code: ErrCode.TIMEOUT }, my)).toMatchObject({ error: 610020, errorMessage: 'timeout' });
    expect(formatError({ api: 'sendSocketMessage', code: ErrCode.INVALID_OPTIONS, detail: 'x' }, my).error).toBe(610001);
  });

  it("without a profile text, a finer reason has minisocket's own wording", () => {
    expect(formatError({ api: 'connectSocket', code: ErrCode.TOO_MANY_CONNECTIONS, reason: 'globalExists' }).errMsg).toBe(
      'connectSocket:fail a global socket already exists: close it with closeSocket first'
    );
  });
});

describe('nothing in src/ parses an errMsg', () => {
  it('no string method or regex test is applied to an errMsg outside src/errors.ts', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const files = (readdirSync('src', { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && f !== 'errors.ts');
    const parsing =
      /errMsg\s*\.\s*(slice|substring|substr|indexOf|lastIndexOf|startsWith|endsWith|split|match|replace|includes)\b|\.test\([^)]*errMsg|errMsg\s*===/;
    const found = files.filter((f) => parsing.test(readFileSync(`src/${f}`, 'utf8')));
    expect(found).toEqual([]);
    // The check itself can fail:
    expect(parsing.test('const api = error.errMsg.slice(0, 3)')).toBe(true);
  });
});
