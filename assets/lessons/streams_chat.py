"""A chat server: every line a client sends goes to the other clients."""
import asyncio

clients = {}


async def serve(reader, writer):
    name = (await reader.readline()).decode().strip()
    clients[name] = writer
    print(f"{name} joined ({len(clients)} online)")
    while line := await reader.readline():
        text = line.decode().strip()
        for other, out in clients.items():
            if other != name:
                out.write(f"{name}: {text}\n".encode())
                await out.drain()
    del clients[name]
    print(f"{name} left")
    writer.close()


async def chatter(name, lines, expect):
    reader, writer = await asyncio.open_connection("localhost", 8872)
    writer.write(f"{name}\n".encode())
    await asyncio.sleep(0.1)
    for text in lines:
        writer.write(f"{text}\n".encode())
        await writer.drain()
        await asyncio.sleep(0.5)
    for _ in range(expect):
        heard = await reader.readline()
        print(f"{name} hears {heard.decode().strip()!r}")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 8872)
    async with server:
        await asyncio.gather(chatter("ada", ["hi bob", "bye"], 1), chatter("bob", ["hi ada"], 2))
        await asyncio.sleep(0.1)


asyncio.run(main())
