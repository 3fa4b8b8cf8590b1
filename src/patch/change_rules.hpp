// Which keys each action uses (design.md, "Patch document (version 1)"): the rules a strict
// structured-output schema cannot express. Shared by the JSON parser and by resolve(), so that
// documents built in code (the text answer format) pass the same checks.
#pragma once

#include "core/error.hpp"
#include "patch/document.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace oneshot::patch {

std::string_view action_name(Action action);   // the JSON spelling: "modify", "create", "delete", "rename"

// "changes[3]"
std::string change_label(std::size_t index);

// ErrorKind::patch naming the change and the field when the change's keys do not fit its action.
Status check_change_shape(const Change& change, std::size_t index);

} // namespace oneshot::patch
