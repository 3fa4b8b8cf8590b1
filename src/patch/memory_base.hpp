// A base tree held in memory: for tests, fuzzers, benchmarks and scenario directories, so that the
// engine's logic runs without a repository. Parent directories are implied by the files added.
#pragma once

#include "patch/base_files.hpp"

#include <map>
#include <string>

namespace oneshot::patch {

class MemoryBaseFiles : public BaseFiles {
public:
    // kind: regular or executable (bytes = content), symlink (bytes = target), submodule (bytes = oid).
    void add(std::string path, std::string bytes, EntryKind kind = EntryKind::regular);

    std::optional<BaseEntry> lookup(std::string_view path) const override;
    Result<std::string> read(std::string_view path) const override;

private:
    struct Stored {
        EntryKind kind;
        std::string bytes;
    };
    std::map<std::string, Stored, std::less<>> entries_;
};

} // namespace oneshot::patch
