# echo_server: an echo server and its clients on a simulated network (no sockets).
import asyncio


class Connection:
    """A simulated TCP connection: a queue of lines each way, `latency`
    seconds away. An empty line means the sender closed it (EOF)."""

    def __init__(self, latency):
        self.latency = latency
        self.to_server = asyncio.Queue()
        self.to_client = asyncio.Queue()


async def send(q, line, latency):
    await asyncio.sleep(latency)  # @transit
    q.put_nowait(line)


async def handle_client(name, conn):
    print("server: connection from", name)  # @accepted
    while True:
        line = await conn.to_server.get()  # @read
        if line == "":
            break
        print("server: echoing", line)  # @echo
        await send(conn.to_client, line, conn.latency)  # @reply
    print("server: closed", name)  # @closed


async def serve(listener):
    handlers = []
    while True:
        name, conn = await listener.get()  # @accept
        handlers.append(asyncio.create_task(handle_client(name, conn)))  # @spawn


async def client(name, listener, lines, latency):
    await asyncio.sleep(latency)  # @connect
    conn = Connection(latency)
    listener.put_nowait((name, conn))
    for i in range(lines):
        line = f"hello {i} from {name}"
        await send(conn.to_server, line, latency)  # @send
        reply = await conn.to_client.get()  # @receive
        print(name, "received", reply)  # @received
    await send(conn.to_server, "", latency)  # @close
    print(name, "disconnected")  # @disconnected


async def main(clients=3, lines=2, latency=0.25):
    listener = asyncio.Queue()  # connections waiting to be accepted
    server = asyncio.create_task(serve(listener))  # @server
    sessions = []
    for i in range(clients):
        sessions.append(client(f"client{i}", listener, lines, latency * (i + 1)))
    await asyncio.gather(*sessions)  # @sessions
    server.cancel()
    try:
        await server  # @stop
    except asyncio.CancelledError:
        print("server stopped")  # @stopped


if __name__ == "__main__":
    asyncio.run(main())
