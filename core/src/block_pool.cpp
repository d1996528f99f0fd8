// The block pool: per-thread free lists of 16-byte size classes, refilled from
// 64 KiB slabs. Slabs are never returned: the pool stays at its peak, as
// CPython's free lists do. Blocks may be freed on another thread than the one
// that allocated them; they then join that thread's free list.
#include "loopscope/core/detail/block_pool.hpp"

#include <cstdlib>
#include <mutex>
#include <new>
#include <utility>

// Under AddressSanitizer every block comes from operator new, so that use
// after free and leaks in frames and tasks are still caught.
#if defined(__SANITIZE_ADDRESS__)
#define LOOPSCOPE_POOL_BYPASS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LOOPSCOPE_POOL_BYPASS 1
#endif
#endif

namespace loopscope::detail {

#ifdef LOOPSCOPE_POOL_BYPASS

void* allocate_block(std::size_t size) { return ::operator new(size); }
void free_block(void* block, std::size_t) noexcept { ::operator delete(block); }

#else

namespace {

constexpr std::size_t granule = __STDCPP_DEFAULT_NEW_ALIGNMENT__;
constexpr std::size_t largest_pooled = 1024;  // larger blocks go to operator new
constexpr std::size_t class_count = largest_pooled / granule;
constexpr std::size_t slab_size = 64 * 1024;

struct free_link {
    free_link* next;
};

struct thread_pool {
    free_link* free[class_count];
    char* unused;  // the current slab's part not yet handed out
    char* unused_end;
};
constinit thread_local thread_pool t_pool{};

// Every slab ever allocated, so that the memory stays reachable (leak
// checkers see it as held, not lost).
struct slab_header {
    alignas(granule) slab_header* next;
};
constinit std::mutex g_slabs_mutex;
constinit slab_header* g_slabs = nullptr;

std::size_t class_of(std::size_t size) noexcept { return (size + granule - 1) / granule - 1; }

void* carve(std::size_t bytes) {
    thread_pool& pool = t_pool;
    if (std::size_t(pool.unused_end - pool.unused) < bytes) {
        auto* slab = static_cast<slab_header*>(std::malloc(slab_size));
        if (!slab) throw std::bad_alloc();
        {
            std::lock_guard lock(g_slabs_mutex);
            slab->next = g_slabs;
            g_slabs = slab;
        }
        // The rest of the previous slab is too small for this block; it stays unused.
        pool.unused = reinterpret_cast<char*>(slab + 1);
        pool.unused_end = reinterpret_cast<char*>(slab) + slab_size;
    }
    return std::exchange(pool.unused, pool.unused + bytes);
}

}  // namespace

void* allocate_block(std::size_t size) {
    if (size > largest_pooled) return ::operator new(size);
    const std::size_t c = class_of(size == 0 ? 1 : size);
    free_link*& head = t_pool.free[c];
    if (free_link* block = head) {
        head = block->next;
        return block;
    }
    return carve((c + 1) * granule);
}

void free_block(void* block, std::size_t size) noexcept {
    if (size > largest_pooled) {
        ::operator delete(block);
        return;
    }
    free_link*& head = t_pool.free[class_of(size == 0 ? 1 : size)];
    head = new (block) free_link{head};
}

#endif

}  // namespace loopscope::detail
