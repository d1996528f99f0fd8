#pragma once
// asyncio.as_completed: the results of several awaitables in the order they
// finish. `for f in as_completed(aws): r = await f` is
// `as_completed ac(aws); for (std::size_t i = 0; i < ac.size(); ++i) r = co_await ac.next();`.
#include <memory>
#include <optional>
#include <vector>

#include "loopscope/core/ensure_future.hpp"
#include "loopscope/core/queue.hpp"

namespace loopscope {

template <awaitable_argument A>
class as_completed {
    using state_type = future_of_t<A>;
    using value_type = typename state_type::value_type;
    using child = detail::ref<state_type>;

public:
    /// Wraps coroutines in tasks; after `timeout` seconds, next() throws timeout_error.
    explicit as_completed(std::vector<A> aws, std::optional<double> timeout = std::nullopt)
        : m_shared(std::make_shared<shared>()) {
        for (auto& a : aws) m_shared->todo.push_back(ensure_future(std::move(a)));
        m_size = m_shared->todo.size();
        std::weak_ptr<shared> weak = m_shared;
        for (auto& f : m_shared->todo) {
            auto cb = detail::make_callback("as_completed: done", [weak](future_base* done) {
                auto s = weak.lock();
                if (!s || s->todo.empty()) return;  // the timeout came first
                std::erase_if(s->todo, [&](const child& c) { return c.get() == done; });
                s->done.put_nowait(child(static_cast<state_type*>(done)));
                if (s->todo.empty()) s->timeout.cancel();
            });
            m_shared->targets.push_back(cb.target.get());
            f->add_done_callback(std::move(cb));
        }
        if (!m_shared->todo.empty() && timeout) {
            m_shared->timeout = running_loop().call_later(*timeout, [weak] {
                auto s = weak.lock();
                if (!s) return;
                for (std::size_t i = 0; i < s->todo.size(); ++i) {
                    s->todo[i]->remove_done_callback(&detail::function_kind, s->targets[i]);
                    s->done.put_nowait(child());
                }
                s->todo.clear();
            });
        }
    }

    /// How many results next() will give.
    [[nodiscard]] std::size_t size() const noexcept { return m_size; }

    /// _wait_for_one: the next result to finish (rethrows its exception).
    coro<value_type> next() {
        auto s = m_shared;  // the coroutine keeps the state alive
        child f = co_await s->done.get();
        if (!f) throw timeout_error();
        co_return f->result();
    }

private:
    struct shared {
        queue<child> done;
        std::vector<child> todo;
        std::vector<const detail::ref_counted*> targets;  // each child's callback, for removal
        timer_handle timeout;
    };
    std::shared_ptr<shared> m_shared;
    std::size_t m_size = 0;
};

template <class A>
as_completed(std::vector<A>, std::optional<double> = std::nullopt) -> as_completed<A>;

}  // namespace loopscope
