// The scenario's source, Python and C++ as tabs (a recorded program: its own
// text), with a cursor per task (a marker with its number) at the line where
// the task runs or is suspended, and the running task's line lit.
#include <fmt/format.h>

#include <map>
#include <vector>

#include "panels.hpp"

namespace loopscope::ui {

namespace {

enum class listing_language { python, cpp };

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start <= text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        if (start == text.size() && end == start) break;  // no empty line after a final newline
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

/// The line of `coroutine`'s definition ("countdown('A', 3)" -> "async def
/// countdown(" or "coro<> countdown("): where a task that has not reached a
/// located line yet is running. 0 when not found.
std::uint32_t definition_line(const std::vector<std::string_view>& lines, std::string_view coroutine,
                              listing_language language) {
    std::string name(coroutine.substr(0, coroutine.find('(')));
    if (name.empty()) return 0;
    std::string python = "async def " + name + "(", cpp = " " + name + "(";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        bool found = language == listing_language::python
                         ? line.find(python) != std::string_view::npos
                         : line.rfind("coro<", 0) == 0 && line.find(cpp) != std::string_view::npos;
        if (found) return std::uint32_t(i + 1);
    }
    return 0;
}

/// The task a student follows at the playhead: the running one, else the
/// last one that stepped (0: none yet).
task_id followed_task(app& a) {
    if (task_id running = a.state().running) return running;
    const auto& t = a.trace();
    for (std::size_t k = std::min(a.position(), t.size()); k-- > 0;)
        if (t[k].kind == sim::event_kind::step_end) return t[k].task;
    return 0;
}

void draw_listing(app& a, listing_language language) {
    const auto& t = a.trace();
    auto& p = a.playback();
    const auto& state = a.state();
    // The Python listing shows the parameters in use (main's defaults), the C++ one reads them;
    // a recorded program shows its own text.
    std::string python = t.origin.program.path.empty()
                             ? sim::python_listing_with(t.origin.python_listing, t.origin.parameters)
                             : t.origin.program.source;
    std::string_view text = language == listing_language::python ? std::string_view(python) : t.origin.cpp_listing;
    if (text.empty()) {
        ImGui::TextDisabled("This trace carries no %s listing.", language == listing_language::python ? "Python" : "C++");
        return;
    }
    const char* tag = language == listing_language::python ? "python" : "cpp";
    auto lines = split_lines(text);
    // Which tasks sit on which line: where each last suspended or printed; a
    // task that has started but not reached such a line yet is in its coroutine's first line.
    std::map<std::uint32_t, std::vector<task_id>> cursors;
    std::uint32_t running_line = 0, followed_line = 0;
    const task_id followed = followed_task(a);
    for (std::size_t i = 0; i < state.tasks.size(); ++i) {
        const auto& task = state.tasks[i];
        if (sim::is_terminal(task.state) || task.state == sim::task_status::created) continue;
        std::uint32_t line = language == listing_language::python ? p.python_line(task.line) : p.cpp_line(task.line);
        const sim::task_record* record = t.find_task(task_id(i + 1));
        if (task.line == 0 && record) line = definition_line(lines, t.strings[record->coroutine], language);
        if (line == 0) continue;
        cursors[line].push_back(task_id(i + 1));
        if (state.running == task_id(i + 1)) running_line = line;
        if (followed == task_id(i + 1)) followed_line = line;
    }

    // The line a recorded program's error points at (a syntax error, its traceback's last own frame).
    const std::uint32_t error_line = language == listing_language::python ? t.origin.program.error_line() : 0;
    // The line the event at the playhead happened at (a print, a suspension).
    std::uint32_t changed_line = 0;
    if (a.position() > 0) {
        const sim::event& e = t[a.position() - 1];
        if (e.kind == sim::event_kind::output || e.kind == sim::event_kind::step_end)
            changed_line = language == listing_language::python ? p.python_line(e.b()) : p.cpp_line(e.b());
    }
    ImGui::BeginChild(tag, {0, 0}, false, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::PushFont(current_fonts().mono);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {0, 0});  // rows touch: each is one line high
    float line_height = ImGui::GetTextLineHeightWithSpacing();
    float cursor_size = ImGui::GetFontSize() * 1.1f;
    // Room left of the line numbers for the cursors of the most crowded line, up to three and a "+N".
    std::size_t crowd = 1;
    for (const auto& [line, ids] : cursors) crowd = std::max(crowd, ids.size());
    std::string widest_id = fmt::format("{}", state.tasks.size());
    float one_cursor = cursor_size + ImGui::CalcTextSize(widest_id.c_str()).x + 2;
    float cursor_area = one_cursor * float(std::min<std::size_t>(crowd, 3)) + ImGui::CalcTextSize(crowd > 3 ? "+99 " : "  ").x;
    std::string widest_number = fmt::format("{} ", lines.size());
    float gutter = cursor_area + ImGui::CalcTextSize(widest_number.c_str()).x;
    ImDrawList* d = ImGui::GetWindowDrawList();
    // The gutter (cursors, line numbers) stays put; the code scrolls sideways
    // under it, so a narrow panel at presenter sizes can still show a deeply
    // indented line next to its cursors.
    // Where the rows start with no sideways scroll: a child window without a border has no padding.
    const float left = ImGui::GetCursorScreenPos().x + ImGui::GetScrollX();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowWidth();
    const float code_left = left + gutter;
    const float char_width = ImGui::CalcTextSize(" ").x;
    // When the playhead moves, bring the followed task's line into view: at
    // presenter sizes the listing shows only a few lines.
    static std::size_t scrolled_for[2] = {SIZE_MAX, SIZE_MAX};
    std::size_t& scrolled = scrolled_for[language == listing_language::python ? 0 : 1];
    static std::uint32_t pointed_scrolled = 0;  // the pointed line brought into view once
    if (!a.pointed_line) pointed_scrolled = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto number = std::uint32_t(i + 1);
        ImVec2 at = ImGui::GetCursorScreenPos();  // moves left as the code scrolls
        ImVec2 row_min{left, at.y}, row_max{right, at.y + line_height};
        if (number == running_line) {  // lit right of the cursors, which keep the window's background
            d->AddRectFilled({left + cursor_area, at.y}, row_max, ImGui::GetColorU32(ImGuiCol_Header));
            probe().rect(fmt::format("running_line:{}", tag), row_min, row_max);
        }
        if (number == error_line) {
            d->AddRect(row_min, row_max, status_text_colour(sim::task_status::failed, a.view.theme), 2, 0, 3.0f);
            probe().rect(fmt::format("error_line:{}:{}", tag, number), row_min, row_max);
            if (ImGui::IsMouseHoveringRect(row_min, row_max)) ImGui::SetTooltip("%s", t.origin.program.errors.c_str());
            if (!followed_line && scrolled != a.position()) {
                ImGui::SetScrollHereY(0.4f);
                scrolled = a.position();
            }
        }
        if (number == a.pointed_line && language == listing_language::python) {
            d->AddRect(row_min, row_max, accent_colour(a.view.theme.dark), 2, 0, 3.0f);
            probe().rect(fmt::format("pointed_line:{}:{}", tag, number), row_min, row_max);
            if (pointed_scrolled != number) {
                ImGui::SetScrollHereY(0.4f);
                pointed_scrolled = number;
            }
        }
        if (number == changed_line) {
            d->AddRect(row_min, row_max, accent_colour(a.view.theme.dark), 2, 0, 2.0f);
            probe().rect(fmt::format("changed_line:{}", tag), row_min, row_max);
        }
        if (number == followed_line && scrolled != a.position()) {
            ImGui::SetScrollHereY(0.4f);
            // Sideways only when the line's code would start too far right to
            // read: then from its first character.
            std::string_view line = lines[i];
            float indent = float(std::min(line.find_first_not_of(' '), line.size())) * char_width;
            bool readable = indent + char_width * 16 <= right - code_left;
            ImGui::SetScrollX(readable ? 0 : std::max(0.0f, indent - char_width * 2));
            scrolled = a.position();
        }
        if (auto it = cursors.find(number); it != cursors.end()) {
            const auto& ids = it->second;
            float x = left, limit = left + cursor_area;
            for (std::size_t k = 0; k < ids.size(); ++k) {
                std::string n = fmt::format("{}", ids[k]);
                float w = cursor_size + ImGui::CalcTextSize(n.c_str()).x + 2;
                // When the rest do not fit, say how many more sit on this line.
                std::string more = fmt::format("+{}", ids.size() - k);
                bool last = k + 1 == ids.size();
                if (x + w + (last ? 0 : ImGui::CalcTextSize(more.c_str()).x) > limit) {
                    d->AddText({x, at.y}, ImGui::GetColorU32(ImGuiCol_Text), more.c_str());
                    probe().rect(fmt::format("cursor_more:{}:{}", tag, number), {x, at.y},
                                 {x + ImGui::CalcTextSize(more.c_str()).x, at.y + line_height});
                    break;
                }
                ImVec2 c{x + cursor_size / 2, at.y + line_height / 2};
                float r = cursor_size * 0.45f;
                // The running task's marker is the accent; the others are the text colour.
                ImU32 colour = ids[k] == state.running ? accent_colour(a.view.theme.dark) : ImGui::GetColorU32(ImGuiCol_Text);
                d->AddTriangleFilled({c.x - r, c.y - r}, {c.x + r, c.y}, {c.x - r, c.y + r}, colour);
                probe().rect(fmt::format("cursor:{}:{}", tag, ids[k]), {c.x - r, c.y - r}, {c.x + r, c.y + r});
                d->AddText({x + cursor_size, at.y}, colour, n.c_str());
                x += w;
            }
            if (ImGui::IsMouseHoveringRect({left, at.y}, {limit, at.y + line_height})) {
                std::string names;
                for (task_id id : ids) names += fmt::format("{}{}", names.empty() ? "" : "\n", lane_label(a, id));
                ImGui::SetTooltip("%s", names.c_str());
            }
        }
        std::string shown_number = fmt::format("{:>{}}", number, widest_number.size() - 1);
        d->AddText({left + cursor_area, at.y}, ImGui::GetColorU32(ImGuiCol_TextDisabled), shown_number.c_str());
        // The code, clipped to the right of the gutter; the row's item keeps the scroll extents.
        d->PushClipRect({code_left, at.y}, row_max, true);
        d->AddText({at.x + gutter, at.y}, ImGui::GetColorU32(ImGuiCol_Text), lines[i].data(), lines[i].data() + lines[i].size());
        d->PopClipRect();
        probe().rect(fmt::format("code:{}:{}", tag, number), {at.x + gutter, at.y}, {code_left, at.y + line_height});
        ImGui::Dummy({gutter + ImGui::CalcTextSize(lines[i].data(), lines[i].data() + lines[i].size()).x, line_height});
        probe().rect(fmt::format("line:{}:{}", tag, number), row_min, row_max);
    }
    ImGui::PopStyleVar();
    ImGui::PopFont();
    ImGui::EndChild();
}

}  // namespace

void draw_source(app& a) {
    if (ImGui::BeginTabBar("##listings", ImGuiTabBarFlags_FittingPolicyScroll)) {
        bool python = ImGui::BeginTabItem("Python");
        probe_control("Python");
        if (python) {
            draw_listing(a, listing_language::python);
            ImGui::EndTabItem();
        }
        if (!a.trace().origin.cpp_listing.empty()) {  // a Python program has no C++ twin
            bool cpp = ImGui::BeginTabItem("C++");
            probe_control("C++");
            if (cpp) {
                draw_listing(a, listing_language::cpp);
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
}

}  // namespace loopscope::ui
