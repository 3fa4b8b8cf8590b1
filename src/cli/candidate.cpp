#include "cli/candidate.hpp"

#include "batch/test_slots.hpp"
#include "patch/syntax_gate.hpp"

#include "cli/edit_scope.hpp"
#include "core/interrupt.hpp"
#include "patch/engine.hpp"
#include "repo/git_base_files.hpp"
#include "repo/git_handles.hpp"
#include "repo/identity.hpp"
#include "repo/language_evidence.hpp"
#include "verify/worktree.hpp"

#include <algorithm>
#include <memory>
#include <semaphore>
#include <thread>

namespace oneshot::cli {

verify::CandidateScore Candidate::score() const
{
    verify::CandidateScore score;
    score.applies = applied();
    score.diff_lines = diff_lines;
    if (tests) {
        score.tested = true;
        score.passed = tests->passed();
        score.no_new_failures = tests->comparison.no_new_failures();
        score.tests_fixed = tests->comparison.fixed.size();
        if (score.tests_fixed == 0 && tests->comparison.outcome == verify::Outcome::fixed) score.tests_fixed = 1;
    }
    return score;
}

std::size_t diff_lines(const repo::Repository& repository, const git_oid& base_commit, const git_oid& tree_id)
{
    auto base_tree = repository.commit_tree(base_commit);
    if (!base_tree) return 0;
    git_tree* raw_tree = nullptr;
    if (git_tree_lookup(&raw_tree, repository.get(), &tree_id) != 0) return 0;
    repo::GitTree tree(raw_tree);
    git_diff* raw_diff = nullptr;
    if (git_diff_tree_to_tree(&raw_diff, repository.get(), base_tree->get(), tree.get(), nullptr) != 0) return 0;
    repo::GitDiff diff(raw_diff);
    git_diff_stats* raw_stats = nullptr;
    if (git_diff_get_stats(&raw_stats, diff.get()) != 0) return 0;
    const std::unique_ptr<git_diff_stats, decltype(&git_diff_stats_free)> stats(raw_stats, git_diff_stats_free);
    return git_diff_stats_insertions(stats.get()) + git_diff_stats_deletions(stats.get());
}

std::string diff_text(const repo::Repository& repository, const git_oid& base_commit, const git_oid& tree_id)
{
    auto base_tree = repository.commit_tree(base_commit);
    if (!base_tree) return {};
    git_tree* raw_tree = nullptr;
    if (git_tree_lookup(&raw_tree, repository.get(), &tree_id) != 0) return {};
    repo::GitTree tree(raw_tree);
    git_diff* raw_diff = nullptr;
    if (git_diff_tree_to_tree(&raw_diff, repository.get(), base_tree->get(), tree.get(), nullptr) != 0) return {};
    repo::GitDiff diff(raw_diff);
    repo::GitBuf buffer;
    if (git_diff_to_buf(&buffer.buf, diff.get(), GIT_DIFF_FORMAT_PATCH) != 0) return {};
    return buffer.str();
}

void apply_candidate(Candidate& candidate, const std::string& answer_json, const repo::Repository& repository,
                     const git_oid& base, const context::ContextPack* pack,
                     const std::vector<std::pair<std::string, std::string>>& trailers, bool syntax_gate)
{
    const auto fail = [&](Error error) { candidate.error = std::move(error); };
    auto document = patch::parse_document(answer_json);
    if (!document) return fail(document.take_error());
    if (pack) {
        if (auto scope = check_edit_scope(*document, *pack); !scope) return fail(scope.take_error());
    }
    auto base_tree = repository.commit_tree(base);
    if (!base_tree) return fail(base_tree.take_error());
    repo::GitBaseFiles files(repository, std::move(base_tree.value()));
    auto resolved = patch::resolve(*document, files);
    if (!resolved) return fail(resolved.take_error());
    // The syntax gate runs before any test time is spent: new parse errors go back to the model.
    if (syntax_gate) {
        context::LanguageEvidence evidence;
        if (patch::patch_needs_language_evidence(*resolved)) {
            auto gathered = repo::language_evidence(repository, base);
            if (!gathered) return fail(gathered.take_error());
            evidence = std::move(gathered.value());
        }
        auto syntax = patch::check_patch_syntax(*resolved, files, evidence);
        if (!syntax) return fail(syntax.take_error());
        if (patch::any_refused(*syntax)) {
            const auto refused = std::count_if(syntax->begin(), syntax->end(), [](const patch::SyntaxReport& r) { return !r.ok(); });
            return fail(make_error(ErrorKind::patch, "the change introduces syntax errors in " + std::to_string(refused) + " file(s)",
                                   patch::format_syntax_reports(*syntax)));
        }
        // What the parser could not read but a macro may explain: the compiler decides; if the
        // tests fail, the repair prompt shows it.
        candidate.syntax_notes = patch::format_syntax_reports(*syntax, 20, true);
    }

    auto author = repo::identity_for(repo::Role::author, repository);
    if (!author) return fail(author.take_error());
    auto committer = repo::identity_for(repo::Role::committer, repository);
    if (!committer) return fail(committer.take_error());
    const std::string message = repo::commit_message(resolved->summary, resolved->explanation, trailers);
    auto commit = repo::write_commit(repository, base, *resolved, message, *author, *committer);
    if (!commit) return fail(commit.take_error());
    candidate.diff_lines = diff_lines(repository, base, commit->tree);
    candidate.commit = *commit;
    candidate.patch = std::move(resolved.value());
}

Status test_candidates(std::vector<Candidate*> candidates, const repo::Repository& repository, const git_oid& base,
                       const verify::VerifyOptions& options)
{
    struct Job {
        Candidate* candidate;
        verify::TestCommand command;
        verify::TestSetup setup;
        std::unique_ptr<verify::TemporaryWorktree> worktree;
        verify::TestRun run;
    };
    std::vector<Job> jobs;
    for (Candidate* candidate : candidates) {
        if (!candidate->applied()) continue;
        candidate->tests_requested = true;
        auto command = verify::test_command_for(repository, candidate->commit->commit, options.command);
        if (!command) return command.take_error();
        if (!command.value()) continue;   // nothing to run: untested
        if (interrupt_requested()) return make_error(ErrorKind::interrupted, "interrupted before the tests ran");
        auto setup = verify::test_setup_for(repository, candidate->commit->commit, **command, options);
        if (!setup) return setup.take_error();
        auto worktree = verify::TemporaryWorktree::create(repository, candidate->commit->commit);
        if (!worktree) return worktree.take_error();
        jobs.push_back(Job{candidate, **command, std::move(setup.value()), std::move(worktree.value()), {}});
    }
    // Test runs in parallel, one per core: more would only slow each run (and its timeout) down.
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    std::counting_semaphore<> slots(static_cast<std::ptrdiff_t>(std::min<std::size_t>(cores, std::max<std::size_t>(jobs.size(), 1))));
    std::vector<std::thread> threads;
    for (auto& job : jobs) {
        threads.emplace_back([&job, &slots, &options] {
            slots.acquire();
            {
                const auto batch_slot = batch::test_slots().acquire();   // a batch's bound across its tasks
                job.run = verify::run_tests_in(job.worktree->path(), job.setup.command, options.timeout_s, job.setup.sandbox);
                job.run.dependencies = job.setup.dependencies;
            }
            slots.release();
        });
    }
    for (auto& thread : threads) thread.join();
    for (auto& job : jobs) job.worktree.reset();   // removed before anything else can fail

    for (auto& job : jobs) {
        if (job.run.process.interrupted || interrupt_requested()) return make_error(ErrorKind::interrupted, "interrupted while the tests ran");
        if (job.run.process.spawn_failed) return make_error(ErrorKind::internal, "cannot start the tests: " + job.run.process.output);
    }
    for (auto& job : jobs) {
        auto verification = verify::compare_with_base(repository, base, job.candidate->commit->commit, job.command, std::move(job.run), options);
        if (!verification) return verification.take_error();
        job.candidate->tests = std::move(verification.value());
    }
    return Ok{};
}

} // namespace oneshot::cli
