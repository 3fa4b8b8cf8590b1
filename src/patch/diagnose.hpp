// Why a quote was not found, short enough to send back to a model in a repair round: the region of
// the file that shares the most lines with the quote, and a line diff of the quote against it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace oneshot::patch {

// Lines are compared with surrounding whitespace ignored (the matcher tolerates it), so the diff
// shows what really differs. At most `max_lines` diff lines; empty text when nothing is close.
std::string describe_mismatch(std::string_view file_text, std::string_view search, std::size_t max_lines = 40);

} // namespace oneshot::patch
