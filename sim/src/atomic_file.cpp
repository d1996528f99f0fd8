#include "loopscope/sim/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <utility>

namespace loopscope::sim {

namespace {

[[noreturn]] void fail(int error, std::string_view what, const std::filesystem::path& path) {
    throw std::system_error(error, std::generic_category(), fmt::format("cannot {} {}", what, path.string()));
}

/// "<path>.tmp-<pid>-<n>": unique per process and per call, so two saves never share a temporary.
std::filesystem::path temporary_name(const std::filesystem::path& path) {
    static std::atomic<unsigned> counter{0};
    std::filesystem::path tmp = path;
    tmp += fmt::format(".tmp-{}-{}", ::getpid(), ++counter);
    return tmp;
}

/// The temporary file: closed and removed on destruction unless renamed into place.
class temporary_file {
public:
    explicit temporary_file(const std::filesystem::path& target) : m_target(target), m_path(temporary_name(target)) {
        m_fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (m_fd < 0) fail(errno, "create", m_target);
    }
    ~temporary_file() {
        if (m_fd >= 0) ::close(m_fd);
        if (!m_renamed) ::unlink(m_path.c_str());
    }
    temporary_file(const temporary_file&) = delete;
    temporary_file& operator=(const temporary_file&) = delete;

    void write(std::string_view bytes, std::size_t disk_space) {
        std::size_t written = 0;
        while (written < bytes.size()) {
            std::size_t room = disk_space - std::min(disk_space, written);
            if (room == 0) fail(ENOSPC, "write", m_target);
            ssize_t n = ::write(m_fd, bytes.data() + written, std::min(bytes.size() - written, room));
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) fail(errno, "write", m_target);
            written += std::size_t(n);
        }
    }

    /// Makes the contents durable before the rename publishes them: otherwise a
    /// crash could leave `path` renamed but empty.
    void sync_and_close() {
        if (::fsync(m_fd) != 0) fail(errno, "write", m_target);
        int fd = std::exchange(m_fd, -1);
        if (::close(fd) != 0) fail(errno, "write", m_target);
    }

    void rename_into_place() {
        if (::rename(m_path.c_str(), m_target.c_str()) != 0) fail(errno, "replace", m_target);
        m_renamed = true;
    }

private:
    std::filesystem::path m_target;
    std::filesystem::path m_path;
    int m_fd = -1;
    bool m_renamed = false;
};

/// Best effort: makes the rename itself durable. It has already happened, so a
/// failure here cannot be undone and is not reported.
void sync_directory_of(const std::filesystem::path& path) {
    std::filesystem::path dir = path.parent_path();
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                           const atomic_write_options& options) {
    temporary_file tmp(path);
    tmp.write(bytes, options.disk_space);
    tmp.sync_and_close();
    tmp.rename_into_place();
    sync_directory_of(path);
}

std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace loopscope::sim
