// The patch engine's view of a base revision (patch::BaseFiles), read from a libgit2 tree.
#pragma once

#include "patch/base_files.hpp"
#include "repo/repository.hpp"

namespace oneshot::repo {

class GitBaseFiles final : public patch::BaseFiles {
public:
    GitBaseFiles(const Repository& repository, GitTree tree) : repository_(repository), tree_(std::move(tree)) {}

    std::optional<patch::BaseEntry> lookup(std::string_view path) const override;
    Result<std::string> read(std::string_view path) const override;

private:
    const Repository& repository_;
    GitTree tree_;
};

} // namespace oneshot::repo
