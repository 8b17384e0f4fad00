/**
 * The one raw-socket WebSocket server of the tests: a `net` server that answers the opening
 * handshake and then reports each client frame, leaving every reply to the test. For server
 * behaviour that `ws` cannot be made to show (a close reply held back, a bad frame and then
 * silence). allowHalfOpen: the client's FIN (ws ends its side after its close frame) leaves
 * the server's side open until the test ends it. Node only.
 */
import { createHash } from 'node:crypto';
import { createServer, type Socket } from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One client frame: its opcode and unmasked payload as text (frames under 126 bytes only, enough here). */
export interface RawFrame {
  opcode: number;
  text: string;
}

export interface RawConnection {
  readonly socket: Socket;
  /** Its place in accept order (since the last `reset`). */
  readonly index: number;
  /** Every client frame seen so far, in order. */
  readonly frames: RawFrame[];
}

export interface RawServer {
  /** `ws://127.0.0.1:<port>/`. */
  readonly url: string;
  /** In accept order, since the last `reset`. */
  readonly connections: RawConnection[];
  /** Destroys every connection and starts counting from 0 again. */
  reset(): void;
  close(): Promise<void>;
}

/** Frames whole in `buffer` go to `connection.frames` and `onFrame`; returns the partial rest. */
function parseFrames(connection: RawConnection, buffer: Buffer, onFrame: (connection: RawConnection, frame: RawFrame) => void): Buffer {
  while (buffer.length >= 6) {
    const length = buffer[1]! & 0x7f;
    if (length >= 126 || buffer.length < 6 + length) break;
    const mask = buffer.subarray(2, 6);
    const payload = Buffer.from(buffer.subarray(6, 6 + length)).map((b, i) => b ^ mask[i % 4]!);
    const frame = { opcode: buffer[0]! & 0x0f, text: Buffer.from(payload).toString() };
    connection.frames.push(frame);
    buffer = buffer.subarray(6 + length);
    onFrame(connection, frame);
  }
  return buffer;
}

/** Listens on 127.0.0.1; `onFrame` sees each client frame after the handshake and writes whatever the test wants. */
export async function createRawServer(onFrame: (connection: RawConnection, frame: RawFrame) => void): Promise<RawServer> {
  const connections: RawConnection[] = [];
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    const connection: RawConnection = { socket, index: connections.length, frames: [] };
    connections.push(connection);
    let head = '';
    let rest: Buffer = Buffer.alloc(0);
    let upgraded = false;
    socket.on('data', (chunk: Buffer) => {
      if (!upgraded) {
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        const key = /sec-websocket-key:\s*(\S+)/i.exec(head)![1]!;
        const accept = createHash('sha1')
          .update(key + GUID)
          .digest('base64');
        socket.write(
          `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`
        );
        upgraded = true;
        chunk = Buffer.from(head.slice(end + 4), 'latin1');
      }
      rest = parseFrames(connection, Buffer.concat([rest, chunk]), onFrame);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const reset = (): void => {
    for (const c of connections) c.socket.destroy();
    connections.length = 0;
  };
  return {
    url: `ws://127.0.0.1:${port}/`,
    connections,
    reset,
    async close() {
      reset();
      await new Promise((resolve) => server.close(resolve));
    }
  };
}
