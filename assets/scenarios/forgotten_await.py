# forgotten_await: a coroutine called without await never runs.
import asyncio


async def send_email(to, seconds):
    print("sending email to", to)  # @sending
    await asyncio.sleep(seconds)  # @sleep
    print("email sent to", to)  # @sent


async def main(seconds=1.0):
    # BUG: no await. This only creates a coroutine object, which is thrown away unstarted.
    # (Python accepts the line; later it prints "RuntimeWarning: coroutine ... was never awaited" on stderr.)
    send_email("alice", seconds)  # @forgotten
    print("main: asked for alice's email")  # @asked
    await send_email("bob", seconds)  # @awaited
    print("main: done, and alice never got her email")  # @done


if __name__ == "__main__":
    asyncio.run(main())
