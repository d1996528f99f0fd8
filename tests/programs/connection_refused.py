"""Nothing listens on the port: open_connection fails, the port is free to serve on, then twice is too many."""
import asyncio


async def main():
    try:
        await asyncio.open_connection("127.0.0.1", 8873)
    except ConnectionRefusedError as exc:
        print(f"refused: {exc}")
    server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 8873)
    try:
        await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 8873)
    except OSError as exc:
        print(f"second bind: {exc}")
    server.close()
    await server.wait_closed()
    print("closed")


asyncio.run(main())
