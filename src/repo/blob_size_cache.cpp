#include "repo/blob_size_cache.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>

#include <unistd.h>

namespace oneshot::repo {

namespace {

constexpr std::string_view kMagic = "oneshot-blob-sizes 1\n";
constexpr std::size_t kRecord = GIT_OID_RAWSZ + 8;

std::uint64_t get_u64(const char* at)
{
    std::uint64_t v = 0;
    for (int k = 0; k < 8; ++k) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(at[k])) << (8 * k);
    return v;
}

void put_u64(std::string& out, std::uint64_t v)
{
    for (int k = 0; k < 8; ++k) out.push_back(static_cast<char>((v >> (8 * k)) & 0xff));
}

} // namespace

BlobSizeCache::BlobSizeCache(std::filesystem::path file) : file_(std::move(file))
{
    std::ifstream in(file_, std::ios::binary);
    if (!in) return;
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!data.starts_with(kMagic) || data.size() < kMagic.size() + 8) return;
    const std::uint64_t count = get_u64(data.data() + kMagic.size());
    const std::size_t body = data.size() - kMagic.size() - 8;
    if (body % kRecord != 0 || body / kRecord != count) return;
    std::vector<Entry> entries(count);
    const char* at = data.data() + kMagic.size() + 8;
    for (std::uint64_t i = 0; i < count; ++i, at += kRecord) {
        std::memcpy(entries[i].id.data(), at, GIT_OID_RAWSZ);
        entries[i].size = get_u64(at + GIT_OID_RAWSZ);
        if (i > 0 && !(entries[i - 1] < entries[i])) return;   // not strictly sorted: not ours
    }
    entries_ = std::move(entries);
}

std::optional<std::uint64_t> BlobSizeCache::find(const git_oid& id) const
{
    Entry key;
    std::memcpy(key.id.data(), id.id, GIT_OID_RAWSZ);
    auto it = std::lower_bound(entries_.begin(), entries_.end(), key);
    if (it == entries_.end() || it->id != key.id) return std::nullopt;
    return it->size;
}

bool BlobSizeCache::save(std::vector<Entry> entries) const
{
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.id == b.id; }),
                  entries.end());
    std::string out(kMagic);
    out.reserve(out.size() + 8 + entries.size() * kRecord);
    put_u64(out, entries.size());
    for (const Entry& e : entries) {
        out.append(reinterpret_cast<const char*>(e.id.data()), GIT_OID_RAWSZ);
        put_u64(out, e.size);
    }
    std::error_code ec;
    std::filesystem::create_directories(file_.parent_path(), ec);
    if (ec) return false;
    std::random_device random;
    const auto temp = file_.string() + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(random());
    {
        std::ofstream file(temp, std::ios::binary | std::ios::trunc);
        file.write(out.data(), static_cast<std::streamsize>(out.size()));
        if (!file) {
            std::filesystem::remove(temp, ec);
            return false;
        }
    }
    std::filesystem::rename(temp, file_, ec);
    if (ec) {
        std::filesystem::remove(temp, ec);
        return false;
    }
    return true;
}

} // namespace oneshot::repo
