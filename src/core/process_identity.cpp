#include "core/process_identity.hpp"

#include <charconv>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace oneshot {

namespace {

std::string read_small_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

ProcessIdentity read_current()
{
    ProcessIdentity identity;
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) == 0) identity.host = host;
    identity.boot_id = read_small_file("/proc/sys/kernel/random/boot_id");
    identity.pid = static_cast<long>(::getpid());
    identity.start_ticks = start_ticks_of(identity.pid).value_or(0);
    return identity;
}

template <class T>
std::optional<T> number(std::string_view text)
{
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// The value of "key=" in a marker line: up to the next space.
std::optional<std::string_view> field(std::string_view text, std::string_view key)
{
    const std::string needle = " " + std::string(key) + "=";
    const auto at = text.find(needle);
    if (at == std::string_view::npos) return std::nullopt;
    const auto begin = at + needle.size();
    const auto end = text.find_first_of(" \n", begin);
    return text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
}

constexpr std::string_view kMarkerPrefix = "git-oneshot owner";

} // namespace

const ProcessIdentity& current_process_identity()
{
    static const ProcessIdentity identity = read_current();
    return identity;
}

std::string to_marker(const ProcessIdentity& identity)
{
    return std::string(kMarkerPrefix) + " host=" + identity.host + " boot=" + identity.boot_id + " pid=" + std::to_string(identity.pid) +
           " start=" + std::to_string(identity.start_ticks);
}

std::optional<ProcessIdentity> parse_marker(std::string_view text)
{
    if (!text.starts_with(kMarkerPrefix)) return std::nullopt;
    const auto host = field(text, "host");
    const auto boot = field(text, "boot");
    const auto pid = field(text, "pid");
    const auto start = field(text, "start");
    if (!host || !boot || !pid || !start || host->empty() || boot->empty()) return std::nullopt;
    ProcessIdentity identity{std::string(*host), std::string(*boot), 0, 0};
    const auto pid_value = number<long>(*pid);
    const auto start_value = number<std::uint64_t>(*start);
    if (!pid_value || !start_value || *pid_value <= 0 || *start_value == 0) return std::nullopt;
    identity.pid = *pid_value;
    identity.start_ticks = *start_value;
    return identity;
}

std::optional<std::uint64_t> parse_start_ticks(std::string_view stat_line)
{
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so count from the last ')'.
    const auto close = stat_line.rfind(')');
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view rest = stat_line.substr(close + 1);
    // After ')' come fields 3, 4, ...; start time is field 22, the 20th of them.
    for (int index = 3;; ++index) {
        const auto begin = rest.find_first_not_of(' ');
        if (begin == std::string_view::npos) return std::nullopt;
        rest.remove_prefix(begin);
        const auto end = rest.find(' ');
        const std::string_view value = rest.substr(0, end);
        if (index == 22) return number<std::uint64_t>(value);
        if (end == std::string_view::npos) return std::nullopt;
        rest.remove_prefix(end);
    }
}

std::optional<std::uint64_t> start_ticks_of(long pid)
{
    const std::string stat = read_small_file("/proc/" + std::to_string(pid) + "/stat");
    if (stat.empty()) return std::nullopt;
    return parse_start_ticks(stat);
}

OwnerState owner_state(const ProcessIdentity& owner)
{
    const ProcessIdentity& self = current_process_identity();
    if (owner.host != self.host || self.boot_id.empty()) return OwnerState::unknown;
    if (owner.boot_id != self.boot_id) return OwnerState::gone;   // same host, rebooted since
    const auto start = start_ticks_of(owner.pid);
    if (!start || *start != owner.start_ticks) return OwnerState::gone;
    return OwnerState::alive;
}

} // namespace oneshot
