// Loopscope peer: Boost.Asio C++20 coroutines (awaitable / co_spawn), single-threaded io_context.
// Build: g++ -std=c++20 -O2 -DNDEBUG asio_peer.cpp -o asio_peer -pthread
// Boost 1.74 auto-enables BOOST_ASIO_HAS_CO_AWAIT for g++ in C++20 mode (__cpp_impl_coroutine), so no
// -fcoroutines is needed; but its awaitable.hpp uses std::exchange without <utility> (asio issue #944),
// so <utility> must be included before <boost/asio.hpp> with g++ 12.
// Prints one JSON line per workload:
//   switch - 10,000 co_spawned coroutines x 100 `co_await asio::post(ex, use_awaitable)`; ns/op = wall / 1,000,000
//   spawn  - 100,000 co_spawn(ioc, noop(), detached) then ioc.run(); ns/op = wall / 100,000
//   memory - 100,000 coroutines suspended in async_wait on one shared steady_timer (1 h expiry);
//            bytes_per_task = mallinfo2().uordblks delta / 100,000; rss_bytes_per_task also reported.
// Timing workloads: 1 warm-up + 5 reps, median reported.
#include <utility>  // must precede boost/asio.hpp, see above
#include <boost/asio.hpp>
#include <malloc.h>
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace asio = boost::asio;
using asio::awaitable, asio::use_awaitable;
constexpr int SWITCH_TASKS = 10'000, SWITCH_YIELDS = 100, SPAWN_N = 100'000, MEM_N = 100'000, REPS = 5;

awaitable<void> yielder() {
  auto ex = co_await asio::this_coro::executor;
  for (int i = 0; i < SWITCH_YIELDS; ++i) co_await asio::post(ex, use_awaitable);
}
awaitable<void> noop() { co_return; }
awaitable<void> waiter(asio::steady_timer& t) {
  boost::system::error_code ec;  // cancel() completes the wait with operation_aborted
  co_await t.async_wait(asio::redirect_error(use_awaitable, ec));
}

template <class Spawn> double timed(asio::io_context& ioc, int n, long ops, Spawn spawn) {
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) asio::co_spawn(ioc, spawn(), asio::detached);
  ioc.run();
  ioc.restart();
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count() / ops;
}

long rss_bytes() {
  long pages = 0, resident = 0;
  std::ifstream("/proc/self/statm") >> pages >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

void emit_timing(const char* name, long ops, auto run) {
  run();  // warm-up
  std::vector<double> s;
  for (int i = 0; i < REPS; ++i) s.push_back(run());
  auto sorted = s;
  std::sort(sorted.begin(), sorted.end());
  std::string arr;
  char buf[32];
  for (double x : s) arr += std::string(arr.empty() ? "" : ",") + (std::snprintf(buf, sizeof buf, "%.1f", x), buf);
  std::printf("{\"peer\":\"boost-asio\",\"workload\":\"%s\",\"ns_per_op\":%.1f,\"ops\":%ld,\"samples\":[%s]}\n",
              name, sorted[REPS / 2], ops, arr.c_str());
}

int main() {
  asio::io_context ioc(1);  // concurrency hint 1: single-threaded scheduler
  char mem[256];
  {  // memory first, before the timing workloads leave freed heap behind
    asio::steady_timer timer(ioc, std::chrono::hours(1));
    size_t heap0 = mallinfo2().uordblks;
    long rss0 = rss_bytes();
    for (int i = 0; i < MEM_N; ++i) asio::co_spawn(ioc, waiter(timer), asio::detached);
    ioc.poll();  // run every coroutine to its async_wait suspension
    size_t heap1 = mallinfo2().uordblks;
    long rss1 = rss_bytes();
    timer.cancel();
    ioc.run();
    ioc.restart();
    std::snprintf(mem, sizeof mem,
                  "{\"peer\":\"boost-asio\",\"workload\":\"memory\",\"bytes_per_task\":%.1f,"
                  "\"measure\":\"mallinfo2\",\"rss_bytes_per_task\":%.1f,\"tasks\":%d}",
                  double(heap1 - heap0) / MEM_N, double(rss1 - rss0) / MEM_N, MEM_N);
  }
  emit_timing("switch", long(SWITCH_TASKS) * SWITCH_YIELDS,
              [&] { return timed(ioc, SWITCH_TASKS, long(SWITCH_TASKS) * SWITCH_YIELDS, yielder); });
  emit_timing("spawn", SPAWN_N, [&] { return timed(ioc, SPAWN_N, SPAWN_N, noop); });
  std::puts(mem);
}
