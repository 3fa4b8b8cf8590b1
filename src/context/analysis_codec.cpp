#include "context/analysis_codec.hpp"

#include <algorithm>
#include <cstdint>

namespace oneshot::context {

namespace {

// 2: term hashes as a fixed-width sorted block, so a reader wanting a few terms binary-searches
// instead of decoding every delta (most of a kernel-size warm run).
constexpr std::uint8_t kFormat = 2;

void put_fixed(std::string& out, std::uint32_t v, int width)
{
    for (int k = 0; k < width; ++k) out.push_back(static_cast<char>((v >> (8 * k)) & 0xff));
}

std::uint32_t get_fixed(const char* at, int width)
{
    std::uint32_t v = 0;
    for (int k = 0; k < width; ++k) v |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(at[k])) << (8 * k);
    return v;
}

void put_varint(std::string& out, std::uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

void put_signed(std::string& out, std::int64_t v)
{
    put_varint(out, (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
}

void put_string(std::string& out, std::string_view s)
{
    put_varint(out, s.size());
    out.append(s);
}

class Reader {
public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}

    bool varint(std::uint64_t& v)
    {
        v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos_ >= bytes_.size()) return false;
            const auto b = static_cast<std::uint8_t>(bytes_[pos_++]);
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return true;
        }
        return false;
    }

    bool signed_varint(std::int64_t& v)
    {
        std::uint64_t u = 0;
        if (!varint(u)) return false;
        v = static_cast<std::int64_t>(u >> 1) ^ -static_cast<std::int64_t>(u & 1);
        return true;
    }

    bool string(std::string& s, std::size_t max = 4096)
    {
        std::uint64_t n = 0;
        if (!varint(n) || n > max || n > bytes_.size() - pos_) return false;
        s.assign(bytes_.substr(pos_, n));
        pos_ += n;
        return true;
    }

    bool u32(std::uint32_t& v)
    {
        if (bytes_.size() - pos_ < 4) return false;
        v = 0;
        for (int k = 0; k < 4; ++k) v |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes_[pos_++])) << (8 * k);
        return true;
    }

    bool byte(std::uint8_t& v)
    {
        if (pos_ >= bytes_.size()) return false;
        v = static_cast<std::uint8_t>(bytes_[pos_++]);
        return true;
    }

    const char* here() const { return bytes_.data() + pos_; }
    void skip(std::size_t n) { pos_ += n; }

    bool at_end() const { return pos_ == bytes_.size(); }
    std::size_t left() const { return bytes_.size() - pos_; }

private:
    std::string_view bytes_;
    std::size_t pos_ = 0;
};

template <class T>
bool fits_int(T v)
{
    return v <= static_cast<T>(INT32_MAX);
}

} // namespace

std::string encode_analysis(const FileAnalysis& a)
{
    std::string out;
    out.reserve(16 + a.terms.size() * 3 + a.definitions.size() * 24 + a.references.size() * 6);
    out.push_back(static_cast<char>(kFormat));
    out.push_back(static_cast<char>((a.binary ? 1 : 0) | (a.huge ? 2 : 0) | (a.parsed ? 4 : 0) | (a.generated_banner ? 8 : 0)));
    put_varint(out, static_cast<std::uint64_t>(a.lines));
    put_varint(out, static_cast<std::uint64_t>(a.tokens));
    put_varint(out, a.term_total);
    put_varint(out, a.terms.size());
    // Hashes (4 bytes each, ascending), then counts in the narrowest width that holds them all.
    std::uint32_t largest = 0;
    for (const auto& entry : a.terms) largest = std::max(largest, entry.second);
    const int width = largest <= 0xff ? 1 : largest <= 0xffff ? 2 : 4;
    out.push_back(static_cast<char>(width));
    for (const auto& entry : a.terms) put_fixed(out, entry.first, 4);
    for (const auto& entry : a.terms) put_fixed(out, entry.second, width);
    put_varint(out, a.definitions.size());
    for (const Definition& d : a.definitions) {
        put_string(out, d.name);
        put_string(out, d.kind);
        put_varint(out, static_cast<std::uint64_t>(d.first_line));
        put_varint(out, static_cast<std::uint64_t>(d.last_line - d.first_line));
        put_signed(out, d.name_line - d.first_line);
    }
    put_varint(out, a.references.size());
    int line = 0;
    for (const SymbolRef& r : a.references) {
        for (int k = 0; k < 4; ++k) out.push_back(static_cast<char>((r.name >> (8 * k)) & 0xff));
        put_signed(out, r.line - line);
        line = r.line;
    }
    return out;
}

