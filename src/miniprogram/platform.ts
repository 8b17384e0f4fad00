/**
 * The platform object a profile's code calls on the device (`wx`, `tt`, `swan`, `uni`,
 * `Taro`, `my`), read when a connection is made, never at load. A mini-program's APIs are
 * free variables of its JS context, not always properties of a global object (old base
 * libraries have no `globalThis`), so each is read with `typeof`.
 */
declare const wx: unknown;
declare const tt: unknown;
declare const swan: unknown;
declare const uni: unknown;
declare const Taro: unknown;
declare const my: unknown;

export function platformObject(globalName: string): unknown {
  switch (globalName) {
    case 'wx':
      return typeof wx === 'undefined' ? undefined : wx;
    case 'tt':
      return typeof tt === 'undefined' ? undefined : tt;
    case 'swan':
      return typeof swan === 'undefined' ? undefined : swan;
    case 'uni':
      return typeof uni === 'undefined' ? undefined : uni;
    case 'Taro':
      return typeof Taro === 'undefined' ? undefined : Taro;
    case 'my':
      return typeof my === 'undefined' ? undefined : my;
    default:
      return undefined;
  }
}
