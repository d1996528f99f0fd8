# wait_for_timeout: asyncio.wait_for gives up on a slow operation and lets a fast one finish.
import asyncio


async def operation(name, seconds):
    print(name, "starts")  # @starts
    try:
        await asyncio.sleep(seconds)  # @sleep
    except asyncio.CancelledError:
        print(name, "cancelled by wait_for")  # @cancelled
        raise
    print(name, "finishes")  # @finishes
    return name + " result"


async def attempt(name, seconds, timeout):
    try:
        result = await asyncio.wait_for(operation(name, seconds), timeout)  # @wait_for
        print("got", result)  # @got
    except TimeoutError:
        print(name, "timed out after", timeout, "s")  # @timed_out


async def main(timeout=1.0, slow=3.0, fast=0.5):
    await attempt("slow", slow, timeout)  # @slow
    await attempt("fast", fast, timeout)  # @fast


if __name__ == "__main__":
    asyncio.run(main())
