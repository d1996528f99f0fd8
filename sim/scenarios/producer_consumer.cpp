// producer_consumer: producers and consumers share a bounded asyncio.Queue.
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

coro<> producer(std::string name, std::shared_ptr<queue<std::string>> q, long items) {
    for (long i = 0; i < items; ++i) {
        std::string item = fmt::format("{}-{}", name, i);
        co_await q->put(item);  // @put
        out(name, "put", item, "| queue size", q->qsize());  // @produced
    }
    out(name, "done producing");  // @producer_done
}

coro<> consumer(std::string name, std::shared_ptr<queue<std::string>> q, double work) {
    while (true) {
        std::string item = co_await q->get();  // @get
        out(name, "took", item);  // @took
        co_await sleep(work);  // @work
        out(name, "finished", item);  // @finished
        q->task_done();
    }
}

coro<> main(const parameter_values& p) {
    long producers = p.integer("producers"), consumers = p.integer("consumers"), items = p.integer("items");
    double work = p.number("work");
    // Shared, as a Python object is: tasks still running when main() ends use it.
    auto q = std::make_shared<queue<std::string>>(int(p.integer("maxsize")));
    std::vector<task<>> consumer_tasks;
    for (long i = 0; i < consumers; ++i) {
        consumer_tasks.push_back(create_task(consumer(fmt::format("C{}", i), q, work)));  // @create
    }
    std::vector<coro<>> producer_coros;
    for (long i = 0; i < producers; ++i) {
        producer_coros.push_back(producer(fmt::format("P{}", i), q, items));
    }
    co_await gather(std::move(producer_coros));  // @producers
    out("every item is in the queue");  // @queued
    co_await q->join();  // @join
    out("every item is processed");  // @joined
    for (auto& c : consumer_tasks) c.cancel();
    co_await gather(return_exceptions, std::move(consumer_tasks));  // @stop
    out("consumers stopped");  // @stopped
}

}  // namespace

scenario_definition define_producer_consumer() {
    return {.id = "producer_consumer",
            .title = "Producers and consumers with a Queue",
            .explanation = "The queue holds at most maxsize items: a producer's `await q.put()` waits while "
                           "it is full, and a consumer's `await q.get()` waits while it is empty, so the "
                           "fast producers are held back to the pace of the consumers. join() waits until "
                           "every item got its task_done(); then main cancels the consumers, which would "
                           "otherwise wait for more items forever.",
            .parameters = {{.name = "producers", .help = "how many producer tasks", .default_value = 2,
                            .min = 1, .max = 10},
                           {.name = "consumers", .help = "how many consumer tasks", .default_value = 2,
                            .min = 1, .max = 10},
                           {.name = "items", .help = "items each producer puts", .default_value = 3, .min = 0,
                            .max = 10},
                           {.name = "maxsize", .help = "queue capacity (0: unbounded)", .default_value = 2,
                            .min = 0, .max = 10},
                           {.name = "work", .help = "seconds a consumer spends on an item", .default_value = 1,
                            .min = 0, .max = 5, .integer = false}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
