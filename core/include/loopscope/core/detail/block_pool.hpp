#pragma once
// Recycled memory for coroutine frames and the loop's shared objects (tasks,
// futures, handles). They are small, and a program creates and destroys them
// by the thousand: malloc's per-thread cache keeps only a few blocks of each
// size, so most of them would go through its slower bins. Here a freed block
// goes to a per-thread free list of its size class and is reused first.
#include <cstddef>

namespace loopscope::detail {

/// A block of at least `size` bytes, aligned like operator new's.
[[nodiscard]] void* allocate_block(std::size_t size);
/// Gives back a block from allocate_block; `size` is the size it was asked for.
void free_block(void* block, std::size_t size) noexcept;

}  // namespace loopscope::detail
