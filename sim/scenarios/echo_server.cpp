// echo_server: an echo server and its clients on a simulated network (no sockets).
#include <fmt/format.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

/// A simulated TCP connection: a queue of lines each way, `latency` seconds
/// away. An empty line means the sender closed it (EOF).
struct connection {
    explicit connection(double latency) : latency(latency) {}
    double latency;
    queue<std::string> to_server;
    queue<std::string> to_client;
};

/// Connections waiting to be accepted: (client name, connection).
using listener_queue = queue<std::pair<std::string, std::shared_ptr<connection>>>;

coro<> send(queue<std::string>& q, std::string line, double latency) {
    co_await sleep(latency);  // @transit
    q.put_nowait(std::move(line));
}

coro<> handle_client(std::string name, std::shared_ptr<connection> conn) {
    out("server: connection from", name);  // @accepted
    while (true) {
        std::string line = co_await conn->to_server.get();  // @read
        if (line.empty()) break;
        out("server: echoing", line);  // @echo
        co_await send(conn->to_client, line, conn->latency);  // @reply
    }
    out("server: closed", name);  // @closed
}

coro<> serve(std::shared_ptr<listener_queue> listener) {
    std::vector<task<>> handlers;
    while (true) {
        auto [name, conn] = co_await listener->get();  // @accept
        handlers.push_back(create_task(handle_client(name, conn)));  // @spawn
    }
}

coro<> client(std::string name, std::shared_ptr<listener_queue> listener, long lines, double latency) {
    co_await sleep(latency);  // @connect
    auto conn = std::make_shared<connection>(latency);
    listener->put_nowait({name, conn});
    for (long i = 0; i < lines; ++i) {
        std::string line = fmt::format("hello {} from {}", i, name);
        co_await send(conn->to_server, line, latency);  // @send
        std::string reply = co_await conn->to_client.get();  // @receive
        out(name, "received", reply);  // @received
    }
    co_await send(conn->to_server, "", latency);  // @close
    out(name, "disconnected");  // @disconnected
}

coro<> main(const parameter_values& p) {
    long clients = p.integer("clients"), lines = p.integer("lines");
    double latency = p.number("latency");
    // Shared, as a Python object is: the server may still be accepting when main() ends.
    auto listener = std::make_shared<listener_queue>();
    task<> server = create_task(serve(listener));  // @server
    std::vector<coro<>> sessions;
    for (long i = 0; i < clients; ++i) {
        sessions.push_back(client(fmt::format("client{}", i), listener, lines, latency * double(i + 1)));
    }
    co_await gather(std::move(sessions));  // @sessions
    server.cancel();
    try {
        co_await server;  // @stop
    } catch (const cancelled_error&) {
        out("server stopped");  // @stopped
    }
}

}  // namespace

scenario_definition define_echo_server() {
    return {.id = "echo_server",
            .title = "An echo server on a simulated network",
            .explanation = "The server task waits in accept (listener.get()) and starts one handler task per "
                           "client, so a slow client never holds up the others. The network is simulated: "
                           "connecting and every line take a sleep of the client's latency (client i is "
                           "i + 1 times as far away), and lines travel through queues. Follow one client's "
                           "lane and its handler's: they take turns, each waiting on the other's queue.",
            .parameters = {{.name = "clients", .help = "how many clients connect", .default_value = 3,
                            .min = 0, .max = 10},
                           {.name = "lines", .help = "lines each client sends", .default_value = 2, .min = 0,
                            .max = 5},
                           {.name = "latency", .help = "one-way delay to the nearest client, in seconds",
                            .default_value = 0.25, .min = 0, .max = 2, .integer = false}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
