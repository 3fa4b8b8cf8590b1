#include "context/analysis_cache.hpp"

#include "context/analysis_codec.hpp"
#include "context/language.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <chrono>
#include <fstream>
#include <memory>
#include <random>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace oneshot::context {

namespace {

constexpr std::string_view kMagic = "oneshot-context-cache 1\n";
constexpr std::string_view kAnalyzerVersion = "analyzer 6";   // bump when analyze_file changes
constexpr std::size_t kShards = 16;
constexpr std::size_t kIdBytes = 28;   // 20-byte blob id + 8-byte key

std::uint64_t hash64(std::string_view text, std::uint64_t h = 1469598103934665603ull)
{
    for (char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

std::uint32_t today()
{
    using namespace std::chrono;
    return static_cast<std::uint32_t>(duration_cast<hours>(system_clock::now().time_since_epoch()).count() / 24);
}

int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void put_u32(std::string& out, std::uint32_t v)
{
    for (int k = 0; k < 4; ++k) out.push_back(static_cast<char>((v >> (8 * k)) & 0xff));
}

std::uint32_t get_u32(std::string_view s, std::size_t at)
{
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) v |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(s[at + k])) << (8 * k);
    return v;
}

} // namespace

std::uint64_t analysis_key(const Grammar* grammar)
{
    return hash64(grammar ? grammar->fingerprint : std::string_view("plain"), hash64(kAnalyzerVersion));
}

std::uint64_t analysis_key(std::string_view path, bool parse)
{
    return analysis_key(parse ? grammar_for_path(path) : nullptr);
}

AnalysisCache::AnalysisCache(std::filesystem::path dir, std::uint64_t max_bytes)
    : dir_(dir.empty() ? dir : dir / "context"), max_bytes_(max_bytes), buffers_(kShards), shards_(kShards), dirty_(kShards, false)
{
}

AnalysisCache::MappedFile::MappedFile(const std::filesystem::path& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat info {};
    if (::fstat(fd, &info) == 0 && info.st_size > 0) {
        void* data = ::mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (data != MAP_FAILED) {
            data_ = data;
            size_ = static_cast<std::size_t>(info.st_size);
        }
    }
    ::close(fd);
}

AnalysisCache::MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0))
{
}

AnalysisCache::MappedFile& AnalysisCache::MappedFile::operator=(MappedFile&& other) noexcept
{
    if (this != &other) {
        if (data_) ::munmap(data_, size_);
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

AnalysisCache::MappedFile::~MappedFile()
{
    if (data_) ::munmap(data_, size_);
}

std::size_t AnalysisCache::IdHash::operator()(const Id& id) const
{
    std::uint64_t h = 0;
    for (int k = 0; k < 8; ++k) h |= static_cast<std::uint64_t>(id.bytes[4 + k]) << (8 * k);
    for (int k = 0; k < 8; ++k) h ^= static_cast<std::uint64_t>(id.bytes[20 + k]) << (8 * k);
    return static_cast<std::size_t>(h);
}

AnalysisCache::Id AnalysisCache::entry_id(std::string_view oid, std::uint64_t key)
{
    Id id;
    for (std::size_t i = 0; i < 20 && 2 * i + 1 < oid.size(); ++i) {
        const int hi = hex_value(oid[2 * i]);
        const int lo = hex_value(oid[2 * i + 1]);
        id.bytes[i] = static_cast<unsigned char>(((hi < 0 ? 0 : hi) << 4) | (lo < 0 ? 0 : lo));
    }
    if (oid.size() != 40) {   // not a SHA-1 hex id (tests, SHA-256 repositories): hash it in
        const std::uint64_t h = hash64(oid);
        for (int k = 0; k < 8; ++k) id.bytes[12 + k] = static_cast<unsigned char>((h >> (8 * k)) & 0xff);
    }
    for (int k = 0; k < 8; ++k) id.bytes[20 + k] = static_cast<unsigned char>((key >> (8 * k)) & 0xff);
    return id;
}

std::size_t AnalysisCache::shard_of(const Id& id)
{
    return id.bytes[0] % kShards;
}

void AnalysisCache::load()
{
    if (dir_.empty()) return;
    // Shards are independent: read and index them on all cores (the cache of a kernel-size tree
    // is ~150 MB).
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t s = next++; s < kShards; s = next++) load_shard(s);
    };
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
}

