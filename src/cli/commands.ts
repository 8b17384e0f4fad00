/**
 * What one line of `connect`'s standard input asks for. Plain text is a message; a line
 * starting with one slash is a command; two slashes escape a message that starts with one.
 */
import { parseHex } from './output.js';

export type LineCommand =
  | { kind: 'text'; data: string }
  | { kind: 'binary'; data: Uint8Array }
  | { kind: 'close'; code?: number; reason?: string }
  | { kind: 'ping'; data?: string }
  | { kind: 'pong'; data?: string }
  | { kind: 'help' }
  | { kind: 'invalid'; message: string };

export const LINE_HELP = [
  '<text>                  send <text> as a text message',
  '//<text>                send /<text>',
  '/binary <hex>           send bytes as a binary message, e.g. /binary 01ff',
  '/close [code] [reason]  close (default 1000; code 1000 or 3000-4999)',
  '/ping [data]            send a ping frame (the pong is printed)',
  '/pong [data]            send an unsolicited pong frame',
  '/help                   this list'
];

export function parseLine(line: string): LineCommand {
  if (!line.startsWith('/')) return { kind: 'text', data: line };
  if (line.startsWith('//')) return { kind: 'text', data: line.slice(1) };
  const match = /^\/(\S+)\s*(.*)$/s.exec(line);
  const name = match?.[1] ?? '';
  const rest = match?.[2] ?? '';
  switch (name) {
    case 'binary': {
      const data = parseHex(rest);
      if (data === undefined)
        return { kind: 'invalid', message: `/binary needs whole bytes of hex, e.g. /binary 01ff; got ${JSON.stringify(rest)}` };
      return { kind: 'binary', data };
    }
    case 'close': {
      if (rest === '') return { kind: 'close' };
      const [, codeText = '', reason] = /^(\S+)\s*(.*)$/s.exec(rest) ?? [];
      // The code is checked by close() itself (its fail result says why); only "not a number" is ours.
      if (!/^\d+$/.test(codeText))
        return { kind: 'invalid', message: `/close needs a numeric code, e.g. /close 4000 bye; got ${JSON.stringify(codeText)}` };
      return reason === '' || reason === undefined
        ? { kind: 'close', code: Number(codeText) }
        : { kind: 'close', code: Number(codeText), reason };
    }
    case 'ping':
    case 'pong': {
      // A control frame carries at most 125 bytes (RFC 6455, 5.5).
      if (Buffer.byteLength(rest) > 125)
        return { kind: 'invalid', message: `/${name} data is at most 125 bytes, got ${Buffer.byteLength(rest)}` };
      return rest === '' ? { kind: name } : { kind: name, data: rest };
    }
    case 'help':
      return { kind: 'help' };
    default:
      return { kind: 'invalid', message: `unknown command /${name} (type /help; //${name} sends it as text)` };
  }
}
