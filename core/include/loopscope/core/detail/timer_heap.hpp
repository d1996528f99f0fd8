#pragma once
// The loop's timer heap, with Python's heapq algorithm exactly (_siftdown,
// _siftup, heapify). Timers compare by due time only, so timers due at the
// same instant leave the heap in heapq's order, which is not always the order
// they were armed in; a faithful replay needs the same sift steps.
#include <cstddef>
#include <vector>

namespace loopscope::detail {

template <class T, class Less>
class timer_heap {
public:
    [[nodiscard]] bool empty() const noexcept { return m_items.empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return m_items.size(); }
    [[nodiscard]] const T& top() const noexcept { return m_items.front(); }
    [[nodiscard]] const std::vector<T>& items() const noexcept { return m_items; }

    /// heapq.heappush
    void push(T item) {
        m_items.push_back(std::move(item));
        sift_down(0, m_items.size() - 1);
    }
    /// heapq.heappop
    T pop() {
        T last = std::move(m_items.back());
        m_items.pop_back();
        if (m_items.empty()) return last;
        T top = std::move(m_items.front());
        m_items.front() = std::move(last);
        sift_up(0);
        return top;
    }
    /// Keeps the items for which keep(item) is true, then heapq.heapify.
    template <class Keep>
    void rebuild(Keep keep) {
        std::vector<T> kept;
        kept.reserve(m_items.size());
        for (auto& item : m_items)
            if (keep(item)) kept.push_back(std::move(item));
        m_items = std::move(kept);
        for (std::size_t i = m_items.size() / 2; i-- > 0;) sift_up(i);
    }
    void clear() noexcept { m_items.clear(); }

private:
    // heapq._siftdown: move the item at pos up towards startpos.
    void sift_down(std::size_t startpos, std::size_t pos) {
        T item = std::move(m_items[pos]);
        while (pos > startpos) {
            std::size_t parentpos = (pos - 1) >> 1;
            if (!Less{}(item, m_items[parentpos])) break;
            m_items[pos] = std::move(m_items[parentpos]);
            pos = parentpos;
        }
        m_items[pos] = std::move(item);
    }
    // heapq._siftup: bubble the smaller child up to a leaf, then sift down.
    void sift_up(std::size_t pos) {
        std::size_t endpos = m_items.size();
        std::size_t startpos = pos;
        T item = std::move(m_items[pos]);
        std::size_t childpos = 2 * pos + 1;
        while (childpos < endpos) {
            std::size_t rightpos = childpos + 1;
            if (rightpos < endpos && !Less{}(m_items[childpos], m_items[rightpos])) childpos = rightpos;
            m_items[pos] = std::move(m_items[childpos]);
            pos = childpos;
            childpos = 2 * pos + 1;
        }
        m_items[pos] = std::move(item);
        sift_down(startpos, pos);
    }

    std::vector<T> m_items;
};

}  // namespace loopscope::detail
