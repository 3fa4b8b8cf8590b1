// The syntax gate's speed on a 50-file patch, as a ratio against a baseline measured in the same
// run: one plain tree-sitter parse of each file's old and new version (what any gate must at
// least do). Files come from a checkout of a real repository, spread over its parsable sources;
// each gets a one-line edit. Built with ONESHOT_BENCH=ON. Usage: gate_bench DIR [FILES] [RUNS]
// The same source builds against an older tree without language evidence: its ratio then measures
// that tree's gate, so "before" and "after" are comparable.
#include "context/language.hpp"
#include "context/ts_handles.hpp"
#include "patch/syntax_gate.hpp"
#if __has_include("context/header_language.hpp")
#include "context/header_language.hpp"
#define GATE_BENCH_EVIDENCE 1
#endif

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace oneshot;

namespace {

using Clock = std::chrono::steady_clock;

struct Edited {
    std::string path;
    std::string old_text;
    std::string new_text;
    const context::Grammar* grammar;
};

double ms(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double, std::milli>(b - a).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// A one-line edit in the middle of the file (a blank line inserted), which keeps the file exactly
// as valid as it was: the gate's work is the same as for a real edit there.
std::string edit(const std::string& text)
{
    const std::size_t at = text.find('\n', text.size() / 2);
    if (at == std::string::npos) return text + "\n";
    return text.substr(0, at + 1) + "\n" + text.substr(at + 1);
}

std::string slurp(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: gate_bench DIR [FILES] [RUNS]\n");
        return 2;
    }
    const std::filesystem::path root = argv[1];
    const std::size_t want = argc > 2 ? static_cast<std::size_t>(std::max(1, std::atoi(argv[2]))) : 50;
    const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 15;
    std::vector<std::string> all;   // every file, for the evidence a run gathers from the tree
    std::vector<std::pair<std::string, std::filesystem::path>> parsable;
    for (auto it = std::filesystem::recursive_directory_iterator(root); it != std::filesystem::recursive_directory_iterator(); ++it) {
        if (it->is_directory() && it->path().filename() == ".git") {
            it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file()) continue;
        const std::string path = std::filesystem::relative(it->path(), root).generic_string();
        all.push_back(path);
        const auto size = it->file_size();
        if (size >= 1000 && size <= 60'000 && context::grammar_for_path(path)) parsable.emplace_back(path, it->path());
    }
    std::sort(parsable.begin(), parsable.end());
    std::vector<Edited> files;
    const std::size_t step = std::max<std::size_t>(1, parsable.size() / want);
    for (std::size_t i = 0; i < parsable.size() && files.size() < want; i += step) {
        std::string content = slurp(parsable[i].second);
        files.push_back({parsable[i].first, content, edit(content), context::grammar_for_path(parsable[i].first)});
    }
    std::size_t bytes = 0;
    for (const auto& f : files) bytes += f.old_text.size() + f.new_text.size();
    std::printf("checkout %s: %zu files, %zu KiB (old + new), %d runs\n", argv[1], files.size(), bytes / 1024, runs);

    std::vector<double> baseline_ms, gate_ms, ratios;
    std::size_t refused = 0;
    for (int run = 0; run < runs; ++run) {
        const auto t0 = Clock::now();
        for (const Edited& f : files) {
            for (const std::string* text : {&f.old_text, &f.new_text}) {
                context::TsParser parser(ts_parser_new());
                ts_parser_set_language(parser.get(), f.grammar->language());
                context::TsTree parsed(ts_parser_parse_string(parser.get(), nullptr, text->data(), static_cast<uint32_t>(text->size())));
                if (!parsed) return 1;
            }
        }
        const auto t1 = Clock::now();
        refused = 0;
#ifdef GATE_BENCH_EVIDENCE
        // What a run does when the patch has headers: the tree's evidence, once per patch.
        context::LanguageEvidence evidence;
        for (const std::string& path : all) context::note_source_path(evidence, path);
        for (const Edited& f : files) refused += !patch::check_syntax(f.path, f.old_text, f.new_text, evidence).ok();
#else
        for (const Edited& f : files) refused += !patch::check_syntax(f.path, f.old_text, f.new_text).ok();
#endif
        const auto t2 = Clock::now();
        baseline_ms.push_back(ms(t0, t1));
        gate_ms.push_back(ms(t1, t2));
        ratios.push_back(ms(t1, t2) / ms(t0, t1));
    }
    std::printf("baseline (2 plain parses/file)  median %8.2f ms\n", median(baseline_ms));
    std::printf("syntax gate                     median %8.2f ms   (%zu of %zu files refused)\n", median(gate_ms), refused, files.size());
    std::printf("ratio gate / baseline           median %8.3f\n", median(ratios));
    return 0;
}
