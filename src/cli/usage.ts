/**
 * The help text of each command, and the one error type that means "the command line
 * was wrong": main.ts prints its message and a pointer to --help, and exits 2.
 */

export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose --help the error points to. */
    readonly command?: string
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const MAIN_USAGE = `Usage: minisocket <command> [options]

A client and a test server for WebSocket endpoints, with the mini-program API's
semantics (connectSocket, SocketTask, their errMsgs and close rules).

Commands:
  connect <url>     connect, print every event, send the lines of standard input
  <url>             the same as connect <url> (host:port alone means ws://host:port)
  serve             run the embedded test server (echo, broadcast, fault modes)
  demo              walk through connectSocket's flow against the embedded server

Options:
  -h, --help        help (also: minisocket <command> --help)
  -V, --version     print the version

Examples:
  minisocket serve --port 8080
  minisocket connect ws://127.0.0.1:8080/echo
  echo hello | minisocket ws://127.0.0.1:8080/echo --json
`;

export const CONNECT_USAGE = `Usage: minisocket connect <url> [options]

Connects with connectSocket and prints each event as the API delivers it: open (with
the response headers and the timing profile), messages, errors (errMsg and errCode),
close (code and reason), and the server's pings. Each line of standard input is
sent as a text message (lines typed before the socket opens are sent when it does);
at the end of input the socket is closed with 1000. A <url> without a scheme
(127.0.0.1:8080/echo) means ws://.

Options:
  --profile <name>        platform profile: standard (default), wx, tt, swan, uni, taro, my
  -H, --header <h>        request header 'Name: value' (repeatable)
  -o, --origin <origin>   the Origin header
  --auth <user:pass>      HTTP Basic credentials (the Authorization header)
  -p, --protocol <name>   subprotocol to offer (repeatable, or comma-separated)
  --timeout <ms>          handshake timeout in milliseconds (default 60000)
  -w, --wait <ms>         at the end of input, close after this long without a message (default 250)
  --keep-open             at the end of input stay connected (until the server closes, or Ctrl-C)
  -k, --insecure          do not verify TLS certificates (wss:)
  --ca <file>             trust this CA certificate (PEM) too
  --cert <file>           client certificate (PEM), with --key
  --key <file>            the client certificate's private key (PEM)
  --passphrase <text>     the private key's passphrase
  --json                  one JSON event per line on standard output
  --no-color              no colours (also: the NO_COLOR environment variable)
  -h, --help              this help

Input lines:
  <text>                  send <text> as a text message
  //<text>                send /<text> (a leading slash doubled escapes a command)
  /binary <hex>           send the bytes as a binary message, e.g. /binary 01ff
  /close [code] [reason]  close (default 1000); code 1000 or 3000-4999
  /ping [data]            send a ping frame (the pong is printed)
  /pong [data]            send an unsolicited pong frame
  /help                   list these commands

Peer text (messages, reasons, header values) is printed with control characters,
C1 controls and bidirectional overrides escaped (\n, \x9b, \u202e), so one event
is one line; --json carries it exactly.

Exit status:
  0  closed with 1000, or with the close this command asked for
  1  internal error
  2  bad arguments, or options connectSocket refused (invalid url, header, ...)
  3  the handshake failed (refused, DNS, TLS, HTTP status, subprotocol, timeout)
  4  the connection failed after it opened (1006, or an error such as a bad frame)
  5  the server closed with a code other than 1000
`;

export const SERVE_USAGE = `Usage: minisocket serve [options]

Runs the embedded test server of minisocket/testing and prints each handshake
(with its request headers), connection, message and close. The path chooses the
behaviour:

  /  /echo               echo every message (any unknown path echoes too)
  /broadcast[/<room>]    relay every message to the other clients of the room
  /slow/<ms>             answer the handshake <ms> late, then echo <ms> late
  /close/<code>/<reason> close at once with that code and reason
  /drop  /drop-after/<ms>  drop the TCP connection without a close frame
  /status/<n>            refuse the handshake with HTTP status <n>
  /hang                  never answer the handshake
  /protocol/<name>       answer with subprotocol <name> (/protocol/none: none)
  /headers               send the request headers as JSON
  /send-binary/<n>  /send-text/<n>   send one message of <n> bytes
  /bad-utf8  /bad-frame  send an invalid frame
  /stop-reading[/<ms>]   stop reading (the client's send queue grows)
  /no-close-reply        never answer a close frame

Options:
  --port <n>      port to listen on (default 8080; 0 picks a free one)
  --host <addr>   address to listen on (default 127.0.0.1)
  --json          one JSON event per line on standard output
  --no-color      no colours (also: the NO_COLOR environment variable)
  -h, --help      this help

Stops on Ctrl-C (SIGINT) or SIGTERM, exit status 0.
`;

export const DEMO_USAGE = `Usage: minisocket demo [options]

Starts the embedded test server and walks through connectSocket's flow on it:
connect, onOpen with the response header, a text and a binary send, onMessage,
close with a code and a reason, onClose; then a refused handshake (onError, onClose).
Exits 0 when every step happened as the API promises, 1 otherwise.

Options:
  --profile <name>  platform profile (default standard)
  -h, --help        this help
`;
