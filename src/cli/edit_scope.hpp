// The prompt promises the model may only change files it was shown; this holds it to that. A file
// the model never saw cannot be edited knowingly, so such a change is refused as unsafe.
#pragma once

#include "context/engine.hpp"
#include "core/error.hpp"
#include "patch/document.hpp"

namespace oneshot::cli {

// Delete, and rename without edits or content, need the file listed by the context (any mode);
// modify and rename with edits need it shown verbatim (full or regions) or outlined; replacing a
// whole existing file's content needs it shown in full. Creating new files is always in scope.
Status check_edit_scope(const patch::Document& document, const context::ContextPack& pack);

} // namespace oneshot::cli
