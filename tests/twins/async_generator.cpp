#include <string>
#include <vector>

#include "twin.hpp"

using namespace loopscope;

namespace {
/// The generator's `finally:` clause. It runs when the body ends (the frame's
/// locals are destroyed before the generator reports exhaustion) or when an
/// unfinished generator is closed (its frame destroyed: aclose()).
struct generator_finally {
    std::string name;
    ~generator_finally() { out(name, "generator closed"); }
};
}  // namespace

static async_generator<int> ticker(std::string name, int n, double delay) {
    generator_finally fin{name};
    for (int i = 0; i < n; ++i) {
        co_await sleep(delay);
        out(name, "yields", i);
        co_yield i;
    }
}

TWIN(async_generator) {
    int total = 0;
    {
        auto g = ticker("full", 3, 0.5);
        while (auto v = co_await g.next()) {
            out("got", *v);
            total += *v;
        }
    }
    out("total", total);

    std::optional<async_generator<int>> gen;
    gen.emplace(ticker("early", 10, 1));
    while (auto v = co_await gen->next()) {
        out("got", *v);
        if (*v == 1) {
            out("breaking out");
            break;
        }
    }
    out("after break, closing explicitly");
    gen.reset();  // await gen.aclose()

    std::vector<int> squares;
    {
        auto g = ticker("comp", 3, 0.25);
        while (auto v = co_await g.next()) squares.push_back(*v * *v);
    }
    std::string text = "[";
    for (std::size_t i = 0; i < squares.size(); ++i) text += (i ? ", " : "") + std::to_string(squares[i]);
    text += "]";
    out("squares", text);
}
