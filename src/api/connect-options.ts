/**
 * connectSocket's options, read once and checked (docs/contract.md section 2), into what the task dials.
 */
import * as Code from '../codes.js';
import { describe, type ErrCodeValue } from '../errors.js';
import type { DialRequest } from '../engines/engine.js';
import type { UrlLike } from '../url.js';
import {
  applyData,
  Invalid,
  invalid,
  validateHeader,
  validateMethod,
  validateProtocols,
  validateTimeout,
  validateUrl,
  type Headers
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
    return invalid(Code.INVALID_OPTIONS, `reading ${key}: ${describe(cause)}`, cause);
  }
}

export function planConnect(options: unknown, rules: ConnectRules): ConnectPlan | Invalid {
  if (typeof options !== 'object' || options === null) {
    return invalid(Code.INVALID_OPTIONS, `expected an object, got ${options === null ? 'null' : typeof options}`);
  }
  const read = readOptions(options);
  if (read instanceof Invalid) return read;
  // One guarded block, each check naming the errCode a throw in it gets: a throw from the
  // value itself (a revoked Proxy, an array with a throwing index getter) is that option's
  // failure, not a system error (issue 11, finding 11). A closure and a try per option
  // would cost on every connect.
  let code: ErrCodeValue = Code.INVALID_URL;
  let url: UrlLike | Invalid;
  let header: Headers | Invalid;
  let protocols: string[] | Invalid;
  let timeout: number | Invalid;
  let method: string | Invalid;
  try {
    const parsed = validateUrl(read.url);
    if (parsed instanceof Invalid) return parsed;
    const ruled = checkUrlRules(parsed, read.url as string, rules.domains, rules.requireWss);
    if (ruled) return ruled;
    code = Code.INVALID_HEADER;
    header = validateHeader(read.header);
    if (header instanceof Invalid) return header;
    code = Code.INVALID_PROTOCOLS;
    protocols = validateProtocols(read.protocols, rules.protocolsAsString);
    if (protocols instanceof Invalid) return protocols;
    code = Code.INVALID_TIMEOUT;
    timeout = validateTimeout(read.timeout, rules.defaultTimeout);
    if (timeout instanceof Invalid) return timeout;
    code = Code.INVALID_METHOD;
    method = validateMethod(read.method);
    if (method instanceof Invalid) return method;
    code = Code.INVALID_DATA_OPTION;
    url = applyData(parsed, read.data);
    if (url instanceof Invalid) return url;
  } catch (cause) {
    return invalid(code, describe(cause), cause);
  }
  return toPlan(url, header, protocols, timeout, method, read, rules);
}

function toPlan(
  url: UrlLike,
  header: Headers,
  protocols: string[],
  timeout: number,
  method: string,
  read: Read,
  rules: ConnectRules
): ConnectPlan {
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
