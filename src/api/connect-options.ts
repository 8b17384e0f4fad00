/**
 * connectSocket's options, read once and checked (docs/contract.md section 2), into what the task dials.
 */
import { describe, ErrCode } from '../errors.js';
import type { DialRequest } from '../engines/engine.js';
import { readProperty } from '../task/callbacks.js';
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

export function planConnect(options: unknown, rules: ConnectRules): ConnectPlan | Invalid {
  if (typeof options !== 'object' || options === null) {
    return invalid(ErrCode.INVALID_OPTIONS, `expected an object, got ${options === null ? 'null' : typeof options}`);
  }
  const read: Partial<Record<(typeof KEYS)[number], unknown>> = {};
  for (const key of KEYS) {
    const { value, thrown } = readProperty(options, key);
    if (thrown !== undefined) return invalid(ErrCode.INVALID_OPTIONS, `reading ${key}: ${describe(thrown)}`, thrown);
    read[key] = value;
  }

  const parsed = validateUrl(read.url);
  if (isInvalid(parsed)) return parsed;
  const ruled = checkUrlRules(parsed, String(read.url), rules.domains, rules.requireWss);
  if (ruled) return ruled;
  const header = validateHeader(read.header);
  if (isInvalid(header)) return header;
  const protocols = validateProtocols(read.protocols, rules.protocolsAsString);
  if (isInvalid(protocols)) return protocols;
  const timeout = validateTimeout(read.timeout, rules.defaultTimeout);
  if (isInvalid(timeout)) return timeout;
  const method = validateMethod(read.method);
  if (isInvalid(method)) return method;
  const url = applyData(parsed, read.data);
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
