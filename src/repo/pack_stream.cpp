#include "repo/pack_stream.hpp"

#include <openssl/evp.h>
#include <zlib.h>

#include <climits>

namespace oneshot::repo {

namespace {

void append_be32(std::string& out, std::uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

// The object header: type in bits 4-6 of the first byte, the size in 4 bits there and then 7 bits
// per byte, least significant first; the top bit says another byte follows.
void append_object_header(std::string& out, git_object_t type, std::size_t size)
{
    unsigned char byte = static_cast<unsigned char>((static_cast<unsigned>(type) << 4) | (size & 0x0f));
    size >>= 4;
    while (size != 0) {
        out.push_back(static_cast<char>(byte | 0x80));
        byte = static_cast<unsigned char>(size & 0x7f);
        size >>= 7;
    }
    out.push_back(static_cast<char>(byte));
}

bool append_deflated(std::string& out, std::string_view data)
{
    if (data.size() > UINT_MAX) return false;
    z_stream stream{};
    if (deflateInit(&stream, Z_BEST_SPEED) != Z_OK) return false;
    const std::size_t start = out.size();
    out.resize(start + deflateBound(&stream, static_cast<uLong>(data.size())));
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + start);
    stream.avail_out = static_cast<uInt>(out.size() - start);
    const int status = deflate(&stream, Z_FINISH);
    const std::size_t written = stream.total_out;
    deflateEnd(&stream);
    out.resize(start + written);
    return status == Z_STREAM_END;
}

} // namespace

Result<std::string> encode_pack(const std::vector<PackObject>& objects)
{
    std::string out = "PACK";
    append_be32(out, 2);
    append_be32(out, static_cast<std::uint32_t>(objects.size()));
    for (const auto& object : objects) {
        append_object_header(out, object.type, object.data.size());
        if (!append_deflated(out, object.data)) return make_error(ErrorKind::internal, "zlib cannot compress an object for the pack");
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_size = 0;
    if (EVP_Digest(out.data(), out.size(), digest, &digest_size, EVP_sha1(), nullptr) != 1 || digest_size != 20) {
        return make_error(ErrorKind::internal, "OpenSSL cannot compute the pack's SHA-1 trailer");
    }
    out.append(reinterpret_cast<const char*>(digest), digest_size);
    return out;
}

} // namespace oneshot::repo
