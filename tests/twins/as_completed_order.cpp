#include <string>
#include <utility>
#include <vector>

#include "twin.hpp"

using namespace loopscope;

static coro<std::string> job(std::string name, double delay) {
    co_await sleep(delay);
    out(name, "completes");
    co_return name;
}

TWIN(as_completed_order) {
    std::vector<std::pair<std::string, double>> plan = {
        {"slow", 3}, {"quick", 1}, {"medium", 2}, {"instant", 0}, {"quick2", 1}};
    // Pass tasks, not coroutines (as the Python program does).
    std::vector<task<std::string>> aws;
    for (auto& [n, d] : plan) aws.push_back(create_task(job(n, d)));
    std::vector<std::string> order;
    as_completed ac(aws);
    for (std::size_t i = 0; i < ac.size(); ++i) {
        std::string r = co_await ac.next();
        out("as_completed yielded", r);
        order.push_back(r);
    }
    std::string joined;
    for (std::size_t i = 0; i < order.size(); ++i) joined += (i ? " " : "") + order[i];
    out("order:", joined);
}
