#include "repo/identity.hpp"

#include <array>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <regex>

namespace oneshot::repo {

namespace {

std::optional<std::string> non_empty(std::optional<std::string> value)
{
    if (value && value->empty()) return std::nullopt;
    return value;
}

// Days since 1970-01-01 of a civil date (proleptic Gregorian), to avoid timegm's TZ dependence.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<int> parse_offset(const std::string& sign, const std::string& hours, const std::string& minutes)
{
    if (sign.empty()) return 0;   // "Z"
    const int value = std::stoi(hours) * 60 + std::stoi(minutes);
    return sign == "-" ? -value : value;
}

} // namespace

std::optional<std::pair<std::int64_t, int>> parse_git_date(const std::string& text)
{
    std::smatch m;
    static const std::regex raw(R"(^\s*@?(\d+)\s+([+-])(\d\d)(\d\d)\s*$)");
    if (std::regex_match(text, m, raw)) {
        return std::pair{std::stoll(m[1]), *parse_offset(m[2], m[3], m[4])};
    }
    static const std::regex iso(R"(^\s*(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)\s*(?:Z|([+-])(\d\d):?(\d\d))\s*$)");
    static const std::regex rfc(R"(^\s*(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d\d):(\d\d):(\d\d)\s+([+-])(\d\d)(\d\d)\s*$)");
    std::int64_t year = 0;
    unsigned month = 0, day = 0;
    int hh = 0, mm = 0, ss = 0;
    int offset = 0;
    if (std::regex_match(text, m, iso)) {
        year = std::stoll(m[1]);
        month = static_cast<unsigned>(std::stoi(m[2]));
        day = static_cast<unsigned>(std::stoi(m[3]));
        hh = std::stoi(m[4]); mm = std::stoi(m[5]); ss = std::stoi(m[6]);
        offset = m[7].matched ? *parse_offset(m[7], m[8], m[9]) : 0;
    } else if (std::regex_match(text, m, rfc)) {
        static const std::array<const char*, 12> names{"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};
        std::string name = m[2];
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (unsigned i = 0; i < names.size(); ++i) {
            if (name == names[i]) month = i + 1;
        }
        if (month == 0) return std::nullopt;
        day = static_cast<unsigned>(std::stoi(m[1]));
        year = std::stoll(m[3]);
        hh = std::stoi(m[4]); mm = std::stoi(m[5]); ss = std::stoi(m[6]);
        offset = *parse_offset(m[7], m[8], m[9]);
    } else {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return std::nullopt;
    const std::int64_t local = days_from_civil(year, month, day) * 86400 + hh * 3600 + mm * 60 + ss;
    return std::pair{local - static_cast<std::int64_t>(offset) * 60, offset};
}

Result<Identity> choose_identity(Role role, const EnvLookup& env, const ConfigLookup& config, std::int64_t now, int now_offset)
{
    const std::string upper = role == Role::author ? "AUTHOR" : "COMMITTER";
    const std::string lower = role == Role::author ? "author" : "committer";
    Identity identity;
    auto name = non_empty(env("GIT_" + upper + "_NAME"));
    if (!name) name = non_empty(config(lower + ".name"));
    if (!name) name = non_empty(config("user.name"));
    auto email = non_empty(env("GIT_" + upper + "_EMAIL"));
    if (!email) email = non_empty(config(lower + ".email"));
    if (!email) email = non_empty(config("user.email"));
    if (!email) email = non_empty(env("EMAIL"));
    if (!name || !email) {
        return make_error(ErrorKind::config,
                          "no " + lower + " identity: set user.name and user.email (git config) or GIT_" + upper + "_NAME/_EMAIL");
    }
    identity.name = *name;
    identity.email = *email;
    identity.time = now;
    identity.offset_minutes = now_offset;
    if (auto date = non_empty(env("GIT_" + upper + "_DATE"))) {
        auto parsed = parse_git_date(*date);
        if (!parsed) return make_error(ErrorKind::config, "GIT_" + upper + "_DATE is not a date git understands: " + *date);
        identity.time = parsed->first;
        identity.offset_minutes = parsed->second;
    }
    return identity;
}

Result<Identity> identity_for(Role role, const Repository& repository)
{
    const auto env = [](const std::string& key) -> std::optional<std::string> {
        const char* value = std::getenv(key.c_str());
        return value ? std::optional<std::string>(value) : std::nullopt;
    };
    const auto config = [&](const std::string& key) { return repository.config_string(key); };
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return choose_identity(role, env, config, static_cast<std::int64_t>(now), static_cast<int>(local.tm_gmtoff / 60));
}

Result<GitSignature> to_signature(const Identity& identity)
{
    git_signature* raw = nullptr;
    if (git_signature_new(&raw, identity.name.c_str(), identity.email.c_str(), identity.time, identity.offset_minutes) != 0) {
        return make_error(ErrorKind::config, "invalid identity '" + identity.name + " <" + identity.email + ">': " + last_git_error());
    }
    return GitSignature(raw);
}

} // namespace oneshot::repo
