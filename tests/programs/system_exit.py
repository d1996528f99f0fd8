# sys.exit inside a coroutine ends the program with its status.
import asyncio
import sys


async def main():
    print("exiting with 4")
    await asyncio.sleep(0.5)
    sys.exit(4)


try:
    asyncio.run(main())
finally:
    print("finally runs")
