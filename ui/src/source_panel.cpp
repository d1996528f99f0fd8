// The scenario's source, Python and C++ as tabs (a recorded program: its own
// text, editable), with a cursor per task (a marker with its number) at the
// line where the task runs or is suspended, and the running task's line lit.
#include <fmt/format.h>

#include <map>
#include <vector>

#include "editor_input.hpp"
#include "panels.hpp"
#include "python_syntax.hpp"

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

/// The colouring of the listing last drawn, kept while its text stays the same.
const std::vector<std::vector<syntax_span>>& coloured(const std::vector<std::string_view>& lines) {
    static std::vector<std::string> text;
    static std::vector<std::vector<syntax_span>> syntax;
    if (!std::equal(lines.begin(), lines.end(), text.begin(), text.end())) {
        text.assign(lines.begin(), lines.end());
        syntax = python_syntax(lines);
    }
    return syntax;
}

/// Draws a line's code at `at`, each span in its colour.
void draw_code(ImDrawList* d, ImVec2 at, std::string_view line, const std::vector<syntax_span>* spans,
               const theme_options& theme) {
    const ImU32 plain = ImGui::GetColorU32(ImGuiCol_Text);
    auto piece = [&](std::size_t from, std::size_t to, ImU32 colour) {
        if (from >= to) return;
        ImVec2 where{at.x + ImGui::CalcTextSize(line.data(), line.data() + from).x, at.y};
        d->AddText(where, colour, line.data() + from, line.data() + to);
    };
    std::size_t done = 0;
    if (spans)
        for (const syntax_span& span : *spans) {
            piece(done, span.begin, plain);
            piece(span.begin, span.end, syntax_colour(span.kind, theme));
            done = span.end;
        }
    piece(done, line.size(), plain);
}

