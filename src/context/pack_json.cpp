// The contract's `context --json` shape of a pack (design.md): its own file so that the JSON edge
// can be exercised (tests/fuzz) without the context engine and its grammars.
#include "context/engine.hpp"
#include "context/file_kind.hpp"

namespace oneshot::context {

namespace {

std::string_view mode_name(ShowMode mode)
{
    switch (mode) {
    case ShowMode::full: return "full";
    case ShowMode::regions: return "regions";
    case ShowMode::outline: return "outline";
    case ShowMode::listed: return "listed";
    }
    return "listed";
}

} // namespace

nlohmann::json to_json(const ContextPack& pack)
{
    nlohmann::json files = nlohmann::json::array();
    for (const ShownFile& f : pack.files) {
        nlohmann::json regions = nullptr;
        if (f.mode == ShowMode::regions) {
            regions = nlohmann::json::array();
            for (const auto& [first, last] : f.regions) regions.push_back({first, last});
        }
        files.push_back({{"path", f.path},
                         {"mode", mode_name(f.mode)},
                         {"regions", regions},
                         {"tokens", f.tokens},
                         {"score", f.score},
                         {"why", f.why},
                         {"kind", contract_kind(f.kind)}});
    }
    nlohmann::json vendored = nlohmann::json::array();
    for (const VendoredRoot& r : pack.vendored) {
        vendored.push_back({{"path", r.path}, {"kind", r.kind == FileKind::generated ? "generated" : "vendored"}, {"reason", r.reason}});
    }
    return {{"files", files}, {"total_tokens", pack.total_tokens}, {"budget", pack.budget}, {"vendored", vendored}};
}

} // namespace oneshot::context
