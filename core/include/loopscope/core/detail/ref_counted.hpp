#pragma once
// Intrusive, single-threaded reference counting for the runtime's shared objects
// (futures, tasks, handles). An event loop lives on one thread, as in asyncio,
// so the count is a plain integer: no atomics on the scheduling hot path.
#include <cstddef>
#include <cstdint>
#include <utility>

#include "loopscope/core/detail/block_pool.hpp"

namespace loopscope::detail {

/// Base of every object the loop shares between callbacks, handles and tasks.
class ref_counted {
public:
    ref_counted() = default;
    ref_counted(const ref_counted&) = delete;
    ref_counted& operator=(const ref_counted&) = delete;
    virtual ~ref_counted() = default;

    // Shared objects come and go at a high rate: recycle their memory.
    static void* operator new(std::size_t size) { return allocate_block(size); }
    static void operator delete(void* p, std::size_t size) noexcept { free_block(p, size); }

    void add_ref() noexcept { ++m_refs; }
    void release() noexcept {
        if (--m_refs == 0) delete this;
    }

private:
    std::uint32_t m_refs = 0;
};

/// An owning pointer to a ref_counted object (like boost::intrusive_ptr).
template <class T>
class ref {
public:
    ref() noexcept = default;
    ref(T* p) noexcept : m_ptr(p) {  // NOLINT: implicit, like a raw pointer
        if (m_ptr) m_ptr->add_ref();
    }
    ref(const ref& o) noexcept : ref(o.m_ptr) {}
    ref(ref&& o) noexcept : m_ptr(std::exchange(o.m_ptr, nullptr)) {}
    template <class U>
    ref(const ref<U>& o) noexcept : ref(o.get()) {}  // NOLINT: upcast
    template <class U>
    ref(ref<U>&& o) noexcept : m_ptr(o.detach()) {}  // NOLINT: upcast
    ~ref() { reset(); }

    ref& operator=(ref o) noexcept {
        std::swap(m_ptr, o.m_ptr);
        return *this;
    }
    void reset() noexcept {
        if (auto* p = std::exchange(m_ptr, nullptr)) p->release();
    }

    /// Gives up the reference without releasing it.
    [[nodiscard]] T* detach() noexcept { return std::exchange(m_ptr, nullptr); }
    [[nodiscard]] T* get() const noexcept { return m_ptr; }
    T* operator->() const noexcept { return m_ptr; }
    T& operator*() const noexcept { return *m_ptr; }
    explicit operator bool() const noexcept { return m_ptr != nullptr; }
    friend bool operator==(const ref& a, const ref& b) noexcept { return a.m_ptr == b.m_ptr; }

private:
    T* m_ptr = nullptr;
};

template <class T, class... Args>
[[nodiscard]] ref<T> make_ref(Args&&... args) {
    return ref<T>(new T(std::forward<Args>(args)...));
}

}  // namespace loopscope::detail
