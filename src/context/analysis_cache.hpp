// The per-file analysis cache: results keyed by blob id and by what produced them (analyzer
// version, grammar and query fingerprint), so an unchanged file is never parsed twice, across
// branches and runs. Stored in the repository's git dir as 16 shard files; a shard is rewritten
// whole into a temporary file and renamed over the old one, so concurrent runs never see a torn
// shard (the last writer wins; the loser's entries are merely recomputed later). Bounded: when a
// shard outgrows its share of the cap, the entries least recently used go first.
#pragma once

#include "context/file_analysis.hpp"
#include "context/grammar_table.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace oneshot::context {

inline constexpr std::uint64_t kDefaultCacheBytes = 768ull << 20;

class AnalysisCache {
public:
    // An empty dir gives a cache that stores nothing.
    explicit AnalysisCache(std::filesystem::path dir, std::uint64_t max_bytes = kDefaultCacheBytes);

    // Reads every shard (once, up front: one sequential read per shard beats a file per blob).
    void load();

    // The cached analysis of blob `oid` (hex) made under `key`, if any; with keep_terms (sorted
    // hashes), only those terms (see decode_analysis). Thread-safe.
    std::optional<FileAnalysis> get(std::string_view oid, std::uint64_t key, const std::vector<std::uint32_t>* keep_terms = nullptr);

    // Records a fresh analysis. Thread-safe.
    void put(std::string_view oid, std::uint64_t key, const FileAnalysis& analysis);

    // Writes the shards that gained entries. Errors are ignored by callers: a cache that cannot be
    // written only costs time.
    bool save();

    std::size_t hits() const { return hits_; }
    std::size_t misses() const { return misses_; }

private:
    struct Entry {
        std::uint32_t stamp = 0;     // day of last use
        std::string_view payload;    // into a shard buffer, or into fresh_
        bool used = false;
    };
    // Blob id bytes and key: a fixed-size key, hashed by its first bytes (a blob id is already
    // uniformly distributed), so 80k entries load without a heap string each.
    struct Id {
        std::array<unsigned char, 28> bytes{};
        bool operator==(const Id&) const = default;
        bool operator<(const Id& other) const { return bytes < other.bytes; }
    };
    struct IdHash {
        std::size_t operator()(const Id& id) const;
    };
    static Id entry_id(std::string_view oid, std::uint64_t key);
    static std::size_t shard_of(const Id& id);
    void load_shard(std::size_t s);

    std::filesystem::path dir_;
    std::uint64_t max_bytes_;
    std::mutex mutex_;
    // A shard file mapped read-only: entries point into it. Writers replace shards by rename, so a
    // mapping keeps seeing the file it opened.
    class MappedFile {
    public:
        MappedFile() = default;
        explicit MappedFile(const std::filesystem::path& path);
        MappedFile(MappedFile&& other) noexcept;
        MappedFile& operator=(MappedFile&& other) noexcept;
        MappedFile(const MappedFile&) = delete;
        MappedFile& operator=(const MappedFile&) = delete;
        ~MappedFile();
        std::string_view view() const { return {static_cast<const char*>(data_), size_}; }

    private:
        void* data_ = nullptr;
        std::size_t size_ = 0;
    };
    std::vector<MappedFile> buffers_;                        // shard contents
    std::vector<std::unordered_map<Id, Entry, IdHash>> shards_;
    std::vector<bool> dirty_;
    std::vector<std::unique_ptr<std::string>> fresh_;         // payloads added this run
    std::size_t hits_ = 0;
    std::size_t misses_ = 0;
};

// The cache key of a file's analysis: changes when the analyzer or the file's grammar or query does.
std::uint64_t analysis_key(std::string_view path, bool parse);
// The same for a file whose grammar is known (nullptr: the key of an analysis without parsing).
std::uint64_t analysis_key(const Grammar* grammar);

} // namespace oneshot::context
