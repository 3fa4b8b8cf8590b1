#include "core/durable.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace oneshot {

bool sync_parent_directory(const std::filesystem::path& path)
{
    std::filesystem::path folder = std::filesystem::absolute(path).parent_path();
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
}

} // namespace oneshot
