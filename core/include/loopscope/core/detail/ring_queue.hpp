#pragma once
// A FIFO on a power-of-two ring buffer: the loop's ready queue (collections.deque
// in asyncio). push_back and pop_front never shift elements.
#include <cstddef>
#include <memory>
#include <utility>

namespace loopscope::detail {

template <class T>
class ring_queue {
public:
    ring_queue() = default;
    ring_queue(const ring_queue&) = delete;
    ring_queue& operator=(const ring_queue&) = delete;
    ~ring_queue() { clear(); }

    [[nodiscard]] bool empty() const noexcept { return m_size == 0; }
    [[nodiscard]] std::size_t size() const noexcept { return m_size; }

    void push_back(T value) {
        if (m_size == m_capacity) grow();
        std::construct_at(slot(m_head + m_size), std::move(value));
        ++m_size;
    }
    [[nodiscard]] T pop_front() noexcept {
        T* p = slot(m_head);
        T value = std::move(*p);
        std::destroy_at(p);
        m_head = (m_head + 1) & (m_capacity - 1);
        --m_size;
        return value;
    }
    /// The i-th element from the front (0 is the next to run).
    [[nodiscard]] const T& operator[](std::size_t i) const noexcept { return *slot(m_head + i); }
    void clear() noexcept {
        while (!empty()) (void)pop_front();
    }
    /// Halves the capacity while at most a quarter of it is used, so that a
    /// burst (100,000 tasks created at once) does not pin its memory.
    void shrink() {
        std::size_t capacity = m_capacity;
        while (capacity > min_capacity && m_size <= capacity / 4) capacity /= 2;
        if (capacity != m_capacity) reallocate(capacity);
    }

private:
    static constexpr std::size_t min_capacity = 64;

    T* slot(std::size_t i) const noexcept { return m_data.get() + (i & (m_capacity - 1)); }

    void grow() { reallocate(m_capacity ? m_capacity * 2 : min_capacity); }

    void reallocate(std::size_t capacity) {
        auto data = std::unique_ptr<T[], deleter>(static_cast<T*>(::operator new[](capacity * sizeof(T))));
        for (std::size_t i = 0; i < m_size; ++i) {
            T* from = slot(m_head + i);
            std::construct_at(data.get() + i, std::move(*from));
            std::destroy_at(from);
        }
        m_data = std::move(data);
        m_capacity = capacity;
        m_head = 0;
    }

    struct deleter {
        void operator()(T* p) const noexcept { ::operator delete[](p); }
    };
    std::unique_ptr<T[], deleter> m_data;
    std::size_t m_capacity = 0;
    std::size_t m_head = 0;
    std::size_t m_size = 0;
};

}  // namespace loopscope::detail
