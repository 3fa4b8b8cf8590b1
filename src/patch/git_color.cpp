#include "patch/git_color.hpp"

#include <array>
#include <charconv>
#include <vector>

namespace oneshot::patch {

namespace {

struct Color {
    enum class Type { none, normal, basic, bright, index256, rgb } type = Type::none;
    int value = 0;
    int r = 0, g = 0, b = 0;
};

std::optional<Color> parse_color_word(std::string_view word)
{
    static constexpr std::array<std::string_view, 8> names = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};
    if (word == "normal")
        return Color{Color::Type::normal};
    if (word == "default")
        return Color{Color::Type::basic, 9};
    bool bright = false;
    if (word.starts_with("bright")) {
        bright = true;
        word.remove_prefix(6);
    }
    for (std::size_t i = 0; i < names.size(); ++i)
        if (word == names[i])
            return Color{bright ? Color::Type::bright : Color::Type::basic, static_cast<int>(i)};
    if (bright)
        return std::nullopt;
    if (word.size() == 7 && word[0] == '#') {
        Color c{Color::Type::rgb};
        int* parts[] = {&c.r, &c.g, &c.b};
        for (int i = 0; i < 3; ++i) {
            auto [p, ec] = std::from_chars(word.data() + 1 + 2 * i, word.data() + 3 + 2 * i, *parts[i], 16);
            if (ec != std::errc{} || p != word.data() + 3 + 2 * i)
                return std::nullopt;
        }
        return c;
    }
    int n = 0;
    auto [p, ec] = std::from_chars(word.data(), word.data() + word.size(), n);
    if (ec == std::errc{} && p == word.data() + word.size() && n >= -1 && n <= 255) {
        if (n == -1)
            return Color{Color::Type::normal};
        return Color{Color::Type::index256, n};
    }
    return std::nullopt;
}

std::optional<int> parse_attribute(std::string_view word)
{
    bool negate = false;
    if (word.starts_with("no-"))
        negate = true, word.remove_prefix(3);
    else if (word.starts_with("no"))
        negate = true, word.remove_prefix(2);
    static constexpr std::array<std::pair<std::string_view, int>, 7> attributes = {
        {{"bold", 1}, {"dim", 2}, {"italic", 3}, {"ul", 4}, {"blink", 5}, {"reverse", 7}, {"strike", 9}}};
    for (const auto& [name, code] : attributes)
        if (word == name)
            return negate ? (code == 1 ? 22 : 20 + code) : code;
    return std::nullopt;
}

void append_color(std::vector<std::string>& codes, const Color& c, bool background)
{
    switch (c.type) {
    case Color::Type::none:
    case Color::Type::normal: return;
    case Color::Type::basic: codes.push_back(std::to_string((background ? 40 : 30) + c.value)); return;
    case Color::Type::bright: codes.push_back(std::to_string((background ? 100 : 90) + c.value)); return;
    case Color::Type::index256: codes.push_back(std::string(background ? "48;5;" : "38;5;") + std::to_string(c.value)); return;
    case Color::Type::rgb:
        codes.push_back(std::string(background ? "48;2;" : "38;2;") + std::to_string(c.r) + ";" + std::to_string(c.g) + ";" +
                        std::to_string(c.b));
        return;
    }
}

} // namespace

std::optional<std::string> parse_git_color(std::string_view value)
{
    std::vector<std::string> attribute_codes;
    Color fg, bg;
    int colors_seen = 0;
    std::size_t i = 0;
    while (i < value.size()) {
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t'))
            ++i;
        std::size_t end = i;
        while (end < value.size() && value[end] != ' ' && value[end] != '\t')
            ++end;
        if (end == i)
            break;
        std::string word(value.substr(i, end - i));
        for (char& ch : word)
            if (ch >= 'A' && ch <= 'Z')
                ch = static_cast<char>(ch - 'A' + 'a');
        i = end;
        if (word == "plain" || word == "reset")
            continue;
        if (auto color = parse_color_word(word)) {
            if (colors_seen == 0)
                fg = *color;
            else if (colors_seen == 1)
                bg = *color;
            else
                return std::nullopt;
            ++colors_seen;
            continue;
        }
        if (auto attribute = parse_attribute(word)) {
            attribute_codes.push_back(std::to_string(*attribute));
            continue;
        }
        return std::nullopt;
    }
    std::vector<std::string> codes = attribute_codes;
    append_color(codes, fg, false);
    append_color(codes, bg, true);
    if (codes.empty())
        return std::string();
    std::string out = "\033[";
    for (std::size_t k = 0; k < codes.size(); ++k)
        out += (k ? ";" : "") + codes[k];
    return out + "m";
}

} // namespace oneshot::patch
