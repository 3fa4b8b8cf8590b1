#include "patch/file_edit.hpp"

#include "patch/diagnose.hpp"
#include "patch/text.hpp"

namespace oneshot::patch {

namespace {

std::string join_lines(const std::vector<std::size_t>& lines)
{
    std::string out;
    const std::size_t shown = std::min<std::size_t>(lines.size(), 20);
    for (std::size_t i = 0; i < shown; ++i)
        out += (i ? ", " : "") + std::to_string(lines[i]);
    if (lines.size() > shown)
        out += " and " + std::to_string(lines.size() - shown) + " more";
    return out;
}

bool all_breaks_crlf(std::string_view text)
{
    std::size_t breaks = 0;
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1), ++breaks)
        if (i == 0 || text[i - 1] != '\r')
            return false;
    return breaks > 0;
}

} // namespace

Status check_patch_text(std::string_view text, std::string_view field)
{
    if (looks_binary(text))
        return make_error(ErrorKind::patch, std::string(field) + ": contains a NUL byte (binary content cannot be written by a patch document)");
    if (auto bad = first_invalid_utf8(text))
        return make_error(ErrorKind::patch, std::string(field) + ": not valid UTF-8 at byte " + std::to_string(*bad));
    return Ok{};
}

Status check_base_text(std::string_view base, std::string_view where, std::string_view path)
{
    if (looks_binary(base))
        return make_error(ErrorKind::patch, std::string(where) + ".path: " + std::string(path) + " is a binary file; it cannot be edited as text");
    if (auto bad = first_invalid_utf8(base))
        return make_error(ErrorKind::patch, std::string(where) + ".path: " + std::string(path) +
                                                " is not valid UTF-8 (byte " + std::to_string(*bad) +
                                                "); refusing to rewrite it rather than risk mangling it");
    return Ok{};
}

std::string keep_file_conventions(std::string_view base, std::string content)
{
    if (all_breaks_crlf(base) && content.find('\r') == std::string::npos)
        content = lf_to_crlf(content);
    if (base.starts_with(utf8_bom) && !std::string_view(content).starts_with(utf8_bom))
        content.insert(0, utf8_bom);
    return content;
}

Result<EditedFile> apply_edits(std::string_view base, const std::vector<Edit>& edits, std::string_view where,
                               std::string_view path)
{
    if (auto ok = check_base_text(base, where, path); !ok)
        return ok.take_error();
    const bool bom = base.starts_with(utf8_bom);
    std::string text(bom ? base.substr(utf8_bom.size()) : base);
    EditedFile result;
    for (std::size_t k = 0; k < edits.size(); ++k) {
        const std::string field = std::string(where) + ".edits[" + std::to_string(k) + "]";
        if (auto ok = check_patch_text(edits[k].search, field + ".search"); !ok)
            return ok.take_error();
        if (auto ok = check_patch_text(edits[k].replace, field + ".replace"); !ok)
            return ok.take_error();
        EditMatch match = apply_edit(text, edits[k]);
        if (!match.ok) {
            const std::string after = k > 0 ? " (line numbers after the earlier edits of this file)" : "";
            std::string message = field + ".search: ";
            std::string detail;
            switch (match.failure) {
            case EditMatch::Failure::ambiguous:
                message += "ambiguous in " + std::string(path) + ": " + match.reason + ", at lines " +
                           join_lines(match.candidate_lines) + after + "; quote more lines so that it identifies one place";
                break;
            case EditMatch::Failure::blank_search:
                message += "invalid for " + std::string(path) + ": " + match.reason;
                break;
            case EditMatch::Failure::indentation:
                message += "not applied to " + std::string(path) + ": " + match.reason + after;
                detail = describe_mismatch(text, edits[k].search);
                break;
            default:
                message += "not found in " + std::string(path) + ": " + match.reason + after;
                detail = describe_mismatch(text, edits[k].search);
                break;
            }
            return make_error(ErrorKind::patch, std::move(message), std::move(detail));
        }
        text = std::move(match.text);
        result.tiers.push_back(match.tier);
    }
    result.bytes = bom ? std::string(utf8_bom) + text : std::move(text);
    return result;
}

} // namespace oneshot::patch