/// The byte of `line` nearest to `x` pixels from its start (at a character's start).
std::size_t column_at(std::string_view line, float x) {
    std::size_t column = 0;
    while (column < line.size()) {
        std::size_t next = column + 1;
        while (next < line.size() && (static_cast<unsigned char>(line[next]) & 0xC0) == 0x80) ++next;
        float mid = (ImGui::CalcTextSize(line.data(), line.data() + column).x +
                     ImGui::CalcTextSize(line.data(), line.data() + next).x) / 2;
        if (x < mid) break;
        column = next;
    }
    return column;
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

/// The line (from 0) under `y`: the code's rows start at `top`.
std::size_t row_at(float y, float top, float line_height, std::size_t lines) {
    return std::min(lines - 1, std::size_t(std::max(0.0f, (y - top) / line_height)));
}

void draw_listing(app& a, listing_language language) {
    const auto& t = a.trace();
    auto& p = a.playback();
    const auto& state = a.state();
    // A recorded program's listing is its editor; the scenario's listings are read only.
    const bool editable = language == listing_language::python && a.shows_program();
    // The Python listing shows the parameters in use (main's defaults), the C++ one reads them.
    std::string python = t.origin.program.path.empty()
                             ? sim::python_listing_with(t.origin.python_listing, t.origin.parameters)
                             : t.origin.program.source;
    std::string_view text = language == listing_language::python ? std::string_view(python) : t.origin.cpp_listing;
    if (text.empty() && !editable) {
        ImGui::TextDisabled("This trace carries no %s listing.", language == listing_language::python ? "Python" : "C++");
        return;
    }
    const char* tag = language == listing_language::python ? "python" : "cpp";
    std::vector<std::string_view> lines;
    if (editable) {
        for (const std::string& line : a.editor.lines()) lines.emplace_back(line);
    } else {
        lines = split_lines(text);
    }
    // Edited since the run shown: the run's lines no longer say where its tasks are.
    const bool edited = editable && a.editor.text() != t.origin.program.source;
    // One line above the code, always there (the code does not jump when the
    // first key is typed) and short (the code needs the room).
    if (const auto& failure = a.edit_failure(); editable && failure) {
        ImGui::PushStyleColor(ImGuiCol_Text, status_text_colour(sim::task_status::failed, a.view.theme));
        ImGui::Text("%s does not run: %s", failure->line ? fmt::format("Line {}", failure->line).c_str() : "The edit",
                    failure->said.c_str());
        ImGui::PopStyleColor();
        probe().rect("edit_failure", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s\nThe run shown is the last one that did. Fix the line, then Ctrl+Enter.",
                              failure->message.c_str());
    } else if (edited) {
        ImGui::TextDisabled("Edited: Ctrl+Enter runs it");
        probe().rect("edited_note", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ctrl+Enter runs the edited text; Ctrl+S saves it to the file");
    } else if (editable) {
        ImGui::TextDisabled("Click the code to edit it");
    }
    // Which tasks sit on which line: where each last suspended or printed; a
    // task that has started but not reached such a line yet is in its coroutine's first line.
    std::map<std::uint32_t, std::vector<task_id>> cursors;
    std::uint32_t running_line = 0, followed_line = 0;
    const task_id followed = followed_task(a);
    for (std::size_t i = 0; i < state.tasks.size() && !edited; ++i) {
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

    // The line a program's error points at (a syntax error, its traceback's last own frame).
    const std::uint32_t error_line = editable ? a.editor_error_line() : 0;
    const std::string& error_text = a.edit_failure() ? a.edit_failure()->message : t.origin.program.errors;
    // The line the event at the playhead happened at (a print, a suspension).
    std::uint32_t changed_line = 0;
    if (a.position() > 0 && !edited) {
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
    float cursor_area = one_cursor * float(std::min<std::size_t>(crowd, 3)) + ImGui::CalcTextSize(crowd > 3 ? "+99 " : " ").x;
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
    const float top = ImGui::GetCursorScreenPos().y;  // the first row's, scrolled
    const float code_x = ImGui::GetCursorScreenPos().x + gutter;  // where column 0 is drawn, scrolled

    // [SECTION] the editor's input: the mouse on the code, then the keys while it has the focus
    const bool focused = editable && ImGui::IsWindowFocused();
    a.editor_focused = a.editor_focused || focused;
    static int follow_caret = 0;  // frames left to bring the caret into view (a paste's new lines count next frame)
    static bool selecting = false;  // a drag that started on the code
    if (editable) {
        const ImVec2 mouse = ImGui::GetMousePos();
        auto pointed = [&] {
            std::size_t row = row_at(mouse.y, top, line_height, lines.size());
            return text_position{row, column_at(lines[row], mouse.x - code_x)};
        };
        if (ImGui::IsWindowHovered() && mouse.x >= code_left && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
            a.editor.place(pointed(), ImGui::GetIO().KeyShift);
            if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) a.editor.select_word();
            selecting = true;
        } else if (selecting && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            if (ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
                a.editor.place(pointed(), true);
                follow_caret = 2;
            }
        } else {
            selecting = false;
        }
        if (ImGui::IsWindowHovered() && mouse.x >= code_left) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
    }
    if (focused) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::SetWindowFocus(nullptr);
        auto page = std::size_t(std::max(1.0f, ImGui::GetWindowHeight() / line_height - 1));
        if (edit_with_keyboard(a.editor, page)) follow_caret = 2;
    }
    if (editable) {  // the keys may have changed the lines: what is drawn is the text as it is now
        lines.clear();
        for (const std::string& line : a.editor.lines()) lines.emplace_back(line);
    }
    const std::vector<std::vector<syntax_span>>* syntax =
        language == listing_language::python ? &coloured(lines) : nullptr;
    const text_position caret = a.editor.caret();
    const auto [selected_from, selected_to] = a.editor.selection();
    if (editable && a.editor.has_selection())  // for scripts: where the selection is, lines from 1
        probe().rect(fmt::format("selection:{}:{}-{}:{}", selected_from.line + 1, selected_from.column,
                                 selected_to.line + 1, selected_to.column), {0, 0}, {0, 0});
    if (follow_caret > 0) {  // keep the caret in view, a few characters from the right edge
        --follow_caret;
        float y = float(caret.line) * line_height, view = ImGui::GetWindowHeight() - ImGui::GetStyle().ScrollbarSize;
        if (y < ImGui::GetScrollY()) ImGui::SetScrollY(y);
        else if (y + line_height > ImGui::GetScrollY() + view) ImGui::SetScrollY(y + line_height - view);
        std::string_view line = lines[caret.line];
        float x = ImGui::CalcTextSize(line.data(), line.data() + caret.column).x;  // from column 0
        float width = std::max(char_width, ImGui::GetWindowWidth() - gutter - char_width * 4);
        if (x < ImGui::GetScrollX()) ImGui::SetScrollX(std::max(0.0f, x - char_width * 4));
        else if (x > ImGui::GetScrollX() + width) ImGui::SetScrollX(x - width);
    }
    // Another listing (another file, a scenario; not a re-run of this one): from
    // its start, not where the last one was scrolled to.
    static std::string scrolled_listing;
    if (const std::string& listing = editable ? t.origin.program.path : t.origin.scenario; scrolled_listing != listing) {
        scrolled_listing = listing;
        ImGui::SetScrollX(0);
    }

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
        std::string_view line = lines[i];
        if (editable && i >= selected_from.line && i <= selected_to.line && selected_from != selected_to) {
            float x0 = i == selected_from.line ? ImGui::CalcTextSize(line.data(), line.data() + selected_from.column).x : 0;
            float x1 = i == selected_to.line ? ImGui::CalcTextSize(line.data(), line.data() + selected_to.column).x
                                             : ImGui::CalcTextSize(line.data(), line.data() + line.size()).x + char_width;
            d->AddRectFilled({at.x + gutter + x0, at.y}, {at.x + gutter + x1, at.y + line_height},
                             ImGui::GetColorU32(ImGuiCol_TextSelectedBg));
        }
        if (number == error_line) {
            d->AddRect(row_min, row_max, status_text_colour(sim::task_status::failed, a.view.theme), 2, 0, 3.0f);
            probe().rect(fmt::format("error_line:{}:{}", tag, number), row_min, row_max);
            if (ImGui::IsMouseHoveringRect(row_min, row_max)) ImGui::SetTooltip("%s", error_text.c_str());
            if (!followed_line && scrolled != a.position()) {
                ImGui::SetScrollHereY(0.4f);
                scrolled = a.position();
            }
        }
        if (number == a.pointed_line && language == listing_language::python && !edited) {
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
        // The code, clipped to the right of the gutter (not to its row: an underscore
        // reaches below the line height); the row's item keeps the scroll extents.
        d->PushClipRect({code_left, at.y - line_height}, {right, at.y + 2 * line_height}, true);
        draw_code(d, {at.x + gutter, at.y}, line, syntax ? &(*syntax)[i] : nullptr, a.view.theme);
        if (focused && i == caret.line) {
            float x = at.x + gutter + ImGui::CalcTextSize(line.data(), line.data() + caret.column).x;
            d->AddLine({x, at.y}, {x, at.y + line_height}, ImGui::GetColorU32(ImGuiCol_Text), 2.0f);
            probe().rect(fmt::format("caret:{}:{}", number, caret.column), {x - 1, at.y}, {x + 1, at.y + line_height});
        }
        d->PopClipRect();
        probe().rect(fmt::format("code:{}:{}", tag, number), {at.x + gutter, at.y}, {code_left, at.y + line_height});
        ImGui::Dummy({gutter + ImGui::CalcTextSize(line.data(), line.data() + line.size()).x + char_width, line_height});
        probe().rect(fmt::format("line:{}:{}", tag, number), row_min, row_max);
    }
    ImGui::PopStyleVar();
    ImGui::PopFont();
    ImGui::EndChild();
}

}  // namespace

void draw_source(app& a) {
    if (a.trace().origin.cpp_listing.empty() && a.shows_program()) {  // one listing, the editor: no tab for it
        draw_listing(a, listing_language::python);
        return;
    }
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
