/**
 * The profiles key their error wording by literal errCodes (610012, not
 * `[ErrCode.TOO_MANY_CONNECTIONS]`), so that a bundle can drop a profile it does not use
 * (a computed key is a statement with effects). This checks every literal against ErrCode.
 */
import { describe, expect, it } from 'vitest';
import { ErrCode } from '../../src/errors.js';
import { profiles } from '../../src/profiles/index.js';

const codes = new Set<number>(Object.values(ErrCode));
const reasons = new Set(['globalExists', 'notWsScheme']);

describe('profile wording keys', () => {
  it('every numeric key of every profile is an errCode, every other key a finer reason', () => {
    for (const profile of Object.values(profiles)) {
      const tables = [profile.errors?.texts ?? {}, ...Object.values(profile.errors?.alipay ?? {})];
      for (const table of tables) {
        for (const key of Object.keys(table as object)) {
          if (/^\d+$/.test(key)) expect(codes.has(Number(key)), `${profile.name}: ${key}`).toBe(true);
          else expect(reasons.has(key), `${profile.name}: ${key}`).toBe(true);
        }
      }
    }
  });

  it('the keys name the codes the platforms document', () => {
    expect(Object.keys(profiles.wx!.errors!.texts!)).toEqual([String(ErrCode.TOO_MANY_CONNECTIONS)]);
    expect(profiles.tt!.errors).toEqual(profiles.wx!.errors);
    expect(Object.keys(profiles.taro!.errors!.texts!)).toEqual([String(ErrCode.TOO_MANY_CONNECTIONS)]);
    expect(profiles.my!.errors!.alipay!.connectSocket).toEqual({
      globalExists: 3,
      notWsScheme: 5,
      [ErrCode.INVALID_OPTIONS]: 2,
      [ErrCode.INVALID_HEADER]: 2,
      [ErrCode.INVALID_PROTOCOLS]: 2,
      [ErrCode.INVALID_TIMEOUT]: 2,
      [ErrCode.INVALID_METHOD]: 2,
      [ErrCode.INVALID_DATA_OPTION]: 2,
      [ErrCode.INVALID_URL]: 4,
      [ErrCode.WSS_REQUIRED]: 20
    });
  });
});
