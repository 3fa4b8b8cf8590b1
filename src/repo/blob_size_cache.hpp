// Sizes of blobs by id, remembered between runs: listing a kernel-size tree asked the object
// database for each of its ~80k blob headers (inflating the start of every packed delta), most
// of a warm run's tree load. Stored as one sorted file, replaced whole by rename (so concurrent
// runs never see a torn file); it holds the blobs of the last tree listed, so it stays bounded.
#pragma once

#include <git2.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace oneshot::repo {

class BlobSizeCache {
public:
    struct Entry {
        std::array<unsigned char, GIT_OID_RAWSZ> id{};
        std::uint64_t size = 0;
        bool operator<(const Entry& other) const { return id < other.id; }
    };

    // Reads `file`; a missing, foreign or damaged file gives an empty cache.
    explicit BlobSizeCache(std::filesystem::path file);

    std::optional<std::uint64_t> find(const git_oid& id) const;

    // Replaces the file with exactly these entries (any order). False if it could not be written.
    bool save(std::vector<Entry> entries) const;

private:
    std::filesystem::path file_;
    std::vector<Entry> entries_;   // sorted by id
};

} // namespace oneshot::repo
