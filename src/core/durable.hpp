// Making a new or renamed file's name itself survive a crash: fsync of the file covers its data,
// only an fsync of the folder covers the entry that names it.
#pragma once

#include <filesystem>

namespace oneshot {

// Best effort: fsyncs the folder holding `path`; returns false if it could not.
bool sync_parent_directory(const std::filesystem::path& path);

} // namespace oneshot
