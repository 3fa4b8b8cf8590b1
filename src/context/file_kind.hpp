// What role a file plays in a repository, decided from its path and first bytes. Ranking uses it
// so that documentation, changelogs and generated or vendored files do not crowd out code: they
// share the task's words far more often than they are where a change belongs.
#pragma once

#include <string_view>

namespace oneshot::context {

// declarations: TypeScript declaration files (.d.ts), which restate an API whose code lives
// elsewhere; they share every word of a task about that API and are rarely where it changes.
enum class FileKind { code, test, build, declarations, docs, changelog, data, generated, vendored, other };

std::string_view to_string(FileKind kind);

// generated_banner: the file's first KiB says it is generated (has_generated_banner).
FileKind classify_file(std::string_view path, bool generated_banner);

bool has_generated_banner(std::string_view head);

// How much a file of this kind may count in ranking relative to code (1.0).
double kind_weight(FileKind kind);

// The coarse kind the `context` output shows (design.md): "source", "test", "doc" (docs,
// changelogs, release notes), "build" (build and config files), "vendored" (bundled third-party
// code) or "other".
// Inline: the context JSON writer (fuzzed without the engine and its grammars) needs it.
inline std::string_view contract_kind(FileKind kind)
{
    switch (kind) {
    case FileKind::code:
    case FileKind::declarations: return "source";
    case FileKind::test: return "test";
    case FileKind::docs:
    case FileKind::changelog: return "doc";
    case FileKind::build:
    case FileKind::data: return "build";   // configs: package.json, pyproject.toml, CI YAML
    case FileKind::vendored: return "vendored";   // bundled third-party code (vendored.hpp)
    case FileKind::generated:
    case FileKind::other: return "other";
    }
    return "other";
}

// Changelogs and release notes, where a change adds an entry at the top.
bool is_changelog_path(std::string_view path);

// Build manifests that list a project's files, dependencies or modules: package.json, Cargo.toml,
// pyproject.toml, setup.cfg, go.mod, pom.xml, CMakeLists.txt, Makefile*, meson.build, build.gradle.
bool is_manifest_path(std::string_view path);

// True for files whose content is code a change could be made in (code, test, build scripts).
bool is_code_like(FileKind kind);

} // namespace oneshot::context
