// Loopscope's side of the core benchmark; bench/peers/ holds the same
// workloads for CPython asyncio, uvloop, Node.js and Boost.Asio.
//   switch    10,000 tasks x 100 sleep(0) yields (ns per yield)
//   spawn     create, run and destroy 100,000 trivial tasks (ns per task)
//   memory    bytes per task suspended on an event (malloc's in-use bytes)
//   recorded  `switch` with an instrument that stores every hook in a vector
// Prints one JSON line per workload, like the peers; 1 warm-up, 5 runs, median.
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "loopscope/core.hpp"

using namespace loopscope;

namespace {

constexpr int switch_tasks = 10'000;
constexpr int switch_yields = 100;
constexpr int spawn_tasks = 100'000;
constexpr int memory_tasks = 100'000;

/// Stores every hook as a 16-byte record: the cheapest faithful recorder.
class vector_recorder final : public instrument {
public:
    struct record {
        std::uint32_t kind, task;
        std::uint64_t extra;
    };
    std::vector<record> records;
    void on_task_scheduled(const task_scheduled_info& i) override { records.push_back({1, i.task, i.handle}); }
    void on_step_begin(task_id t, handle_id h) override { records.push_back({2, t, h}); }
    void on_step_end(const step_end_info& i) override { records.push_back({3, i.task, std::uint64_t(i.outcome)}); }
    void on_iteration_begin(std::uint64_t n, double) override { records.push_back({4, 0, n}); }
    void on_task_created(const task_created_info& i) override { records.push_back({5, i.task, i.parent}); }
};

coro<> yielder() {
    for (int i = 0; i < switch_yields; ++i) co_await sleep(0);
}

coro<> noop() { co_return; }

coro<> spawn_all() {
    std::vector<task<>> tasks;
    tasks.reserve(spawn_tasks);
    for (int i = 0; i < spawn_tasks; ++i) tasks.push_back(create_task(noop()));
    for (auto& t : tasks) co_await t;
}

coro<> switch_all() {
    std::vector<task<>> tasks;
    tasks.reserve(switch_tasks);
    for (int i = 0; i < switch_tasks; ++i) tasks.push_back(create_task(yielder()));
    for (auto& t : tasks) co_await t;
}

template <class F>
double median_ns(F run, double ops) {
    run();  // warm-up
    std::vector<double> samples;
    for (int i = 0; i < 5; ++i) {
        auto start = std::chrono::steady_clock::now();
        run();
        std::chrono::duration<double, std::nano> took = std::chrono::steady_clock::now() - start;
        samples.push_back(took.count() / ops);
    }
    std::sort(samples.begin(), samples.end());
    return samples[2];
}

coro<> wait_on(event& e) { co_await e.wait(); }

double bytes_per_suspended_task() {
    event_loop loop;
    event gate;
    const auto before = mallinfo2().uordblks;
    std::vector<task<>> tasks;
    tasks.reserve(memory_tasks);
    const auto reserved = mallinfo2().uordblks;
    for (int i = 0; i < memory_tasks; ++i) tasks.push_back(loop.create_task(wait_on(gate)));
    loop.run_once();  // every task starts and suspends on the event
    const auto after = mallinfo2().uordblks;
    (void)before;
    gate.set();
    while (!loop.all_tasks().empty()) loop.run_once();
    return double(after - reserved) / memory_tasks;
}

}  // namespace

int main() {
    const double switch_ns = median_ns([] { event_loop().run(switch_all()); }, double(switch_tasks) * switch_yields);
    std::printf("{\"peer\":\"loopscope\",\"workload\":\"switch\",\"ns_per_op\":%.1f,\"ops\":%d}\n", switch_ns,
                switch_tasks * switch_yields);
    const double spawn_ns = median_ns([] { event_loop().run(spawn_all()); }, spawn_tasks);
    std::printf("{\"peer\":\"loopscope\",\"workload\":\"spawn\",\"ns_per_op\":%.1f,\"ops\":%d}\n", spawn_ns, spawn_tasks);
    std::printf("{\"peer\":\"loopscope\",\"workload\":\"memory\",\"bytes_per_task\":%.1f,\"measure\":\"mallinfo2\",\"tasks\":%d}\n",
                bytes_per_suspended_task(), memory_tasks);
    const double recorded_ns = median_ns(
        [] {
            event_loop loop;
            vector_recorder rec;
            rec.records.reserve(4 * switch_tasks * switch_yields);
            loop.attach(rec);
            loop.run(switch_all());
            loop.detach(rec);
        },
        double(switch_tasks) * switch_yields);
    std::printf("{\"peer\":\"loopscope+recorder\",\"workload\":\"switch\",\"ns_per_op\":%.1f,\"ops\":%d}\n", recorded_ns,
                switch_tasks * switch_yields);
}
