#pragma once
// Whole files: written so that readers see either the old contents or the
// new, never a mix, and a failed write leaves nothing behind; read at once.
#include <cstddef>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>

namespace loopscope::sim {

/// Knobs for write_file_atomically; the defaults are for real use.
struct atomic_write_options {
    /// Test seam: bytes the disk accepts before a write fails with ENOSPC ("disk full").
    std::size_t disk_space = std::numeric_limits<std::size_t>::max();
};

/// Replaces `path` with `bytes`: writes a temporary "<path>.tmp-<pid>-<n>" in
/// the same directory, flushes it to disk (fsync), then renames it over
/// `path`. On failure the temporary is removed, an existing `path` is left as
/// it was, and std::system_error says what failed, where, and why ("cannot
/// write out/trace.loopscope: No space left on device").
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                           const atomic_write_options& options = {});

/// A file's whole content, "" when it cannot be read.
[[nodiscard]] std::string file_text(const std::filesystem::path& path);

}  // namespace loopscope::sim
