# producer_consumer: producers and consumers share a bounded asyncio.Queue.
import asyncio


async def producer(name, q, items):
    for i in range(items):
        item = f"{name}-{i}"
        await q.put(item)  # @put
        print(name, "put", item, "| queue size", q.qsize())  # @produced
    print(name, "done producing")  # @producer_done


async def consumer(name, q, work):
    while True:
        item = await q.get()  # @get
        print(name, "took", item)  # @took
        await asyncio.sleep(work)  # @work
        print(name, "finished", item)  # @finished
        q.task_done()


async def main(producers=2, consumers=2, items=3, maxsize=2, work=1.0):
    q = asyncio.Queue(maxsize)
    consumer_tasks = []
    for i in range(consumers):
        consumer_tasks.append(asyncio.create_task(consumer(f"C{i}", q, work)))  # @create
    producer_coros = []
    for i in range(producers):
        producer_coros.append(producer(f"P{i}", q, items))
    await asyncio.gather(*producer_coros)  # @producers
    print("every item is in the queue")  # @queued
    await q.join()  # @join
    print("every item is processed")  # @joined
    for c in consumer_tasks:
        c.cancel()
    await asyncio.gather(*consumer_tasks, return_exceptions=True)  # @stop
    print("consumers stopped")  # @stopped


if __name__ == "__main__":
    asyncio.run(main())