std::optional<FileAnalysis> decode_analysis(std::string_view bytes, const std::vector<std::uint32_t>* keep_terms)
{
    if (bytes.size() < 2 || static_cast<std::uint8_t>(bytes[0]) != kFormat) return std::nullopt;
    FileAnalysis a;
    const auto flags = static_cast<std::uint8_t>(bytes[1]);
    a.binary = flags & 1;
    a.huge = flags & 2;
    a.parsed = flags & 4;
    a.generated_banner = flags & 8;
    Reader r(bytes.substr(2));
    std::uint64_t lines = 0, tokens = 0, total = 0, count = 0;
    if (!r.varint(lines) || !r.varint(tokens) || !r.varint(total) || !r.varint(count)) return std::nullopt;
    if (!fits_int(lines) || !fits_int(total) || count > r.left()) return std::nullopt;
    std::uint8_t width = 0;
    if (!r.byte(width) || (width != 1 && width != 2 && width != 4) || count * (4 + width) > r.left()) return std::nullopt;
    const char* hashes = r.here();
    const char* counts = hashes + 4 * count;
    r.skip(count * (4 + width));
    a.lines = static_cast<int>(lines);
    a.tokens = static_cast<std::int64_t>(tokens);
    a.term_total = static_cast<std::uint32_t>(total);
    auto term_at = [&](std::uint64_t i) {
        return std::make_pair(get_fixed(hashes + 4 * i, 4), get_fixed(counts + width * i, width));
    };
    if (keep_terms) {
        // A binary search per wanted term over the sorted block: nothing else is decoded.
        for (const std::uint32_t want : *keep_terms) {
            std::uint64_t lo = 0, hi = count;
            while (lo < hi) {
                const std::uint64_t mid = lo + (hi - lo) / 2;
                if (get_fixed(hashes + 4 * mid, 4) < want) lo = mid + 1;
                else hi = mid;
            }
            if (lo < count && get_fixed(hashes + 4 * lo, 4) == want) {
                const auto term = term_at(lo);
                if (!fits_int(term.second)) return std::nullopt;
                a.terms.push_back(term);
            }
        }
    } else {
        a.terms.reserve(count);
        for (std::uint64_t i = 0; i < count; ++i) {
            const auto term = term_at(i);
            if (!fits_int(term.second) || (i > 0 && term.first <= a.terms.back().first)) return std::nullopt;
            a.terms.push_back(term);
        }
    }
    if (!r.varint(count) || count > r.left()) return std::nullopt;
    a.definitions.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) {
        Definition d;
        std::uint64_t first = 0, span = 0;
        std::int64_t name_offset = 0;
        if (!r.string(d.name) || !r.string(d.kind, 64) || !r.varint(first) || !r.varint(span) || !r.signed_varint(name_offset))
            return std::nullopt;
        if (!fits_int(first) || !fits_int(span) || first + span > lines + 1) return std::nullopt;
        d.first_line = static_cast<int>(first);
        d.last_line = static_cast<int>(first + span);
        d.name_line = static_cast<int>(static_cast<std::int64_t>(first) + name_offset);
        a.definitions.push_back(std::move(d));
    }
    if (!r.varint(count) || count > r.left()) return std::nullopt;
    a.references.reserve(count);
    std::int64_t line = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        SymbolRef ref;
        std::int64_t delta = 0;
        if (!r.u32(ref.name) || !r.signed_varint(delta)) return std::nullopt;
        line += delta;
        if (line < 0 || line > static_cast<std::int64_t>(lines) + 1) return std::nullopt;
        ref.line = static_cast<int>(line);
        a.references.push_back(ref);
    }
    if (!r.at_end()) return std::nullopt;
    return a;
}

} // namespace oneshot::context
