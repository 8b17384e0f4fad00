/**
 * connectSocket's options, read once and checked (docs/contract.md section 2), into what the task dials.
 */
import { describe, ErrCode, type ErrCodeValue } from '../errors.js';
import type { DialRequest } from '../engines/engine.js';
import {
  applyData,
  invalid,
  isInvalid,
  validateHeader,
  validateMethod,
  validateProtocols,
  validateTimeout,
  validateUrl,
  type Invalid
} from '../task/validate.js';
import { applyRoutes, checkUrlRules } from './url-rules.js';

export interface ConnectPlan {
  request: DialRequest;
  timeout: number;
  /** Header names that were dropped, and a legacy method that was ignored: for the warning channel. */
  droppedHeaders: string[];
  ignoredMethod?: string;
}

export interface ConnectRules {
  defaultTimeout: number;
  maxPayload: number;
  protocolsAsString: boolean;
  domains?: string[] | undefined;
  requireWss: boolean;
  routes?: Record<string, string> | undefined;
  tls: DialRequest['tls'];
}

const KEYS = ['url', 'header', 'protocols', 'timeout', 'tcpNoDelay', 'perMessageDeflate', 'method', 'data'] as const;
type Read = Record<(typeof KEYS)[number], unknown>;

/**
 * Each option read once, in KEYS order, in one guarded block (a try per key costs on every
 * connect); `key` names the getter that threw, if one does.
 */
function readOptions(options: object): Read | Invalid {
  const o = options as Partial<Read>;
  const read = {} as Read;
  let key: (typeof KEYS)[number] = 'url';
  try {
    for (key of KEYS) read[key] = o[key];
    return read;
  } catch (thrown) {
    const cause = thrown ?? new Error('getter threw');
    return invalid(ErrCode.INVALID_OPTIONS, `reading ${key}: ${describe(cause)}`, cause);
  }
}

export function planConnect(options: unknown, rules: ConnectRules): ConnectPlan | Invalid {
  if (typeof options !== 'object' || options === null) {
    return invalid(ErrCode.INVALID_OPTIONS, `expected an object, got ${options === null ? 'null' : typeof options}`);
  }
  const read = readOptions(options);
  if (isInvalid(read)) return read;

  const parsed = checked(ErrCode.INVALID_URL, () => validateUrl(read.url));
  if (isInvalid(parsed)) return parsed;
  const ruled = checkUrlRules(parsed, String(read.url), rules.domains, rules.requireWss);
  if (ruled) return ruled;
  const header = checked(ErrCode.INVALID_HEADER, () => validateHeader(read.header));
  if (isInvalid(header)) return header;
  const protocols = checked(ErrCode.INVALID_PROTOCOLS, () => validateProtocols(read.protocols, rules.protocolsAsString));
  if (isInvalid(protocols)) return protocols;
  const timeout = checked(ErrCode.INVALID_TIMEOUT, () => validateTimeout(read.timeout, rules.defaultTimeout));
  if (isInvalid(timeout)) return timeout;
  const method = checked(ErrCode.INVALID_METHOD, () => validateMethod(read.method));
  if (isInvalid(method)) return method;
  const url = checked(ErrCode.INVALID_DATA_OPTION, () => applyData(parsed, read.data));
  if (isInvalid(url)) return url;

  const href = url.href;
  const routed = applyRoutes(href, rules.routes);
  const plan: ConnectPlan = {
    request: {
      url: routed,
      // The platform's own URL only (a runtime without one parses with src/url.ts; `typeof` first: URL may not exist).
      parsedUrl: routed === href && typeof URL === 'function' && url instanceof URL ? url : undefined,
      headers: header.headers,
      protocols,
      tcpNoDelay: read.tcpNoDelay === true,
      perMessageDeflate: read.perMessageDeflate === true,
      maxPayload: rules.maxPayload,
      tls: rules.tls
    },
    timeout,
    droppedHeaders: header.dropped
  };
  if (method !== 'GET') plan.ignoredMethod = method;
  return plan;
}

/**
 * Runs one option's check; a throw from the value itself (a revoked Proxy, an array with a
 * throwing index getter) is that option's failure, with its own errCode, not a system error
 * (issue 11, finding 11).
 */
function checked<T>(code: ErrCodeValue, check: () => T | Invalid): T | Invalid {
  try {
    return check();
  } catch (cause) {
    return invalid(code, describe(cause), cause);
  }
}
