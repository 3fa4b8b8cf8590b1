#include "cli/patch_output.hpp"

#include "core/durable.hpp"
#include "patch/mbox.hpp"
#include "patch/unified_diff.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace oneshot::cli {

namespace {

using GitDiffHandle = repo::GitDiff;

bool is_trailer_line(const std::string& line)
{
    const auto colon = line.find(": ");
    if (colon == std::string::npos || colon == 0) return false;
    for (std::size_t i = 0; i < colon; ++i) {
        const char c = line[i];
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return false;
    }
    return true;
}

patch::EntryKind kind_of(std::uint16_t mode)
{
    switch (mode) {
    case GIT_FILEMODE_BLOB_EXECUTABLE: return patch::EntryKind::executable;
    case GIT_FILEMODE_LINK: return patch::EntryKind::symlink;
    case GIT_FILEMODE_COMMIT: return patch::EntryKind::submodule;
    default: return patch::EntryKind::regular;
    }
}

Result<std::string> blob_bytes(const repo::Repository& repository, const git_oid& id)
{
    git_blob* raw = nullptr;
    if (git_blob_lookup(&raw, repository.get(), &id) != 0) return make_error(ErrorKind::internal, "cannot read a blob: " + repo::last_git_error());
    repo::GitBlob blob(raw);
    return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())), static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

Result<git_oid> parse_oid(const std::string& hex)
{
    git_oid id;
    if (hex.size() != GIT_OID_HEXSZ || git_oid_fromstrn(&id, hex.c_str(), hex.size()) != 0) {
        return make_error(ErrorKind::internal, "'" + hex + "' is not a commit id");
    }
    return id;
}

Result<std::vector<patch::FileDiff>> commit_diffs(const repo::Repository& repository, const git_oid& base, const git_oid& commit)
{
    auto old_tree = repository.commit_tree(base);
    if (!old_tree) return old_tree.take_error();
    auto new_tree = repository.commit_tree(commit);
    if (!new_tree) return new_tree.take_error();
    git_diff* raw = nullptr;
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    if (git_diff_tree_to_tree(&raw, repository.get(), old_tree->get(), new_tree->get(), &options) != 0) {
        return make_error(ErrorKind::internal, "cannot diff the commit: " + repo::last_git_error());
    }
    GitDiffHandle diff(raw);
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES;
    git_diff_find_similar(diff.get(), &find);

    std::vector<patch::FileDiff> files;
    for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
        const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
        patch::FileDiff file;
        file.old_path = delta->old_file.path;
        file.new_path = delta->new_file.path;
        if (delta->status != GIT_DELTA_ADDED) {
            auto bytes = blob_bytes(repository, delta->old_file.id);
            if (!bytes) return bytes.take_error();
            file.old_bytes = std::move(*bytes);
            file.old_kind = kind_of(delta->old_file.mode);
        }
        if (delta->status != GIT_DELTA_DELETED) {
            auto bytes = blob_bytes(repository, delta->new_file.id);
            if (!bytes) return bytes.take_error();
            file.new_bytes = std::move(*bytes);
            file.new_kind = kind_of(delta->new_file.mode);
        }
        files.push_back(std::move(file));
    }
    return files;
}

} // namespace

std::pair<std::string, std::vector<std::string>> split_trailers(const std::string& body)
{
    std::string text = body;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    const auto start = text.rfind("\n\n");
    const std::size_t from = start == std::string::npos ? 0 : start + 2;
    std::vector<std::string> trailers;
    std::size_t at = from;
    while (at <= text.size()) {
        auto end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(at, end - at);
        if (!is_trailer_line(line)) return {body, {}};
        trailers.push_back(line);
        at = end + 1;
    }
    if (trailers.empty()) return {body, {}};
    return {start == std::string::npos ? std::string() : text.substr(0, start) + "\n", trailers};
}

Result<std::string> mbox_for_commit(const repo::Repository& repository, const std::string& base_hex,
                                    const std::string& commit_hex, const std::optional<ModelInfo>& model)
{
    auto base = parse_oid(base_hex);
    if (!base) return base.take_error();
    auto commit_id = parse_oid(commit_hex);
    if (!commit_id) return commit_id.take_error();
    auto commit = repository.lookup_commit(*commit_id);
    if (!commit) return commit.take_error();
    auto files = commit_diffs(repository, *base, *commit_id);
    if (!files) return files.take_error();

    patch::MboxMessage message;
    message.commit = commit_hex;
    const git_signature* author = git_commit_author(commit->get());
    message.author_name = author->name;
    message.author_email = author->email;
    message.time = author->when.time;
    message.utc_offset_minutes = author->when.offset;
    message.summary = git_commit_summary(commit->get()) ? git_commit_summary(commit->get()) : "";
    auto [explanation, trailers] = split_trailers(git_commit_body(commit->get()) ? git_commit_body(commit->get()) : "");
    message.explanation = explanation;
    message.trailers = trailers;
    if (model) {
        const auto& u = model->usage;
        char usage[256];
        std::snprintf(usage, sizeof usage, "%lld input (%lld cached), %lld output (%lld reasoning) tokens, $%.4f",
                      static_cast<long long>(u.input_tokens), static_cast<long long>(u.cached_tokens),
                      static_cast<long long>(u.output_tokens), static_cast<long long>(u.reasoning_tokens), model->cost_usd);
        message.trailers.push_back("Model: " + model->provider + "/" + model->model);
        message.trailers.push_back(std::string("Usage: ") + usage);
    }
    message.diffstat = patch::format_diffstat(patch::diff_stats(*files));
    message.diff = patch::unified_diff(*files);
    message.signature = "git-oneshot " ONESHOT_VERSION;
    return patch::format_mbox(message);
}

Status write_output(const std::string& path, const std::string& text)
{
    if (path == "-") {
        std::cout << text;
        std::cout.flush();
        return std::cout ? Status(Ok{}) : Status(make_error(ErrorKind::internal, "cannot write the patch to stdout"));
    }
    const std::filesystem::path target = path;
    const std::filesystem::path temporary = target.string() + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush()) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            return make_error(ErrorKind::usage, "cannot write the patch to " + path);
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, target, ec);
    if (ec) {
        std::filesystem::remove(temporary, ec);
        return make_error(ErrorKind::usage, "cannot write the patch to " + path);
    }
    sync_parent_directory(target);
    return Ok{};
}

} // namespace oneshot::cli
