// Test helpers for the patch engine: directory trees on disk as in-memory bases and as expected
// results, and a resolved patch applied to an in-memory copy of the base.
#pragma once

#include "patch/engine.hpp"
#include "patch/memory_base.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace oneshot::patch::testing {

namespace fs = std::filesystem;

struct TreeFile {
    std::string bytes;
    EntryKind kind = EntryKind::regular;
    bool operator==(const TreeFile&) const = default;
};
using Tree = std::map<std::string, TreeFile>;

inline std::string read_bytes(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Files below `root` (symlinks kept as links, executable bit as EntryKind::executable).
inline Tree load_tree(const fs::path& root)
{
    Tree tree;
    if (!fs::exists(root))
        return tree;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        const std::string rel = it->path().lexically_relative(root).generic_string();
        if (it->is_symlink()) {
            tree[rel] = {fs::read_symlink(it->path()).generic_string(), EntryKind::symlink};
        } else if (it->is_regular_file()) {
            const bool exec = (fs::status(it->path()).permissions() & fs::perms::owner_exec) != fs::perms::none;
            tree[rel] = {read_bytes(it->path()), exec ? EntryKind::executable : EntryKind::regular};
        }
    }
    return tree;
}

inline MemoryBaseFiles memory_base(const Tree& tree)
{
    MemoryBaseFiles base;
    for (const auto& [path, file] : tree)
        base.add(path, file.bytes, file.kind);
    return base;
}

inline Tree apply_ops(Tree tree, const ResolvedPatch& resolved)
{
    for (const FileOp& op : resolved.ops)
        if (op.type == FileOp::Type::remove)
            tree.erase(op.path);
    for (const FileOp& op : resolved.ops)
        if (op.type == FileOp::Type::write)
            tree[op.path] = {op.content, op.kind};
    return tree;
}

// The whole pipeline of the engine on text: parse, resolve against `tree`, apply.
inline Result<Tree> apply_document(const Tree& tree, std::string_view json_text, const ResolveOptions& options = {})
{
    auto document = parse_document(json_text);
    if (!document)
        return document.take_error();
    const MemoryBaseFiles base = memory_base(tree);
    auto resolved = resolve(*document, base, options);
    if (!resolved)
        return resolved.take_error();
    return apply_ops(tree, *resolved);
}

} // namespace oneshot::patch::testing
