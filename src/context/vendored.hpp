// Recognising third-party code bundled in a repository by what it is, not by its folder's name: a
// copy of someone else's project (a test framework under tests/unity/, decNumber under src/)
// shares many words with a task and would otherwise compete with the project's own code.
//
// Evidence, weighed per directory (never the repository's top level):
//   - declared: `linguist-vendored` / `linguist-generated` in .gitattributes, a submodule path in
//     .gitmodules that holds tracked files: each decides alone;
//   - authorship: a licence file in the directory (or one level down) whose copyright holder is not
//     the one of the top-level licence; copyright headers naming someone else repeated across the
//     directory's source files;
//   - a project root: a README, a build manifest or a repository's dot-files (.gitignore,
//     .travis.yml, ...) of its own.
// Structure alone never suffices (the project's own packages and examples have READMEs and
// manifests too): it takes a licence that is not the project's, or a declaration.
#pragma once

#include "context/file_kind.hpp"
#include "context/source_tree.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace oneshot::context {

struct HeadText {
    std::string path;
    std::string text;   // the file's first bytes (kHeadBytes), or all of a .gitattributes / .gitmodules
};

struct VendorEvidence {
    std::vector<std::string> paths;       // every tracked path, sorted
    std::vector<HeadText> attributes;     // every .gitattributes, shallowest first
    std::string gitmodules;               // the top-level .gitmodules, or empty
    std::vector<HeadText> heads;          // the files evidence_files() asked for
};

struct VendoredRoot {
    std::string path;   // a directory (no trailing '/') or, for a .gitattributes line, one file
    FileKind kind = FileKind::vendored;   // vendored, or generated (linguist-generated)
    std::string reason;                   // for people: which evidence decided
};

// How much of each file is read for copyright lines.
inline constexpr std::size_t kHeadBytes = 2048;

// The files whose heads find_vendored weighs: top-level licences, and for each directory that
// looks like a project root, its licences and a sample of its sources. Bounded (kMaxHeadReads).
std::vector<std::string> evidence_files(const std::vector<std::string>& paths);

// The bundled roots, outermost only, sorted by path. Pure.
std::vector<VendoredRoot> find_vendored(const VendorEvidence& evidence);

// The root holding path, or nullptr. roots as find_vendored returns them.
const VendoredRoot* vendored_root_of(const std::vector<VendoredRoot>& roots, std::string_view path);

// Reads what find_vendored needs from a tree (a few dozen small reads on a typical repository).
VendorEvidence gather_vendor_evidence(const SourceTree& tree);

// The copyright holder a text names first, as lower-case words without years, punctuation or
// words such as "inc", "contributors"; empty when it names none. Exposed for tests.
std::vector<std::string> copyright_holder(std::string_view text);

} // namespace oneshot::context
