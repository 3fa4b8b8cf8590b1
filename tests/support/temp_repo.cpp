#include "support/temp_repo.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <sys/wait.h>

namespace oneshot::testing {

std::string quote(const std::string& text)
{
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

std::string shell(const std::string& command)
{
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run: " + command);
    std::string out;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("command failed: " + command + "\n" + out);
    return out;
}

TempRepo::TempRepo()
{
    std::string pattern = (std::filesystem::temp_directory_path() / "oneshot-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    root_ = pattern;
    path_ = root_ / "repo";
    shell("git init -q -b main " + quote(path_.string()));
    git("config user.name 'Test Author'");
    git("config user.email author@example.com");
    git("config commit.gpgsign false");
}

TempRepo::~TempRepo()
{
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
}

void TempRepo::write(const std::string& relative, const std::string& content)
{
    const auto file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << content;
}

std::string TempRepo::read(const std::string& relative) const
{
    std::ifstream in(path_ / relative, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string TempRepo::commit_all(const std::string& message)
{
    git("add -A");
    git("commit -q -m " + quote(message));
    std::string sha = git("rev-parse HEAD");
    while (!sha.empty() && sha.back() == '\n') sha.pop_back();
    return sha;
}

void TempRepo::copy_from(const std::filesystem::path& source)
{
    shell("cp -R " + quote(source.string()) + "/. " + quote(path_.string()));
}

std::string TempRepo::git(const std::string& args) const
{
    return shell("git -C " + quote(path_.string()) + " " + args);
}

std::string TempRepo::state_digest() const
{
    const std::string dir = quote(path_.string());
    return shell("cd " + dir + " && { git symbolic-ref -q HEAD; git rev-parse HEAD; "
                 "git stash list; "
                 "git ls-files -s; git status --porcelain=v1 --ignored --untracked-files=all; "
                 "git ls-files -z --others --cached | xargs -0 -r sha1sum 2>/dev/null; } | sha1sum");
}

int TempRepo::extra_worktrees() const
{
    const std::string list = git("worktree list --porcelain");
    int count = 0;
    for (std::size_t at = list.find("worktree "); at != std::string::npos; at = list.find("\nworktree ", at + 1)) ++count;
    return count - 1;
}

bool TempRepo::branch_exists(const std::string& name) const
{
    return !git("branch --list " + quote(name)).empty();
}

std::string TempRepo::file_at(const std::string& revision, const std::string& relative) const
{
    return git("show " + quote(revision + ":" + relative));
}

} // namespace oneshot::testing
