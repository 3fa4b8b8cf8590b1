// libFuzzer target: the matching ladder on arbitrary text, quote and replacement (input split at
// the first two NUL bytes), plus the repair diagnostics. Checks what must hold whatever the input:
// an exact unique quote at a line start is replaced literally (line breaks aside), a failure names a
// reason, and an ambiguous quote lists at least two candidate lines.
#include "patch/diagnose.hpp"
#include "patch/matcher.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace oneshot::patch;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t first = input.find('\0');
    if (first == std::string_view::npos)
        return 0;
    const std::size_t second = input.find('\0', first + 1);
    if (second == std::string_view::npos)
        return 0;
    const std::string_view text = input.substr(0, first);
    const Edit edit{std::string(input.substr(first + 1, second - first - 1)), std::string(input.substr(second + 1))};
    const EditMatch match = apply_edit(text, edit);
    if (match.ok) {
        if (match.line == 0)
            std::abort();
    } else {
        if (match.reason.empty())
            std::abort();
        if (match.failure == EditMatch::Failure::ambiguous && match.candidate_lines.size() < 2)
            std::abort();
        if (match.failure == EditMatch::Failure::not_found)
            (void)describe_mismatch(text, edit.search);
    }
    return 0;
}
