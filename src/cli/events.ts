/**
 * The SocketTask events as `connect` and `demo` print them: a line (or a few) for
 * people, one JSON object for scripts. Binary data is hex in both.
 */
import type {
  ApiName,
  OnSocketCloseResult,
  OnSocketMessageResult,
  OnSocketOpenResult,
  SocketError,
  SocketTimingProfile
} from '../index.js';
import { printable, quote, shortHex, toHex, type Printer } from './output.js';

function ms(value: number): string {
  return `${Math.round(value * 10) / 10} ms`;
}

/** WeChat's timing fields are instants (epoch ms) and durations; people want durations. */
export function describeTiming(profile: SocketTimingProfile): string {
  const parts = [
    `dns ${ms(profile.domainLookUpEnd - profile.domainLookUpStart)}`,
    `connect ${ms(profile.connectEnd - profile.connectStart)}`,
    `handshake ${ms(profile.handshakeCost)}`,
    `total ${ms(profile.cost)}`
  ];
  if (profile.rtt !== undefined) parts.push(`rtt ${ms(profile.rtt)}`);
  return parts.join(', ');
}

export function printOpen(printer: Printer, result: OnSocketOpenResult, socketTaskId: number): void {
  printer.event({ event: 'open', socketTaskId, header: result.header, ...(result.profile ? { profile: result.profile } : {}) }, () => {
    const lines = [printer.paint('info', `* open socketTaskId ${socketTaskId}`)];
    // Header names and values are the server's text: escaped, so each stays one line.
    for (const [name, value] of Object.entries(result.header))
      lines.push(printer.paint('dim', `    ${printable(name)}: ${printable(String(value))}`));
    if (result.profile) lines.push(printer.paint('dim', `    timing: ${describeTiming(result.profile)}`));
    return lines.join('\n');
  });
}

export function printMessage(printer: Printer, { data }: OnSocketMessageResult): void {
  if (typeof data === 'string') {
    printer.event({ event: 'message', type: 'text', data }, () => printer.paint('in', `< ${printable(data)}`));
  } else {
    printer.event({ event: 'message', type: 'binary', data: toHex(data), size: data.byteLength }, () =>
      printer.paint('in', `< binary ${data.byteLength} bytes: ${shortHex(data)}`)
    );
  }
}

/** A fail callback's result: the call (`api`: connectSocket, sendSocketMessage, closeSocket) did not happen. */
export function printFail(printer: Printer, api: ApiName, error: SocketError): void {
  printer.event({ event: 'fail', api, errMsg: error.errMsg, errCode: error.errCode }, () =>
    printer.paint('error', `! fail ${printable(error.errMsg)} (errCode ${error.errCode})`)
  );
}

export function printError(printer: Printer, error: SocketError): void {
  printer.event({ event: 'error', errMsg: error.errMsg, errCode: error.errCode }, () =>
    printer.paint('error', `! error ${printable(error.errMsg)} (errCode ${error.errCode})`)
  );
}

export function printClose(printer: Printer, { code, reason }: OnSocketCloseResult): void {
  printer.event({ event: 'close', code, reason }, () =>
    printer.paint('close', `* close ${code}${reason === '' ? '' : ` ${quote(reason)}`}`)
  );
}

export function printWarning(printer: Printer, message: string): void {
  if (printer.json) printer.event({ event: 'warning', message }, () => message);
  else printer.problem(`warning: ${message}`);
}
