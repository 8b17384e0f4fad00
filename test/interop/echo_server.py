"""A WebSocket server nobody in this project wrote: Debian's python3-websockets.

Run with Debian's interpreter: /usr/bin/python3 echo_server.py [port]
Prints one JSON line per event on stdout: listening (with the port), connect, close.
Paths: /echo (default) echoes; /headers sends the request headers as JSON, then echoes;
/close/<code>/<reason> closes with that code and reason at once.
"""
import asyncio
import json
import sys
import urllib.parse

import websockets


def log(**event):
    print(json.dumps(event), flush=True)


async def handler(ws, path):
    log(event="connect", path=path, subprotocol=ws.subprotocol)
    try:
        parts = path.split("?")[0].split("/")
        if len(parts) >= 3 and parts[1] == "close":
            reason = urllib.parse.unquote(parts[3]) if len(parts) > 3 else ""
            await ws.close(int(parts[2]), reason)
            return
        if parts[1] == "headers":
            await ws.send(json.dumps({k.lower(): v for k, v in ws.request_headers.raw_items()}))
        async for message in ws:
            await ws.send(message)
    except websockets.ConnectionClosed:
        pass
    finally:
        log(event="close", path=path, code=ws.close_code, reason=ws.close_reason)


async def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    async with websockets.serve(
        handler,
        "127.0.0.1",
        port,
        subprotocols=["chat", "superchat"],
        extra_headers=[("X-Server", "python-websockets")],
        ping_interval=None,
    ) as server:
        log(event="listening", port=server.sockets[0].getsockname()[1], version=websockets.__version__)
        await asyncio.Future()


asyncio.run(main())
