// The sim's costs, on the core benchmark's switch workload (tasks x sleep(0)):
//   recorder   ns per recorded event, over a loop with a no-op instrument
//              attached (which already pays for the hook arguments), and
//              bytes of trace per event
//   file       native trace file bytes per event, encode and decode times
//   playback   building a playback of a 1,000,000-event trace, and random
//              access to the state at any event (median and worst of 1,000)
// Prints one JSON line per figure; 1 warm-up, 5 runs, median.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "loopscope/core.hpp"
#include "loopscope/sim/playback.hpp"
#include "loopscope/sim/recorder.hpp"
#include "loopscope/sim/trace_file.hpp"

using namespace loopscope;

namespace {

using clock_type = std::chrono::steady_clock;

class no_op_instrument final : public instrument {};

coro<> yielder(int yields) {
    for (int i = 0; i < yields; ++i) co_await sleep(0);
}

coro<> switch_all(int tasks, int yields) {
    std::vector<task<>> all;
    all.reserve(std::size_t(tasks));
    for (int i = 0; i < tasks; ++i) all.push_back(create_task(yielder(yields)));
    for (auto& t : all) co_await t;
}

double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

template <class F>
double median_seconds(F run) {
    run();  // warm-up
    std::vector<double> samples;
    for (int i = 0; i < 5; ++i) {
        auto start = clock_type::now();
        run();
        samples.push_back(seconds_since(start));
    }
    std::sort(samples.begin(), samples.end());
    return samples[2];
}

sim::trace record(int tasks, int yields) {
    sim::trace t;
    event_loop loop;
    sim::recorder r(loop, t, {.max_events = 100'000'000});
    loop.run(switch_all(tasks, yields));
    return t;
}

}  // namespace

int main() {
    constexpr int tasks = 10'000, yields = 100;
    const double observed = median_seconds([] {
        event_loop loop;
        no_op_instrument i;
        loop.attach(i);
        loop.run(switch_all(tasks, yields));
        loop.detach(i);
    });
    std::size_t events = 0, bytes = 0;
    const double recorded = median_seconds([&] {
        sim::trace t = record(tasks, yields);
        events = t.size();
        bytes = t.memory_bytes();
    });
    std::printf("{\"sim\":\"recorder\",\"ns_per_event\":%.2f,\"events\":%zu,\"bytes_per_event\":%.1f}\n",
                (recorded - observed) * 1e9 / double(events), events, double(bytes) / double(events));

    sim::trace big = record(10'000, 33);
    auto start = clock_type::now();
    const std::string file = sim::encode_trace(big);
    double encode = seconds_since(start);
    start = clock_type::now();
    if (sim::decode_trace(file, "bench") != big) return 1;
    double decode = seconds_since(start);
    std::printf("{\"sim\":\"file\",\"events\":%zu,\"bytes_per_event\":%.2f,\"encode_ms\":%.1f,\"decode_ms\":%.1f}\n",
                big.size(), double(file.size()) / double(big.size()), encode * 1e3, decode * 1e3);

    start = clock_type::now();
    sim::playback p(big);
    double build = seconds_since(start);
    std::mt19937_64 random(42);
    std::uniform_int_distribution<std::size_t> any(0, big.size());
    std::vector<double> access;
    for (int i = 0; i < 1000; ++i) {
        std::size_t k = any(random);
        auto t0 = clock_type::now();
        const auto& state = p.state_at(k);
        access.push_back(seconds_since(t0) * 1e6);
        if (state.position != k) return 1;
    }
    std::sort(access.begin(), access.end());
    std::printf("{\"sim\":\"playback\",\"events\":%zu,\"tasks\":%zu,\"build_ms\":%.1f,\"snapshot_interval\":%zu,"
                "\"random_access_us_median\":%.1f,\"random_access_us_p99\":%.1f,\"random_access_us_max\":%.1f}\n",
                big.size(), big.tasks.size(), build * 1e3, p.snapshot_interval(), access[access.size() / 2], access[access.size() * 99 / 100],
                access.back());
}
