// Loopscope's side of the core benchmark; bench/peers/ holds the same
// workloads for CPython asyncio, uvloop, Node.js and Boost.Asio.
//   switch    10,000 tasks x 100 sleep(0) yields (ns per yield)
//   spawn     create, run and destroy 100,000 trivial tasks (ns per task)
//   memory    bytes per task suspended on an event (malloc's in-use bytes),
//             like the peers; memory_future: suspended directly on a future
//   recorded  `switch` with an instrument that stores every hook in a vector
//             whose memory was touched by the warm-up; recorded_cold: a fresh
//             vector every run (its page faults included)
// Prints one JSON line per workload, like the peers; 1 warm-up, 5 runs, median.
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
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

coro<> wait_on_event(event& e) { co_await e.wait(); }

coro<> wait_on_future(future<> f) { co_await f; }

/// Runs `measure` on a fresh thread, whose frame and task pool is empty:
/// every block it hands out then comes from a new malloc'd slab, which
/// mallinfo2 counts.
template <class F>
double on_fresh_thread(F measure) {
    double result = 0;
    std::thread([&] { result = measure(); }).join();
    return result;
}

/// malloc's in-use bytes per task while `memory_tasks` tasks made by spawn()
/// are suspended; open() then lets them finish.
template <class Spawn, class Open>
double bytes_per_suspended_task(event_loop& loop, Spawn spawn, Open open) {
    std::vector<task<>> tasks;
    tasks.reserve(memory_tasks);
    const auto before = mallinfo2().uordblks;
    for (int i = 0; i < memory_tasks; ++i) tasks.push_back(spawn());
    loop.run_once();  // every task starts and suspends
    const double bytes = double(mallinfo2().uordblks - before) / memory_tasks;
    open();
    while (!loop.all_tasks().empty()) loop.run_once();
    return bytes;
}

double bytes_per_task_on_event() {
    return on_fresh_thread([] {
        event_loop loop;
        event gate;
        return bytes_per_suspended_task(
            loop, [&] { return loop.create_task(wait_on_event(gate)); }, [&] { gate.set(); });
    });
}

double bytes_per_task_on_future() {
    return on_fresh_thread([] {
        event_loop loop;
        future<> gate = loop.create_future();
        return bytes_per_suspended_task(
            loop, [&] { return loop.create_task(wait_on_future(gate)); }, [&] { gate.set_result(); });
    });
}

/// `switch` with a recorder attached; `keep_buffer`: the recorder's vector
/// is reused from run to run, so its pages are already mapped.
double recorded_switch_ns(bool keep_buffer) {
    vector_recorder kept;
    return median_ns(
        [&] {
            vector_recorder fresh;
            vector_recorder& rec = keep_buffer ? kept : fresh;
            rec.records.clear();
            rec.records.reserve(4 * switch_tasks * switch_yields);
            event_loop loop;
            loop.attach(rec);
            loop.run(switch_all());
            loop.detach(rec);
        },
        double(switch_tasks) * switch_yields);
}

}  // namespace

int main() {
    const double switch_ns = median_ns([] { event_loop().run(switch_all()); }, double(switch_tasks) * switch_yields);
    std::printf("{\"peer\":\"loopscope\",\"workload\":\"switch\",\"ns_per_op\":%.1f,\"ops\":%d}\n", switch_ns,
                switch_tasks * switch_yields);
    const double spawn_ns = median_ns([] { event_loop().run(spawn_all()); }, spawn_tasks);
    std::printf("{\"peer\":\"loopscope\",\"workload\":\"spawn\",\"ns_per_op\":%.1f,\"ops\":%d}\n", spawn_ns, spawn_tasks);
    std::printf("{\"peer\":\"loopscope\",\"workload\":\"memory\",\"bytes_per_task\":%.1f,\"measure\":\"mallinfo2\",\"tasks\":%d}\n",
                bytes_per_task_on_event(), memory_tasks);
    std::printf(
        "{\"peer\":\"loopscope\",\"workload\":\"memory_future\",\"bytes_per_task\":%.1f,\"measure\":\"mallinfo2\",\"tasks\":%d}\n",
        bytes_per_task_on_future(), memory_tasks);
    std::printf("{\"peer\":\"loopscope+recorder\",\"workload\":\"switch\",\"ns_per_op\":%.1f,\"ops\":%d}\n",
                recorded_switch_ns(true), switch_tasks * switch_yields);
    std::printf("{\"peer\":\"loopscope+recorder-cold\",\"workload\":\"switch\",\"ns_per_op\":%.1f,\"ops\":%d}\n",
                recorded_switch_ns(false), switch_tasks * switch_yields);
}
