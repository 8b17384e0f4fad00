/**
 * WHATWG throws DOMExceptions (SyntaxError, InvalidStateError, InvalidAccessError). Mini-
 * program runtimes have no DOMException: there, an Error with the same `name`, `message`
 * and legacy `code` stands in, so `error.name === 'SyntaxError'` checks work everywhere.
 */
import { globalScope } from '../global-scope.js';

/** The legacy codes WebIDL gives the three names the facade throws. */
const LEGACY_CODE = { SyntaxError: 12, InvalidStateError: 11, InvalidAccessError: 15 } as const;

export type DOMExceptionName = keyof typeof LEGACY_CODE;

/** The DOMException shape where the runtime has none: an Error named as WebIDL names it. */
class DOMExceptionShape extends Error {
  readonly code: number;
  constructor(message: string, name: DOMExceptionName) {
    super(message);
    Object.defineProperty(this, 'name', { value: name, configurable: true, writable: true });
    this.code = LEGACY_CODE[name];
  }
}

/** Looked up per call, so a DOMException installed after import is used. */
export function domException(message: string, name: DOMExceptionName): Error {
  const Native = (globalScope() as { DOMException?: new (message: string, name: string) => Error }).DOMException;
  return typeof Native === 'function' ? new Native(message, name) : new DOMExceptionShape(message, name);
}
