/**
 * `config.minisocket` of a test script: the settings every virtual user's client shares.
 * Checked once, when Artillery builds the scenarios, so a typo stops the run with its name.
 */
import type { ProfileName, ReconnectSettings } from 'minisocket';
import { ScenarioError } from './errors';

export const PROFILES: readonly ProfileName[] = ['standard', 'wx', 'tt', 'swan', 'uni', 'taro', 'my'];

export interface EngineConfig {
  profile: ProfileName;
  header: Record<string, string>;
  protocols: string[];
  /** Handshake timeout in ms (connectSocket's `timeout`); undefined: the API's default, 60000. */
  timeout: number | undefined;
  reconnect: boolean | ReconnectSettings | undefined;
}

const KEYS = ['profile', 'header', 'protocols', 'timeout', 'reconnect'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readConfig(raw: unknown): EngineConfig {
  const where = 'config.minisocket';
  if (raw === undefined || raw === null) raw = {};
  if (!isPlainObject(raw)) throw new ScenarioError(`${where} must be a mapping, got ${JSON.stringify(raw)}`);
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) throw new ScenarioError(`${where}: unknown setting "${key}"; the settings are ${KEYS.join(', ')}`);
  }
  const profile = raw.profile ?? 'standard';
  if (typeof profile !== 'string' || !(PROFILES as readonly string[]).includes(profile)) {
    throw new ScenarioError(`${where}.profile must be one of ${PROFILES.join(', ')}, got ${JSON.stringify(profile)}`);
  }
  const header: Record<string, string> = {};
  if (raw.header !== undefined) {
    if (!isPlainObject(raw.header)) throw new ScenarioError(`${where}.header must be a mapping of header names to values`);
    for (const [name, value] of Object.entries(raw.header)) {
      if (!['string', 'number', 'boolean'].includes(typeof value))
        throw new ScenarioError(`${where}.header.${name} must be a string, got ${JSON.stringify(value)}`);
      header[name] = String(value);
    }
  }
  let protocols: string[] = [];
  if (raw.protocols !== undefined) {
    const list = typeof raw.protocols === 'string' ? [raw.protocols] : raw.protocols;
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
      throw new ScenarioError(`${where}.protocols must be a string or a list of strings`);
    }
    protocols = list as string[];
  }
  const timeout = raw.timeout;
  if (timeout !== undefined && (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout <= 0)) {
    throw new ScenarioError(`${where}.timeout must be a whole number of milliseconds above 0, got ${JSON.stringify(timeout)}`);
  }
  const reconnect = raw.reconnect;
  if (reconnect !== undefined && typeof reconnect !== 'boolean' && !isPlainObject(reconnect)) {
    throw new ScenarioError(`${where}.reconnect must be true, false or a mapping of reconnect settings`);
  }
  return { profile: profile as ProfileName, header, protocols, timeout, reconnect: reconnect as EngineConfig['reconnect'] };
}
