// What the patch engine may know of the base revision: a read-only view of its tree, so that
// matching and validation are pure logic, testable without a repository (repo/ implements it).
#pragma once

#include "core/error.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace oneshot::patch {

enum class EntryKind { regular, executable, symlink, submodule, directory };

struct BaseEntry {
    EntryKind kind = EntryKind::regular;
    std::string oid;   // hex object id; empty for a directory
};

class BaseFiles {
public:
    virtual ~BaseFiles() = default;
    // The entry at a repository-relative, '/'-separated path; nullopt when nothing is there.
    // Looking up a path *below* a symlink or submodule yields nullopt: callers check each parent.
    virtual std::optional<BaseEntry> lookup(std::string_view path) const = 0;
    // The bytes of a regular or executable file, exactly as stored in git.
    virtual Result<std::string> read(std::string_view path) const = 0;
};

} // namespace oneshot::patch
