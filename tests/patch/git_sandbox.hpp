// A throwaway git repository in the system temp folder for tests that check our output against
// real git (git apply, git am). Removed when the object goes out of scope.
#pragma once

#include "patch/tree_fixture.hpp"

#include <cstdlib>
#include <fstream>
#include <string>

namespace oneshot::patch::testing {

inline std::string shell_quote(const std::string& s)
{
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

class GitSandbox {
public:
    GitSandbox()
    {
        std::string pattern = (fs::temp_directory_path() / "oneshot-patch-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            throw std::runtime_error("mkdtemp failed");
        scratch_ = pattern;
        root_ = scratch_ / "repo";
        fs::create_directories(root_);
        run("git init -q -b main . && git config user.name Base && git config user.email base@example.com && "
            "git config core.autocrlf false");
    }
    ~GitSandbox()
    {
        std::error_code ignored;
        fs::remove_all(scratch_, ignored);
    }
    GitSandbox(const GitSandbox&) = delete;
    GitSandbox& operator=(const GitSandbox&) = delete;

    const fs::path& root() const { return root_; }
    // A folder beside the repository for files that must not be inside it (patches, logs).
    const fs::path& scratch() const { return scratch_; }

    // Runs a shell command in the repository; returns its exit status. Output goes to a log file.
    int run(const std::string& command) const
    {
        const std::string full = "cd " + shell_quote(root_.string()) + " && (" + command + ") >>" +
                                 shell_quote((scratch_ / "log").string()) + " 2>&1";
        const int status = std::system(full.c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    std::string output(const std::string& command) const
    {
        const fs::path out = scratch_ / "out";
        run(command + " >" + shell_quote(out.string()));
        std::string text = read_bytes(out);
        fs::remove(out);
        return text;
    }

    void write_tree(const Tree& tree) const
    {
        for (const auto& [path, file] : tree) {
            const fs::path target = root_ / path;
            fs::create_directories(target.parent_path());
            if (file.kind == EntryKind::symlink) {
                fs::create_symlink(file.bytes, target);
                continue;
            }
            std::ofstream(target, std::ios::binary) << file.bytes;
            if (file.kind == EntryKind::executable)
                fs::permissions(target, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec, fs::perm_options::add);
        }
    }

    // The committed tree at HEAD, read back through git (bytes and modes as git stores them).
    Tree head_tree() const
    {
        Tree tree;
        const std::string listing = output("git ls-tree -r -z HEAD");
        std::size_t begin = 0;
        while (begin < listing.size()) {
            const std::size_t end = listing.find('\0', begin);
            const std::string entry = listing.substr(begin, end - begin);
            begin = end + 1;
            const std::string mode = entry.substr(0, 6);
            const std::string oid = entry.substr(12, 40);
            const std::string path = entry.substr(entry.find('\t') + 1);
            TreeFile file{output("git cat-file blob " + oid),
                          mode == "100755" ? EntryKind::executable : mode == "120000" ? EntryKind::symlink : EntryKind::regular};
            tree[path] = file;
        }
        return tree;
    }

private:
    fs::path scratch_, root_;
};

} // namespace oneshot::patch::testing
