// The lints so far, each a link to its event, the selected task's await chain
// (a program's: each frame a link to its line), the program's asyncio objects
// (objects_view.cpp), and every task at the playhead
// (id, what-if "cancel here", coroutine, status, awaiting, result, parent,
// where created). Columns fit their content as it changes; the task and its
// what-if stay in view when the table scrolls sideways.
#include <fmt/format.h>

#include "panels.hpp"

namespace loopscope::ui {

namespace {

void text(std::string_view s) { ImGui::TextUnformatted(s.data(), s.data() + s.size()); }

void draw_created_at(app& a, task_id id, const sim::task_record& record) {
    const auto& t = a.trace();
    auto& p = a.playback();
    sim::creation_site site = p.created_from(id);
    std::uint32_t py = p.python_line(site.at), cc = p.cpp_line(site.at);
    std::string through = site.through ? fmt::format(", in {}", t.strings[site.through]) : "";
    if (py) {
        ImGui::Text("line %u%s", py, through.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("C++ listing: line %u", cc);
    } else if (cc) {
        ImGui::Text("C++ line %u%s", cc, through.c_str());
    } else if (!record.parent && !t.origin.scenario.empty()) {
        ImGui::TextDisabled("asyncio.run()");  // the scenario's main task
    } else if (site.at) {
        const sim::location& at = t.locations[site.at];
        std::string file(t.strings[at.file]);
        ImGui::TextDisabled("%s:%u%s", file.substr(file.rfind('/') + 1).c_str(), at.line, through.c_str());
    }
}

void draw_task_table(app& a) {
    const auto& t = a.trace();
    const auto& state = a.state();
    const sim::event* last = a.position() > 0 ? &t[a.position() - 1] : nullptr;
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
    // The table fills what the lints above it leave, and scrolls.
    if (!ImGui::BeginTable("##tasks", 7, flags, {0, 0})) return;
    ImGui::TableSetupScrollFreeze(2, 1);
    // Fixed and not resizable: each column fits what it shows, frame after frame.
    const ImGuiTableColumnFlags fit = ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoResize;
    for (const char* name : {"task", "what-if", "coroutine", "state", "awaiting / result", "parent", "created at"})
        ImGui::TableSetupColumn(name, fit);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(int(state.tasks.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            auto id = task_id(i + 1);
            const auto& view = state.tasks[std::size_t(i)];
            const auto* record = t.find_task(id);
            ImGui::PushID(i);
            ImGui::TableNextRow();
            if (last && last->task == id)  // the task the event at the playhead changed
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImGuiCol_HeaderActive));
            else if (id == a.selected_task)
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImGuiCol_Header));
            ImGui::TableNextColumn();
            if (ImGui::Selectable(task_name(a, id).c_str(), id == a.selected_task)) a.selected_task = id;
            probe_control("task", id);
            if (last && last->task == id) probe().rect("changed:task_row", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
            ImGui::TableNextColumn();
            if ((a.scenario() || a.shows_program()) && !sim::is_terminal(view.state)) {
                if (ImGui::SmallButton("cancel here"))
                    a.request([id](app& to) { to.cancel_at_playhead(id); });  // re-runs: not while the table draws
                probe_control("cancel here", id);
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip("What if %s were cancelled now? Runs it again with task.cancel() "
                                      "posted to the loop at this event.", task_name(a, id).c_str());
            }
            ImGui::TableNextColumn();
            if (record) text(t.strings[record->coroutine]);
            ImGui::TableNextColumn();
            std::string_view status = sim::to_string(view.state);
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(status_text_colour(view.state, a.view.theme)), "%.*s%s",
                               int(status.size()), status.data(),
                               view.cancel_requested && !sim::is_terminal(view.state) ? " (cancelling)" : "");
            ImGui::TableNextColumn();
            if (view.detail && view.state != sim::task_status::running && view.state != sim::task_status::scheduled)
                text(shown_text(a, view.detail));
            ImGui::TableNextColumn();
            if (record && record->parent) text(task_name(a, record->parent));
            ImGui::TableNextColumn();
            if (record) draw_created_at(a, id, *record);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

/// The selected task's await chain at the playhead (a recorded program's): its
/// coroutine first, down to what it waits on, flowing onto more lines as the
/// panel needs, then the variables of each of the program's frames. A frame in
/// the program's own file is a link to its line.
void draw_await_chain(app& a) {
    const task_id id = a.selected_task;
    if (!id) return;
    const auto chain = a.playback().await_chain(a.position(), id);
    if (chain.empty()) return;
    const auto& t = a.trace();
    ImGui::TextDisabled("%s waits in", task_name(a, id).c_str());
    for (std::size_t i = 0; i < chain.size(); ++i) {
        const std::string_view function = t.strings[chain[i].frame->a];
        const std::uint32_t line = a.playback().python_line(chain[i].frame->b());  // 0: asyncio's own code
        const std::string label = line ? fmt::format("{} line {}", function, line) : std::string(function);
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(label.c_str()).x + ImGui::GetFontSize() * 2)
            ImGui::NewLine();
        ImGui::PushID(int(i));
        if (line) {
            if (ImGui::SmallButton(label.c_str())) a.pointed_line = line;
            probe_control(fmt::format("frame {}", i + 1));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show line %u in the Source panel", line);
        } else {
            ImGui::TextDisabled("%s", label.c_str());
        }
        ImGui::PopID();
        if (i + 1 < chain.size()) {
            ImGui::SameLine();
            ImGui::TextDisabled(">");
        }
    }
    // Each program frame's variables, as reprlib shortened them when the step ended.
    for (const auto& frame : chain) {
        if (frame.locals.empty()) continue;
        std::string shown = fmt::format("{}:", t.strings[frame.frame->a]);
        for (const sim::event* local : frame.locals)
            shown += fmt::format("  {} = {}", t.strings[local->a], t.strings[local->b()]);
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(shown.c_str());
        ImGui::PopTextWrapPos();
        probe().rect(fmt::format("locals:{}", t.strings[frame.frame->a]), ImGui::GetItemRectMin(),
                     ImGui::GetItemRectMax());
    }
}

/// The lints found so far (and, unless the future is hidden, those to come,
/// greyed), wrapped, in at most two lines' height that scroll: the table
/// under them keeps the panel.
void draw_lints(app& a) {
    auto& p = a.playback();
    const auto& t = a.trace();
    std::size_t so_far = p.lints_before(a.position());
    bool hide_future = a.view.reveal_as_you_step;
    std::size_t shown = hide_future ? so_far : p.lints().size();
    if (hide_future)
        ImGui::Text("Lints (%zu so far)", so_far);
    else
        ImGui::Text("Lints (%zu so far, %zu in the run)", so_far, p.lints().size());
    if (shown == 0) {
        ImGui::SameLine();
        ImGui::TextDisabled(hide_future ? "none so far" : "none: no forgotten await, no blocking call, no deadlock");
        return;
    }
    float lines = float(std::min<std::size_t>(shown, 2));
    ImGui::BeginChild("##lints", {0, ImGui::GetTextLineHeightWithSpacing() * lines * 1.5f});
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& l = p.lints()[i];
        std::string_view kind = sim::to_string(l.kind);
        std::string label = fmt::format("t={:.3f}  {}: {}", t.time_at(l.event), kind, l.message);
        ImGui::PushID(int(i));
        if (i >= so_far) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        if (wrapped_selectable(label, false)) a.seek(l.event + 1);
        probe_control(fmt::format("lint {}", i + 1));
        if (i >= so_far) ImGui::PopStyleColor();
        ImGui::PopID();
    }
    ImGui::EndChild();
}

}  // namespace

void draw_tasks(app& a) {
    draw_lints(a);
    draw_await_chain(a);
    draw_asyncio_objects(a);
    draw_task_table(a);
}

}  // namespace loopscope::ui
