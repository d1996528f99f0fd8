#include "twin.hpp"

using namespace loopscope;

static coro<> producer(std::string name, queue<std::string>& q, std::vector<std::string> items) {
    for (auto& item : items) {
        co_await q.put(item);
        out(name, "put", item, "qsize", q.qsize());
    }
    out(name, "done producing");
}

static coro<> consumer(std::string name, queue<std::string>& q, double delay) {
    while (true) {
        std::string item = co_await q.get();
        out(name, "got", item);
        co_await sleep(delay);
        out(name, "processed", item);
        q.task_done();
    }
}

TWIN(queue_producers_consumers) {
    queue<std::string> q(2);
    std::vector<task<>> producers;
    producers.push_back(create_task(producer("P1", q, {"a1", "a2", "a3"})));
    producers.push_back(create_task(producer("P2", q, {"b1", "b2"})));
    std::vector<task<>> consumers;
    consumers.push_back(create_task(consumer("C1", q, 1)));
    consumers.push_back(create_task(consumer("C2", q, 1.5)));
    co_await gather(producers);
    out("producers finished, full =", q.full());
    co_await q.join();
    out("queue joined, empty =", q.empty());
    for (auto& c : consumers) c.cancel();
    co_await gather(return_exceptions, consumers);
    out("consumers stopped");
}