void AnalysisCache::load_shard(std::size_t s)
{
    // Mapped, not read: reading copied ~150 MB on a kernel-size tree (and zero-filled it first).
    buffers_[s] = MappedFile(dir_ / ("shard-" + std::to_string(s)));
    const std::string_view data = buffers_[s].view();
    if (!data.starts_with(kMagic)) return;
    auto& shard = shards_[s];
    shard.reserve(data.size() / 512);
    // Records: id (28 bytes), stamp (4), payload length (4), payload. A short record ends the shard.
    std::size_t at = kMagic.size();
    while (data.size() - at >= kIdBytes + 8) {
        Id id;
        std::memcpy(id.bytes.data(), data.data() + at, kIdBytes);
        const std::uint32_t stamp = get_u32(data, at + kIdBytes);
        const std::uint32_t length = get_u32(data, at + kIdBytes + 4);
        at += kIdBytes + 8;
        if (data.size() - at < length) break;
        shard[id] = Entry{stamp, data.substr(at, length), false};
        at += length;
    }
}

std::optional<FileAnalysis> AnalysisCache::get(std::string_view oid, std::uint64_t key, const std::vector<std::uint32_t>* keep_terms)
{
    if (dir_.empty()) return std::nullopt;
    const Id id = entry_id(oid, key);
    std::string_view payload;
    {
        std::lock_guard lock(mutex_);
        auto& shard = shards_[shard_of(id)];
        auto it = shard.find(id);
        if (it == shard.end()) {
            ++misses_;
            return std::nullopt;
        }
        it->second.used = true;
        payload = it->second.payload;
    }
    auto decoded = decode_analysis(payload, keep_terms);
    std::lock_guard lock(mutex_);
    if (decoded) ++hits_;
    else ++misses_;
    return decoded;
}

void AnalysisCache::put(std::string_view oid, std::uint64_t key, const FileAnalysis& analysis)
{
    if (dir_.empty()) return;
    const Id id = entry_id(oid, key);
    auto payload = std::make_unique<std::string>(encode_analysis(analysis));
    std::lock_guard lock(mutex_);
    const std::size_t s = shard_of(id);
    shards_[s][id] = Entry{today(), *payload, true};
    fresh_.push_back(std::move(payload));
    dirty_[s] = true;
}

bool AnalysisCache::save()
{
    if (dir_.empty()) return true;
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) return false;
    const std::uint32_t now = today();
    const std::uint64_t shard_cap = max_bytes_ / kShards;
    bool ok = true;
    std::random_device random;
    for (std::size_t s = 0; s < kShards; ++s) {
        if (!dirty_[s]) continue;
        // Most recently used first; cut at the shard's share of the cap.
        std::vector<std::pair<const Id*, const Entry*>> entries;
        for (const auto& [id, entry] : shards_[s]) entries.emplace_back(&id, &entry);
        std::sort(entries.begin(), entries.end(), [&](const auto& a, const auto& b) {
            const std::uint32_t sa = a.second->used ? now : a.second->stamp;
            const std::uint32_t sb = b.second->used ? now : b.second->stamp;
            return sa != sb ? sa > sb : *a.first < *b.first;
        });
        std::string out(kMagic);
        for (const auto& [id, entry] : entries) {
            const std::size_t size = kIdBytes + 8 + entry->payload.size();
            if (out.size() + size > shard_cap) break;
            out.append(reinterpret_cast<const char*>(id->bytes.data()), kIdBytes);
            put_u32(out, entry->used ? now : entry->stamp);
            put_u32(out, static_cast<std::uint32_t>(entry->payload.size()));
            out += entry->payload;
        }
        const auto final_path = dir_ / ("shard-" + std::to_string(s));
        const auto temp_path = dir_ / ("shard-" + std::to_string(s) + ".tmp." + std::to_string(::getpid()) + "." +
                                       std::to_string(random()));
        {
            std::ofstream file(temp_path, std::ios::binary | std::ios::trunc);
            file.write(out.data(), static_cast<std::streamsize>(out.size()));
            if (!file) {
                ok = false;
                std::filesystem::remove(temp_path, ec);
                continue;
            }
        }
        std::filesystem::rename(temp_path, final_path, ec);
        if (ec) {
            ok = false;
            std::filesystem::remove(temp_path, ec);
        }
    }
    return ok;
}

} // namespace oneshot::context
