#include "editor_input.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <string>

namespace loopscope::ui {

namespace {

/// A typed character as UTF-8.
std::string utf8(unsigned int c) {
    std::string out;
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
    return out;
}

bool pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); }

}  // namespace

bool edit_with_keyboard(edit_buffer& buffer, std::size_t page_lines) {
    ImGuiIO& io = ImGui::GetIO();
    const std::size_t revision = buffer.revision();
    const text_position caret = buffer.caret();
    const bool shift = io.KeyShift, ctrl = io.KeyCtrl;
    struct motion_key {
        ImGuiKey key;
        caret_motion plain, with_ctrl;
    };
    for (auto [key, plain, with_ctrl] : {
             motion_key{ImGuiKey_LeftArrow, caret_motion::left, caret_motion::word_left},
             motion_key{ImGuiKey_RightArrow, caret_motion::right, caret_motion::word_right},
             motion_key{ImGuiKey_UpArrow, caret_motion::up, caret_motion::up},
             motion_key{ImGuiKey_DownArrow, caret_motion::down, caret_motion::down},
             motion_key{ImGuiKey_Home, caret_motion::line_start, caret_motion::text_start},
             motion_key{ImGuiKey_End, caret_motion::line_end, caret_motion::text_end},
             motion_key{ImGuiKey_PageUp, caret_motion::page_up, caret_motion::page_up},
             motion_key{ImGuiKey_PageDown, caret_motion::page_down, caret_motion::page_down}})
        if (pressed(key)) buffer.move(ctrl ? with_ctrl : plain, shift, page_lines);
    if (pressed(ImGuiKey_Backspace)) buffer.erase_backward();
    if (pressed(ImGuiKey_Delete)) buffer.erase_forward();
    if (!ctrl && (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter))) buffer.new_line();
    if (pressed(ImGuiKey_Tab)) shift ? buffer.dedent() : buffer.indent();
    if (ctrl) {
        if (ImGui::IsKeyPressed(GLFW_KEY_Z)) shift ? buffer.redo() : buffer.undo();
        if (ImGui::IsKeyPressed(GLFW_KEY_Y)) buffer.redo();
        if (ImGui::IsKeyPressed(GLFW_KEY_A, false)) buffer.select_all();
        if (ImGui::IsKeyPressed(GLFW_KEY_C, false) && buffer.has_selection())
            ImGui::SetClipboardText(buffer.selected_text().c_str());
        if (ImGui::IsKeyPressed(GLFW_KEY_X, false) && buffer.has_selection())
            ImGui::SetClipboardText(buffer.cut().c_str());
        if (ImGui::IsKeyPressed(GLFW_KEY_V)) {
            if (const char* pasted = ImGui::GetClipboardText()) buffer.insert(pasted);
        }
    } else {
        std::string typed;
        for (ImWchar c : io.InputQueueCharacters)
            if (c >= 0x20 && c != 0x7F) typed += utf8(c);  // Tab and Enter come as keys
        for (std::size_t i = 0; i < typed.size();) {  // a character at a time: the buffer groups words for undo
            std::size_t n = 1;
            while (i + n < typed.size() && (static_cast<unsigned char>(typed[i + n]) & 0xC0) == 0x80) ++n;
            buffer.insert(std::string_view(typed).substr(i, n));
            i += n;
        }
    }
    io.InputQueueCharacters.resize(0);  // taken: nothing else reads them this frame
    return buffer.revision() != revision || buffer.caret() != caret;
}

}  // namespace loopscope::ui
