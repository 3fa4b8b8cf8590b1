#include "patch/paths.hpp"

#include "patch/limits.hpp"
#include "patch/text.hpp"

#include <array>
#include <vector>

namespace oneshot::patch {

namespace {

// What a filesystem might make of a name: ASCII lower case, HFS+ ignorable code points dropped,
// anything after an NTFS stream separator ':' dropped, trailing dots and spaces dropped (NTFS).
std::string filesystem_fold(std::string_view name)
{
    static constexpr std::array<std::string_view, 16> hfs_ignorable = {
        "\xE2\x80\x8C", "\xE2\x80\x8D", "\xE2\x80\x8E", "\xE2\x80\x8F",   // U+200C..U+200F
        "\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE",   // U+202A..U+202E
        "\xE2\x81\xAA", "\xE2\x81\xAB", "\xE2\x81\xAC", "\xE2\x81\xAD", "\xE2\x81\xAE", "\xE2\x81\xAF",   // U+206A..U+206F
        "\xEF\xBB\xBF"};   // U+FEFF
    std::string out;
    for (std::size_t i = 0; i < name.size();) {
        bool skipped = false;
        for (std::string_view ignorable : hfs_ignorable) {
            if (name.substr(i, ignorable.size()) == ignorable) {
                i += ignorable.size();
                skipped = true;
                break;
            }
        }
        if (skipped)
            continue;
        const char c = name[i++];
        if (c == ':')
            break;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    while (!out.empty() && (out.back() == '.' || out.back() == ' '))
        out.pop_back();
    return out;
}

Error unsafe(std::string_view field, std::string_view raw, std::string_view why)
{
    return make_error(ErrorKind::unsafe, std::string(field) + ": unsafe path \"" + std::string(raw) + "\": " + std::string(why));
}

Error malformed(std::string_view field, std::string_view raw, std::string_view why)
{
    return make_error(ErrorKind::patch, std::string(field) + ": invalid path \"" + std::string(raw) + "\": " + std::string(why));
}

} // namespace

bool is_dot_git_component(std::string_view component)
{
    const std::string folded = filesystem_fold(component);
    return folded == ".git" || folded == "git~1";
}

bool is_git_metadata_file_name(std::string_view name)
{
    const std::string folded = filesystem_fold(name);
    return folded == ".gitmodules" || folded == ".gitattributes" || folded == ".gitignore" ||
           folded.starts_with("gitmod~");   // NTFS 8.3 name of .gitmodules
}

Result<std::string> normalize_path(std::string_view raw, std::string_view field, bool allow_git_metadata_files)
{
    const std::string shown = printable(raw);
    if (raw.empty())
        return malformed(field, shown, "empty");
    if (raw.size() > max_path_bytes)
        return malformed(field, shown, "longer than " + std::to_string(max_path_bytes) + " bytes");
    for (unsigned char c : raw) {
        if (c == 0)
            return unsafe(field, shown, "contains a NUL byte");
        if (c < 0x20 || c == 0x7F)
            return unsafe(field, shown, "contains a control character");
        if (c == '\\')
            return unsafe(field, shown, "contains a backslash (paths are '/'-separated)");
    }
    if (first_invalid_utf8(raw))
        return malformed(field, shown, "not valid UTF-8");
    if (raw.front() == '/')
        return unsafe(field, shown, "absolute (paths are relative to the repository root)");
    if (raw.size() >= 2 && raw[1] == ':' && ((raw[0] >= 'A' && raw[0] <= 'Z') || (raw[0] >= 'a' && raw[0] <= 'z')))
        return unsafe(field, shown, "starts with a drive letter");
    if (raw.back() == '/')
        return malformed(field, shown, "ends with '/' (a file path is needed)");

    std::vector<std::string_view> parts;
    std::size_t begin = 0;
    while (begin <= raw.size()) {
        std::size_t slash = raw.find('/', begin);
        if (slash == std::string_view::npos)
            slash = raw.size();
        const std::string_view part = raw.substr(begin, slash - begin);
        begin = slash + 1;
        if (part.empty() || part == ".")
            continue;
        if (part == "..")
            return unsafe(field, shown, "contains '..'");
        if (is_dot_git_component(part))
            return unsafe(field, shown, "inside the .git directory");
        if (part.size() > max_path_component_bytes)
            return malformed(field, shown, "a component is longer than " + std::to_string(max_path_component_bytes) + " bytes");
        parts.push_back(part);
    }
    if (parts.empty())
        return malformed(field, shown, "names the repository root");
    if (!allow_git_metadata_files && is_git_metadata_file_name(parts.back()))
        return unsafe(field, shown, "a file git interprets (" + std::string(parts.back()) + "); not allowed by default");

    std::string normalized;
    for (std::string_view part : parts) {
        if (!normalized.empty())
            normalized += '/';
        normalized += part;
    }
    return normalized;
}

} // namespace oneshot::patch
