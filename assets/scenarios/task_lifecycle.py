# task_lifecycle: a task's life: pending, done with a result, or cancelled.
import asyncio


async def work(seconds):
    await asyncio.sleep(seconds)  # @sleep
    return 42


def report(task):
    print(task.get_name(), "done:", task.done(), "cancelled:", task.cancelled())  # @report


async def main(seconds=1.0):
    print("main runs as", asyncio.current_task().get_name())  # @main_name

    # A task that finishes: pending first, then done with a result.
    worker = asyncio.create_task(work(seconds), name="worker")  # @create_worker
    report(worker)
    try:
        worker.result()
    except asyncio.InvalidStateError as e:
        print("result() while pending raises InvalidStateError:", e)  # @pending
    result = await worker  # @await_worker
    report(worker)
    print("await gave", result, "and result() gives", worker.result())  # @result
    print("cancel() on a finished task returns", worker.cancel())  # @cancel_done

    # A task that is cancelled while it sleeps.
    sleeper = asyncio.create_task(work(seconds * 10))  # @create_sleeper
    await asyncio.sleep(seconds)  # @let_it_start
    print("cancel() on", sleeper.get_name(), "returns", sleeper.cancel())  # @cancel
    report(sleeper)  # only requested: the task has not seen the cancellation yet
    try:
        await sleeper  # @await_sleeper
    except asyncio.CancelledError:
        print("await", sleeper.get_name(), "raised CancelledError")  # @cancelled
    report(sleeper)
    print("cancel() again returns", sleeper.cancel())  # @cancel_again


if __name__ == "__main__":
    asyncio.run(main())
