#include "loopscope/sim/scenario.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace loopscope::sim {

// [SECTION] parameter_values

parameter_values::parameter_values(std::span<const parameter> parameters) {
    for (const auto& p : parameters) m_values.emplace(std::string(p.name), p.default_value);
}

double parameter_values::number(std::string_view name) const {
    auto it = m_values.find(name);
    if (it == m_values.end()) throw std::out_of_range(fmt::format("no parameter named '{}'", name));
    return it->second;
}

long parameter_values::integer(std::string_view name) const { return std::lround(number(name)); }

namespace {

/// Python's repr of a float: the shortest text that reads back the same, with ".0" when integral.
std::string python_float(double v) {
    std::string text = fmt::format("{}", v);
    if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
    return text;
}

std::string format_value(const parameter& p, double v) {
    return p.integer ? fmt::format("{}", std::lround(v)) : python_float(v);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parameter_values::as_text(
    std::span<const parameter> parameters) const {
    std::vector<std::pair<std::string, std::string>> text;
    for (const auto& p : parameters) text.emplace_back(std::string(p.name), format_value(p, number(p.name)));
    return text;
}

std::string python_listing_with(std::string_view listing,
                                const std::vector<std::pair<std::string, std::string>>& values) {
    std::string out(listing);
    std::size_t begin = out.find("async def main(");
    if (begin == std::string::npos) return out;
    std::size_t end = out.find("):", begin);
    if (end == std::string::npos) return out;
    std::string signature = out.substr(begin, end - begin);
    for (const auto& [name, value] : values) {
        // "name=<literal>" up to the next comma or the end of the signature.
        std::string key = name + "=";
        std::size_t at = signature.find(key);
        while (at != std::string::npos && at > 0 && signature[at - 1] != '(' && signature[at - 1] != ' ')
            at = signature.find(key, at + 1);
        if (at == std::string::npos) continue;
        std::size_t from = at + key.size(), to = std::min(signature.find(',', from), signature.size());
        signature.replace(from, to - from, value);
    }
    return out.replace(begin, end - begin, signature);
}

void set_parameter(const scenario& s, parameter_values& values, std::string_view assignment) {
    auto equals = assignment.find('=');
    if (equals == std::string_view::npos)
        throw input_error(fmt::format("--param '{}': expected NAME=VALUE", assignment));
    std::string_view name = assignment.substr(0, equals), text = assignment.substr(equals + 1);
    const parameter* p = s.find_parameter(name);
    if (!p) {
        std::string names;
        for (const auto& q : s.parameters) names += (names.empty() ? "" : ", ") + std::string(q.name);
        throw input_error(fmt::format("scenario '{}' has no parameter '{}'; {}", s.id, name,
                                      names.empty() ? "it takes none" : "it has: " + names));
    }
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    bool whole = ec == std::errc{} && end == text.data() + text.size() && std::isfinite(value);
    std::string range = fmt::format("{} to {}", format_value(*p, p->min), format_value(*p, p->max));
    if (!whole || (p->integer && value != std::floor(value)))
        throw input_error(fmt::format("parameter '{}' of scenario '{}' must be {} from {}; got '{}'", name, s.id,
                                      p->integer ? "an integer" : "a number", range, text));
    if (value < p->min || value > p->max)
        throw input_error(fmt::format("parameter '{}' of scenario '{}' must be from {}; got {}", name, s.id, range,
                                      text));
    values.set(name, value);
}

// [SECTION] line_map

namespace {

/// tag → line for every line ending in `<marker>@tag` (the tag is one word).
std::map<std::string, std::uint32_t, std::less<>> find_tags(std::string_view listing, std::string_view marker,
                                                              std::vector<std::string>& duplicates) {
    std::map<std::string, std::uint32_t, std::less<>> tags;
    std::uint32_t line = 0;
    for (std::size_t start = 0; start < listing.size();) {
        std::size_t end = listing.find('\n', start);
        if (end == std::string_view::npos) end = listing.size();
        std::string_view text = listing.substr(start, end - start);
        ++line;
        if (auto at = text.rfind(std::string(marker) + " @"); at != std::string_view::npos) {
            std::string tag(text.substr(at + marker.size() + 2));
            while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\r')) tag.pop_back();
            if (!tag.empty() && tag.find(' ') == std::string::npos && !tags.emplace(tag, line).second)
                duplicates.push_back(tag + " (twice)");
        }
        start = end + 1;
    }
    return tags;
}

}  // namespace

line_map::line_map(std::string_view cpp_listing, std::string_view python_listing) {
    auto cpp = find_tags(cpp_listing, "//", m_unmatched);
    auto python = find_tags(python_listing, "#", m_unmatched);
    for (const auto& [tag, line] : cpp) {
        if (auto it = python.find(tag); it != python.end())
            m_cpp_to_python.emplace(line, it->second);
        else
            m_unmatched.push_back(tag + " (C++ only)");
    }
    for (const auto& [tag, line] : python)
        if (!cpp.contains(tag)) m_unmatched.push_back(tag + " (Python only)");
}

std::uint32_t line_map::python_line(std::uint32_t cpp_line) const {
    auto it = m_cpp_to_python.find(cpp_line);
    return it == m_cpp_to_python.end() ? 0 : it->second;
}

// [SECTION] scenarios

const parameter* scenario::find_parameter(std::string_view name) const noexcept {
    for (const auto& p : parameters)
        if (p.name == name) return &p;
    return nullptr;
}

const scenario* find_scenario(std::string_view id) {
    for (const auto& s : all_scenarios())
        if (s.id == id) return &s;
    return nullptr;
}

const scenario& require_scenario(std::string_view id) {
    if (const scenario* s = find_scenario(id)) return *s;
    throw input_error(fmt::format("no scenario named '{}' (loopscope list shows them all)", id));
}

}  // namespace loopscope::sim
