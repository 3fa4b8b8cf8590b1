#include "patch/path_fold.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace oneshot::patch {

std::string collision_key(std::string_view path)
{
    // ICU over a hand-written table: case folding and normalisation data change with every Unicode
    // version, and ICU carries them (Debian's libicu-dev).
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || !nfc) return std::string(path);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(path.data(), static_cast<int32_t>(path.size())));
    // NFC first (folding works on composed characters as well as decomposed ones, but a second
    // NFC after folding is what makes the result canonical: folding can decompose, e.g. U+0130).
    icu::UnicodeString folded = nfc->normalize(text, status);
    if (U_FAILURE(status)) return std::string(path);
    folded.foldCase();
    folded = nfc->normalize(folded, status);
    if (U_FAILURE(status)) return std::string(path);
    std::string out;
    folded.toUTF8String(out);
    return out;
}

} // namespace oneshot::patch
