// The text answer format (--answer-format text): code travels in delimited blocks instead of
// escaped JSON strings, and is converted into the patch document's JSON text (design.md, "Patch
// document (version 1)"), so both encodings go through the same validation.
//
// Grammar: marker lines start at column 0 with "@@@ " and a keyword; every other line is content.
// A block's text is its lines up to the next marker, each with its newline (so a text always ends
// in a newline; an empty block is the empty text). Lines before "@@@ summary" are ignored.
//
//   @@@ summary                one line follows: the commit subject
//   @@@ explanation            text follows: the commit body
//   @@@ modify PATH            then one or more pairs of:
//   @@@ search                   text quoted exactly from the file
//   @@@ replace                  its new text
//   @@@ write PATH             text follows: the whole new content of an existing file
//   @@@ create PATH            text follows: the whole content of a new file
//   @@@ delete PATH
//   @@@ rename PATH NEW_PATH   optionally followed by search/replace pairs
//   @@@ end                    required last line (a missing end means the answer was cut)
//
// A JSON patch document is accepted as well (a model that ignores the requested format).
#pragma once

#include "core/error.hpp"

#include <string>
#include <string_view>

namespace oneshot::model {

// The patch document JSON text, or ErrorKind::patch with every problem found, one per line, each
// naming its line number: the text for the follow-up request that asks for a corrected answer.
Result<std::string> text_answer_to_document(std::string_view answer);

// How to write the format, for the prompt's return-format section.
std::string_view text_answer_instructions();

} // namespace oneshot::model
