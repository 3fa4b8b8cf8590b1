#include "patch/memory_base.hpp"

namespace oneshot::patch {

void MemoryBaseFiles::add(std::string path, std::string bytes, EntryKind kind)
{
    for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
        entries_.try_emplace(path.substr(0, slash), Stored{EntryKind::directory, {}});
    entries_.insert_or_assign(std::move(path), Stored{kind, std::move(bytes)});
}

std::optional<BaseEntry> MemoryBaseFiles::lookup(std::string_view path) const
{
    // Nothing is visible below a symlink or submodule, as in a git tree.
    for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
        const auto parent = entries_.find(path.substr(0, slash));
        if (parent == entries_.end() || parent->second.kind != EntryKind::directory)
            return std::nullopt;
    }
    const auto it = entries_.find(path);
    if (it == entries_.end())
        return std::nullopt;
    return BaseEntry{it->second.kind, it->second.kind == EntryKind::directory ? "" : "memory"};
}

Result<std::string> MemoryBaseFiles::read(std::string_view path) const
{
    const auto it = entries_.find(path);
    if (it == entries_.end() || (it->second.kind != EntryKind::regular && it->second.kind != EntryKind::executable))
        return make_error(ErrorKind::internal, "no file " + std::string(path) + " in the in-memory base");
    return it->second.bytes;
}

} // namespace oneshot::patch
