#include "layout_settings.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <variant>

#include "loopscope/sim/atomic_file.hpp"

namespace loopscope::ui {

namespace {

/// Every remembered setting, by the name it has in the file (V: view_options, const or not).
template <class V>
auto fields(V& v) {
    auto& s = v.sizes;
    using field = std::variant<decltype(&s.right_width), decltype(&v.show_loop)>;
    return std::vector<std::pair<const char*, field>>{{"right_width", &s.right_width},         {"timeline_height", &s.timeline_height},
            {"console_width", &s.console_width},     {"loop_height", &s.loop_height},
            {"source_height", &s.source_height},     {"console_on_right", &s.console_on_right},
            {"show_scenario_row", &v.show_scenario_row}, {"show_loop", &v.show_loop},
            {"show_source", &v.show_source},         {"show_console", &v.show_console},
            {"show_tasks", &v.show_tasks}};
}

std::string trim(std::string_view text) {
    auto begin = text.find_first_not_of(" \t\r"), end = text.find_last_not_of(" \t\r");
    return begin == std::string_view::npos ? std::string() : std::string(text.substr(begin, end - begin + 1));
}

}  // namespace

std::filesystem::path layout_settings_path() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "loopscope" / "layout.ini";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".config" / "loopscope" / "layout.ini";
    return {};
}

std::vector<std::string> load_layout(const std::filesystem::path& file, view_options& view) {
    std::vector<std::string> problems;
    std::ifstream in(file);
    if (!in) return problems;
    auto known = fields(view);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        std::string text = trim(line);
        if (text.empty() || text[0] == '#') continue;
        auto where = fmt::format("{}:{}", file.filename().string(), number);
        auto equals = text.find('=');
        if (equals == std::string::npos) {
            problems.push_back(fmt::format("{}: expected 'name = value'; got '{}'", where, text));
            continue;
        }
        std::string name = trim(std::string_view(text).substr(0, equals));
        std::string value = trim(std::string_view(text).substr(equals + 1));
        auto field = std::find_if(known.begin(), known.end(), [&](const auto& f) { return name == f.first; });
        if (field == known.end()) {
            problems.push_back(fmt::format("{}: unknown setting '{}'", where, name));
            continue;
        }
        if (auto* flag = std::get_if<bool*>(&field->second)) {
            if (value == "true" || value == "false")
                **flag = value == "true";
            else
                problems.push_back(fmt::format("{}: {} must be true or false; got '{}'", where, name, value));
            continue;
        }
        char* end = nullptr;
        float number_value = std::strtof(value.c_str(), &end);
        // timeline_height may be -1: "fit the lanes".
        float low = name == "timeline_height" ? -1.0f : 0.0f;
        if (value.empty() || *end != '\0' || !(number_value >= low && number_value <= 1))
            problems.push_back(fmt::format("{}: {} must be a number from {} to 1; got '{}'", where, name, low, value));
        else
            *std::get<float*>(field->second) = number_value;
    }
    return problems;
}

void save_layout(const std::filesystem::path& file, const view_options& view) {
    std::string text = "# Loopscope's window layout (View -> Reset layout puts it back)\n";
    for (const auto& [name, field] : fields(view)) {
        if (auto* flag = std::get_if<const bool*>(&field))
            text += fmt::format("{} = {}\n", name, **flag ? "true" : "false");
        else
            text += fmt::format("{} = {:.4f}\n", name, *std::get<const float*>(field));
    }
    std::filesystem::create_directories(file.parent_path());
    sim::write_file_atomically(file, text);
}

}  // namespace loopscope::ui
