#include "verify/child_env.hpp"

#include <algorithm>
#include <array>
#include <cctype>

extern char** environ;

namespace oneshot::verify {

namespace {

// Values shorter than this are not searched for in text: they would match everywhere.
constexpr std::size_t kMinRedactedLength = 8;

std::string upper(std::string_view text)
{
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// '*' matches any run of characters; iterative, so no recursion depth depends on the input.
bool glob_match(std::string_view pattern, std::string_view text)
{
    std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

bool any_match(const std::vector<std::string>& patterns, const std::string& name_upper)
{
    return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return glob_match(upper(p), name_upper); });
}

std::vector<std::string> segments(const std::string& name)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t end = std::min(name.find('_', start), name.size());
        if (end > start) parts.push_back(name.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

} // namespace

EnvPolicy parse_env_policy(std::string_view text)
{
    EnvPolicy policy;
    std::string word;
    const auto flush = [&] {
        if (word.empty()) return;
        if (word[0] == '+') {
            if (word.size() > 1) policy.allow.push_back(word.substr(1));
        } else if (word[0] == '-') {
            if (word.size() > 1) policy.deny.push_back(word.substr(1));
        } else {
            policy.deny.push_back(word);
        }
        word.clear();
    };
    for (char c : text) {
        if (c == ' ' || c == ',' || c == '\t' || c == '\n') flush();
        else word += c;
    }
    flush();
    return policy;
}

bool looks_secret(std::string_view raw_name)
{
    const std::string name = upper(raw_name);
    // Whole names: agent sockets hand out signing power; the provider variables are ours.
    static constexpr std::array<std::string_view, 6> exact = {"SSH_AUTH_SOCK", "GPG_AGENT_INFO", "ONESHOT_API_KEY",
                                                              "NETRC", "KRB5CCNAME", "GIT_ASKPASS"};
    if (std::find(exact.begin(), exact.end(), name) != exact.end()) return true;
    // Cloud SDKs keep several secrets under one prefix; none of their variables is needed by tests.
    for (std::string_view prefix : {"AWS_", "AZURE_", "GOOGLE_APPLICATION_CREDENTIALS"}) {
        if (name.rfind(prefix, 0) == 0) return true;
    }
    // Anywhere in the name: these words are only ever used for secrets.
    for (std::string_view word : {"SECRET", "PASSWORD", "PASSWD", "PASSPHRASE", "CREDENTIAL", "APIKEY", "API_KEY", "PRIVATE_KEY", "ACCESS_KEY"}) {
        if (name.find(word) != std::string::npos) return true;
    }
    // As a whole word of the name: TOKEN (GITHUB_TOKEN, NPM_TOKEN) but not TOKENIZERS_PARALLELISM;
    // a last word KEY (STRIPE_KEY) but not KEYBOARD_LAYOUT; AUTH (NPM_CONFIG__AUTH).
    const auto parts = segments(name);
    for (const auto& part : parts) {
        if (part == "TOKEN" || part == "TOKENS" || part == "AUTH" || part == "AUTHTOKEN" || part == "PAT") return true;
    }
    return !parts.empty() && parts.back() == "KEY" && parts.size() > 1;
}

bool passes(std::string_view name, const EnvPolicy& policy)
{
    const std::string name_upper = upper(name);
    if (any_match(policy.allow, name_upper)) return true;
    if (any_match(policy.deny, name_upper)) return false;
    return !looks_secret(name);
}

std::vector<std::string> scrub_environment(const std::vector<std::string>& entries, const EnvPolicy& policy)
{
    std::vector<std::string> kept;
    for (const auto& entry : entries) {
        const auto eq = entry.find('=');
        if (eq == std::string::npos || eq == 0) continue;
        if (passes(std::string_view(entry).substr(0, eq), policy)) kept.push_back(entry);
    }
    return kept;
}

std::vector<std::string> secret_values(const std::vector<std::string>& entries, const EnvPolicy& policy)
{
    std::vector<std::string> values;
    for (const auto& entry : entries) {
        const auto eq = entry.find('=');
        if (eq == std::string::npos || eq == 0) continue;
        std::string value = entry.substr(eq + 1);
        if (value.size() >= kMinRedactedLength && !passes(std::string_view(entry).substr(0, eq), policy)) values.push_back(std::move(value));
    }
    // Longest first, so a key that contains another is replaced whole.
    std::sort(values.begin(), values.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

std::string redact(std::string text, const std::vector<std::string>& secrets)
{
    static constexpr std::string_view kMark = "[REDACTED]";
    for (const auto& secret : secrets) {
        if (secret.empty()) continue;
        for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + kMark.size())) {
            text.replace(at, secret.size(), kMark);
        }
    }
    return text;
}

std::vector<std::string> current_environment()
{
    std::vector<std::string> entries;
    for (char** entry = environ; entry && *entry; ++entry) entries.emplace_back(*entry);
    return entries;
}

} // namespace oneshot::verify
