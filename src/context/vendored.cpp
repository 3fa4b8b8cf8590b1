#include "context/vendored.hpp"

#include "context/attribute_rules.hpp"
#include "context/language.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

namespace oneshot::context {

namespace {

// The weights. A directory needs a licence that is not the project's (its copies of the top-level
// licence are the project's own packages), and kDecides in all: a licence naming someone else
// decides alone; a licence we cannot compare (no holder on either side) needs a README and build
// or repository files too, or copyright headers naming someone else. Chosen by what each signal
// says, not tuned on a case: someone else's name is strong, a project root's files are weak.
constexpr int kDecides = 3;
constexpr int kForeignLicence = 3;
constexpr int kUncomparedLicence = 1;
constexpr int kOwnReadme = 1;
constexpr int kOwnProjectFiles = 1;
constexpr int kForeignHeaders = 2;
// Copyright headers: sources sampled per directory, how many must name someone else, and that
// they be at least this share of the sampled files that name anyone.
constexpr std::size_t kSampledSources = 6;
constexpr std::size_t kMinForeignHeaders = 3;
constexpr double kForeignHeaderShare = 2.0 / 3.0;
// Bounds on reads: a kernel-size tree has thousands of directories with a Makefile.
constexpr std::size_t kMaxCandidates = 64;
constexpr std::size_t kMaxHeadReads = 400;
constexpr std::size_t kMaxAttributesBytes = 64 * 1024;

std::string lower(std::string_view text)
{
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view dir_of(std::string_view path)
{
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

std::string_view name_of(std::string_view path)
{
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool inside(std::string_view path, std::string_view dir)
{
    return path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/';
}

std::size_t depth(std::string_view path) { return static_cast<std::size_t>(std::count(path.begin(), path.end(), '/')); }

// LICENSE, COPYING.txt, ICU-license.html, LICENCE.md, COPYRIGHT: prose, never a source file named license.go.
bool is_licence(std::string_view name)
{
    const std::string n = lower(name);
    const auto dot = n.rfind('.');
    const std::string stem = dot == std::string::npos || dot == 0 ? n : n.substr(0, dot);
    const std::string ext = dot == std::string::npos || dot == 0 ? std::string() : n.substr(dot);
    static constexpr std::array<std::string_view, 6> kProse{"", ".txt", ".md", ".html", ".rst", ".markdown"};
    if (std::find(kProse.begin(), kProse.end(), ext) == kProse.end()) return false;
    return stem.find("licen") != std::string::npos || stem.starts_with("copying") || stem.starts_with("copyright");
}

bool is_readme(std::string_view name) { return lower(name).starts_with("readme"); }

// Files that make a directory the root of a project: a build manifest, or the dot-files of a
// repository of its own.
bool is_project_file(std::string_view name)
{
    static constexpr std::array<std::string_view, 24> kNames{
        "cmakelists.txt", "meson.build", "configure.ac", "configure", "makefile", "makefile.am", "gnumakefile",
        "package.json", "cargo.toml", "go.mod", "pyproject.toml", "setup.py", "rakefile", "build.gradle",
        "pom.xml", "composer.json", "library.json", "dune-project", ".gitignore", ".gitattributes",
        ".travis.yml", "appveyor.yml", ".editorconfig", ".clang-format"};
    const std::string n = lower(name);
    return std::find(kNames.begin(), kNames.end(), n) != kNames.end() || n.ends_with(".gemspec") ||
           n.ends_with(".podspec") || n.ends_with(".cabal");
}

bool is_source(std::string_view path) { return grammar_for_path(path) != nullptr; }

// What a directory's own files say about it.
struct DirFacts {
    std::vector<std::string> licences;   // its own, or one level down in a folder without sources
    bool readme = false;
    bool project = false;
};

// Every directory but the top level that holds a licence, README or project file; with the
// licence files of a folder that is neither code nor a project root of its own credited to its
// parent too (Unity keeps docs/license.txt).
std::map<std::string, DirFacts> directory_facts(const std::vector<std::string>& paths)
{
    std::set<std::string_view> not_just_docs;
    for (const auto& p : paths) {
        const std::string_view name = name_of(p);
        if (is_source(p) || is_readme(name) || is_project_file(name)) not_just_docs.insert(dir_of(p));
    }
    std::map<std::string, DirFacts> facts;
    for (const auto& p : paths) {
        const std::string_view dir = dir_of(p);
        if (dir.empty()) continue;
        const std::string_view name = name_of(p);
        if (dir.ends_with("/.github") || dir == ".github") {
            const std::string_view owner = dir_of(dir);
            if (!owner.empty()) facts[std::string(owner)].project = true;
            continue;
        }
        if (is_licence(name)) {
            facts[std::string(dir)].licences.push_back(p);
            const std::string_view parent = dir_of(dir);
            if (!parent.empty() && !not_just_docs.contains(dir)) facts[std::string(parent)].licences.push_back(p);
        } else if (is_readme(name)) {
            facts[std::string(dir)].readme = true;
        } else if (is_project_file(name)) {
            facts[std::string(dir)].project = true;
        }
    }
    return facts;
}

// Directories worth reading about: those with a licence, strongest structure first, at most
// kMaxCandidates.
std::vector<std::string> candidates(const std::map<std::string, DirFacts>& facts)
{
    std::vector<std::pair<int, std::string>> ranked;
    for (const auto& [dir, f] : facts) {
        if (f.licences.empty()) continue;
        const int structure = (f.readme ? 1 : 0) + (f.project ? 1 : 0);
        ranked.emplace_back(-structure, dir);
    }
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::string> out;
    for (std::size_t k = 0; k < ranked.size() && k < kMaxCandidates; ++k) out.push_back(ranked[k].second);
    return out;
}

// The sources of dir sampled for copyright headers: shallowest first, then by path.
std::vector<std::string> sampled_sources(const std::vector<std::string>& paths, std::string_view dir)
{
    std::vector<std::string> in;
    for (auto it = std::lower_bound(paths.begin(), paths.end(), std::string(dir) + "/"); it != paths.end() && inside(*it, dir); ++it) {
        if (is_source(*it)) in.push_back(*it);
    }
    std::stable_sort(in.begin(), in.end(), [](const std::string& a, const std::string& b) { return depth(a) < depth(b); });
    if (in.size() > kSampledSources) in.resize(kSampledSources);
    return in;
}

bool shares_word(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    return std::any_of(a.begin(), a.end(), [&](const std::string& w) { return std::find(b.begin(), b.end(), w) != b.end(); });
}

std::string joined(const std::vector<std::string>& words)
{
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

class Heads {
public:
    explicit Heads(const std::vector<HeadText>& heads)
    {
        for (const auto& h : heads) text_.emplace(h.path, h.text);
    }
    const std::string* find(const std::string& path) const
    {
        auto it = text_.find(path);
        return it == text_.end() ? nullptr : &it->second;
    }

private:
    std::map<std::string, std::string> text_;
};

struct OwnProject {
    std::vector<std::string> holders;         // words of the top-level licences' copyright holders
    std::vector<std::string> licence_texts;   // their heads, white space squeezed
};

// Text with runs of white space made one space: copies of a licence compare equal.
std::string squeezed(std::string_view text)
{
    std::string out;
    for (char c : text) {
        const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
        if (space && (out.empty() || out.back() == ' ')) continue;
        out.push_back(space ? ' ' : c);
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// The score of one candidate directory, with the reasons that made it.
struct Verdict {
    int score = 0;
    std::vector<std::string> reasons;
};

// What the directory's licences say: ours (a holder or the very text of a top-level licence),
// someone else's, or a licence we cannot compare; with a reason for people.
struct LicenceVerdict {
    bool ours = false;
    int score = 0;
    std::string reason;
};

LicenceVerdict weigh_licences(const std::string& dir, const DirFacts& f, const Heads& heads, const OwnProject& own)
{
    LicenceVerdict v;
    for (const auto& path : f.licences) {
        const std::string* text = heads.find(path);
        const auto holder = text ? copyright_holder(*text) : std::vector<std::string>{};
        if (text && (std::find(own.licence_texts.begin(), own.licence_texts.end(), squeezed(*text)) != own.licence_texts.end() ||
                     (!holder.empty() && shares_word(holder, own.holders)))) {
            v.ours = true;
            v.score = 0;
            v.reason.clear();
            return v;
        }
        const std::string where = path.substr(dir.size() + 1);
        if (!own.holders.empty() && !holder.empty()) {
            if (v.score < kForeignLicence) v.reason = "licence of " + joined(holder) + " (" + where + ")";
            v.score = kForeignLicence;
        } else if (v.score == 0 && !own.licence_texts.empty() && own.holders.empty() && holder.empty()) {
            // Neither side names anyone: a module of the project (gson/gson) as often as a bundle.
            continue;
        } else if (v.score == 0) {
            v.score = kUncomparedLicence;
            v.reason = "a licence of its own (" + where + ")";
        }
    }
    return v;
}

Verdict weigh(const std::string& dir, const DirFacts& f, const std::vector<std::string>& paths, const Heads& heads,
              const OwnProject& own)
{
    Verdict v;
    const LicenceVerdict licence = weigh_licences(dir, f, heads, own);
    // Without a licence that is not ours, a directory is the project's own, whatever else it has.
    if (licence.ours || licence.score == 0) return v;
    v.score += licence.score;
    v.reasons.push_back(licence.reason);
    if (f.readme) {
        v.score += kOwnReadme;
        v.reasons.push_back("its own README");
    }
    if (f.project) {
        v.score += kOwnProjectFiles;
        v.reasons.push_back("its own build or repository files");
    }
    if (own.holders.empty()) return v;
    std::size_t named = 0, foreign = 0;
    std::vector<std::string> example;
    for (const auto& path : sampled_sources(paths, dir)) {
        const std::string* text = heads.find(path);
        if (!text) continue;
        const auto holder = copyright_holder(*text);
        if (holder.empty()) continue;
        ++named;
        if (!shares_word(holder, own.holders)) {
            ++foreign;
            if (example.empty()) example = holder;
        }
    }
    if (foreign >= kMinForeignHeaders && static_cast<double>(foreign) >= kForeignHeaderShare * static_cast<double>(named)) {
        v.score += kForeignHeaders;
        v.reasons.push_back("copyright headers of " + joined(example) + " in " + std::to_string(foreign) + " of " +
                            std::to_string(named) + " sampled sources");
    }
    return v;
}

// The top-level licence files: the holders they name, and their text.
OwnProject own_project(const std::vector<std::string>& paths, const Heads& heads)
{
    OwnProject own;
    for (const auto& p : paths) {
        if (!dir_of(p).empty() || !is_licence(p)) continue;
        const std::string* text = heads.find(p);
        if (!text) continue;
        for (auto& w : copyright_holder(*text)) own.holders.push_back(std::move(w));
        own.licence_texts.push_back(squeezed(*text));
    }
    return own;
}

std::vector<std::string> submodule_paths(std::string_view gitmodules)
{
    std::vector<std::string> out;
    while (!gitmodules.empty()) {
        const std::size_t eol = gitmodules.find('\n');
        std::string_view line = gitmodules.substr(0, eol);
        gitmodules.remove_prefix(eol == std::string_view::npos ? gitmodules.size() : eol + 1);
        auto trim = [](std::string_view s) {
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
            return s;
        };
        line = trim(line);
        if (!line.starts_with("path")) continue;
        std::string_view rest = trim(line.substr(4));
        if (rest.empty() || rest.front() != '=') continue;
        std::string_view path = trim(rest.substr(1));
        while (path.starts_with("./")) path.remove_prefix(2);
        while (!path.empty() && path.back() == '/') path.remove_suffix(1);
        if (!path.empty() && path != ".") out.emplace_back(path);
    }
    return out;
}

// The paths .gitattributes declares, as the outermost directories all of whose files it marks,
// and single files elsewhere. Nothing when it marks every file: that would be the top level.
std::vector<VendoredRoot> declared_roots(const VendorEvidence& e)
{
    std::vector<AttributeRule> rules;
    for (const auto& a : e.attributes) {
        for (auto& r : parse_attribute_rules(a.path, a.text)) rules.push_back(std::move(r));
    }
    if (rules.empty()) return {};
    std::vector<std::pair<std::size_t, FileKind>> marked;
    for (std::size_t i = 0; i < e.paths.size(); ++i) {
        const AttributeVerdict v = attributes_of(rules, e.paths[i]);
        if (v.vendored.value_or(false)) marked.emplace_back(i, FileKind::vendored);
        else if (v.generated.value_or(false)) marked.emplace_back(i, FileKind::generated);
    }
    if (marked.empty() || marked.size() == e.paths.size()) return {};
    std::map<std::string_view, std::pair<std::size_t, std::map<FileKind, std::size_t>>> counts;   // dir -> files, marked by kind
    for (const auto& p : e.paths) {
        for (std::string_view d = dir_of(p); !d.empty(); d = dir_of(d)) ++counts[d].first;
    }
    for (const auto& [i, kind] : marked) {
        for (std::string_view d = dir_of(e.paths[i]); !d.empty(); d = dir_of(d)) ++counts[d].second[kind];
    }
    std::map<std::string, VendoredRoot> roots;
    for (const auto& [i, kind] : marked) {
        const std::string& path = e.paths[i];
        std::string root = path;
        // The outermost directory whose files are all marked alike.
        for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
            const auto& c = counts[std::string_view(path).substr(0, slash)];
            const auto it = c.second.find(kind);
            if (it != c.second.end() && it->second == c.first) {
                root = path.substr(0, slash);
                break;
            }
        }
        const char* attr = kind == FileKind::vendored ? "linguist-vendored" : "linguist-generated";
        roots.emplace(root, VendoredRoot{root, kind, std::string(attr) + " in .gitattributes"});
    }
    std::vector<VendoredRoot> out;
    for (auto& [path, r] : roots) out.push_back(std::move(r));
    return out;
}

} // namespace

std::vector<std::string> copyright_holder(std::string_view text)
{
    // Words of a notice that name no one.
    static constexpr std::array<std::string_view, 26> kNotNames{
        "and", "the", "by", "of", "inc", "ltd", "llc", "corp", "corporation", "contributors", "authors", "author",
        "others", "all", "rights", "reserved", "copyright", "copy", "text", "software", "is", "its",
        "developers", "team", "present", "project"};
    const std::string low = lower(text.substr(0, kHeadBytes));
    std::size_t at = 0;
    while ((at = low.find("copyright", at)) != std::string::npos) {
        at += 9;
        std::size_t eol = low.find('\n', at);
        if (eol == std::string::npos) eol = low.size();
        std::string_view rest = std::string_view(low).substr(at, eol - at);
        // A notice, not licence prose ("copyright notice", "copyright permission"): the word is
        // followed by (c), a copyright sign or a year.
        while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':' || rest.front() == '\t')) rest.remove_prefix(1);
        if (!(rest.starts_with("(c)") || rest.starts_with("\xc2\xa9") || rest.starts_with("&copy;") ||
              (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest.front())))))
            continue;
        // Placeholders and markup: "<year>", "<copyright holders>", "<p>".
        std::string plain(rest);
        for (std::size_t open; (open = plain.find('<')) != std::string::npos;) {
            const std::size_t close = plain.find('>', open);
            plain.erase(open, close == std::string::npos ? std::string::npos : close - open + 1);
        }
        std::vector<std::string> words;
        std::string word;
        auto flush = [&] {
            if (word.size() >= 2 && std::find(kNotNames.begin(), kNotNames.end(), word) == kNotNames.end()) words.push_back(word);
            word.clear();
        };
        for (char c : plain) {
            const auto u = static_cast<unsigned char>(c);
            if (std::isalpha(u) || u >= 0x80) word.push_back(c);
            else if (std::isdigit(u)) word.clear();   // years, "2007-14"
            else flush();
            // A remark after the name: "The pip developers (see AUTHORS.txt file)".
            if (words.size() >= 8 || (c == '(' && !words.empty())) break;
        }
        flush();
        if (!words.empty()) return words;
    }
    return {};
}

std::vector<std::string> evidence_files(const std::vector<std::string>& paths)
{
    std::vector<std::string> out;
    for (const auto& p : paths) {
        if (dir_of(p).empty() && is_licence(p)) out.push_back(p);
    }
    const auto facts = directory_facts(paths);
    for (const auto& dir : candidates(facts)) {
        const DirFacts& f = facts.at(dir);
        out.insert(out.end(), f.licences.begin(), f.licences.end());
        for (auto& s : sampled_sources(paths, dir)) out.push_back(std::move(s));
        if (out.size() >= kMaxHeadReads) break;
    }
    // Cut in the order of priority (top-level licences, then the strongest candidates).
    if (out.size() > kMaxHeadReads) out.resize(kMaxHeadReads);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<VendoredRoot> find_vendored(const VendorEvidence& e)
{
    std::vector<VendoredRoot> found = declared_roots(e);
    for (const auto& sub : submodule_paths(e.gitmodules)) {
        const auto it = std::lower_bound(e.paths.begin(), e.paths.end(), sub + "/");
        if (it != e.paths.end() && inside(*it, sub)) found.push_back(VendoredRoot{sub, FileKind::vendored, "a submodule path in .gitmodules"});
    }
    const Heads heads(e.heads);
    const OwnProject own = own_project(e.paths, heads);
    const auto facts = directory_facts(e.paths);
    for (const auto& dir : candidates(facts)) {
        Verdict v = weigh(dir, facts.at(dir), e.paths, heads, own);
        if (v.score < kDecides) continue;
        std::string reason = "a bundled project:";
        for (std::size_t k = 0; k < v.reasons.size(); ++k) reason += (k ? ", " : " ") + v.reasons[k];
        found.push_back(VendoredRoot{dir, FileKind::vendored, std::move(reason)});
    }
    // Outermost first; a root inside another adds nothing. Vendored wins over generated at one path.
    std::sort(found.begin(), found.end(), [](const VendoredRoot& a, const VendoredRoot& b) {
        return a.path != b.path ? a.path < b.path : a.kind == FileKind::vendored && b.kind != FileKind::vendored;
    });
    std::vector<VendoredRoot> out;
    for (auto& r : found) {
        if (vendored_root_of(out, r.path)) continue;   // out stays sorted: r sorts after all of it
        out.push_back(std::move(r));
    }
    return out;
}

const VendoredRoot* vendored_root_of(const std::vector<VendoredRoot>& roots, std::string_view path)
{
    // The path itself or one of its directories, looked up exactly: by byte order a root such as
    // "a/b-c" sorts between "a/b" and "a/b/x", so the nearest root before a path need not hold it.
    auto exact = [&](std::string_view p) -> const VendoredRoot* {
        auto it = std::lower_bound(roots.begin(), roots.end(), p, [](const VendoredRoot& r, std::string_view q) { return r.path < q; });
        return it != roots.end() && it->path == p ? &*it : nullptr;
    };
    for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
        if (const VendoredRoot* r = exact(path.substr(0, slash))) return r;
    }
    return exact(path);
}

VendorEvidence gather_vendor_evidence(const SourceTree& tree)
{
    VendorEvidence e;
    const auto& files = tree.files();
    e.paths.reserve(files.size());
    for (const auto& f : files) e.paths.push_back(f.path);
    auto read = [&](const TrackedFile& f, std::size_t limit) -> std::optional<std::string> {
        auto content = tree.read(f);
        if (!content) return std::nullopt;   // evidence is best-effort: an unreadable file says nothing
        std::string text = std::move(*content);
        if (text.size() > limit) text.resize(limit);
        return text;
    };
    std::vector<const TrackedFile*> attributes;
    for (const auto& f : files) {
        if (name_of(f.path) == ".gitattributes") attributes.push_back(&f);
        if (f.path == ".gitmodules") {
            if (auto text = read(f, kMaxAttributesBytes)) e.gitmodules = std::move(*text);
        }
    }
    std::stable_sort(attributes.begin(), attributes.end(), [](const TrackedFile* a, const TrackedFile* b) { return depth(a->path) < depth(b->path); });
    for (const TrackedFile* f : attributes) {
        if (auto text = read(*f, kMaxAttributesBytes)) e.attributes.push_back(HeadText{f->path, std::move(*text)});
    }
    for (const auto& path : evidence_files(e.paths)) {
        const auto it = std::lower_bound(files.begin(), files.end(), path, [](const TrackedFile& f, const std::string& p) { return f.path < p; });
        if (it == files.end() || it->path != path) continue;
        if (auto text = read(*it, kHeadBytes)) e.heads.push_back(HeadText{path, std::move(*text)});
    }
    return e;
}

} // namespace oneshot::context
