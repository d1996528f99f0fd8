"""An echo server and two clients on one loop: each client's line comes back."""
import asyncio


async def handle(reader, writer):
    data = await reader.readline()
    message = data.decode().strip()
    print(f"server got {message!r}")
    writer.write(f"echo: {message}\n".encode())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(name):
    reader, writer = await asyncio.open_connection("127.0.0.1", 8871)
    print(f"{name} connected")
    writer.write(f"hello from {name}\n".encode())
    await writer.drain()
    reply = await reader.readline()
    print(f"{name} got {reply.decode().strip()!r}")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 8871)
    host, port = server.sockets[0].getsockname()
    print(f"serving on {host}:{port}")
    async with server:
        await asyncio.gather(client("A"), client("B"))
    print("server closed")


asyncio.run(main())
