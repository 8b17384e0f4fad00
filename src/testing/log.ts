/**
 * The server's memory of what it saw: handshakes and connections, filterable by the
 * `?id=` tag so concurrent tests (and browser pages) can read only their own records.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ConnectionRecord, HandshakeRecord, MessageRecord, ServerLog } from './types.js';

/** Payload bytes kept per message; a test of a 16 MiB message needs its size, not 32 MiB of hex. */
const KEEP_BYTES = 1024 * 1024;

export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

export function offeredProtocols(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

export function messageRecord(data: Buffer, isBinary: boolean): MessageRecord {
  const kept = data.length > KEEP_BYTES ? data.subarray(0, KEEP_BYTES) : data;
  const record: MessageRecord = {
    type: isBinary ? 'binary' : 'text',
    data: isBinary ? kept.toString('hex') : kept.toString('utf8'),
    size: data.length
  };
  if (kept !== data) record.truncated = true;
  return record;
}

export function filterLog(log: ServerLog, id: string | undefined): ServerLog {
  if (id === undefined) return { handshakes: [...log.handshakes], connections: [...log.connections] };
  const mine = (record: HandshakeRecord | ConnectionRecord): boolean => record.id === id;
  return { handshakes: log.handshakes.filter(mine), connections: log.connections.filter(mine) };
}
