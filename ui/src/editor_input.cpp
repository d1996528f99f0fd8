#include "editor_input.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <string>

namespace loopscope::ui {

namespace {

std::vector<typed_input> g_typed;

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

}  // namespace

void record_typing(GLFWwindow* window) {
    glfwSetKeyCallback(window, [](GLFWwindow*, int key, int, int action, int mods) {
        if (action != GLFW_RELEASE) g_typed.push_back({key, mods, 0});
    });
    glfwSetCharCallback(window, [](GLFWwindow*, unsigned int c) { g_typed.push_back({0, 0, c}); });
}

const std::vector<typed_input>& typed_this_frame() { return g_typed; }

void forget_typing() { g_typed.clear(); }

bool apply_key(edit_buffer& buffer, int key, int mods, std::size_t page_lines) {
    const bool shift = mods & GLFW_MOD_SHIFT, ctrl = mods & GLFW_MOD_CONTROL;
    auto move = [&](caret_motion plain, caret_motion with_ctrl) {
        buffer.move(ctrl ? with_ctrl : plain, shift, page_lines);
        return true;
    };
    switch (key) {
        case GLFW_KEY_LEFT: return move(caret_motion::left, caret_motion::word_left);
        case GLFW_KEY_RIGHT: return move(caret_motion::right, caret_motion::word_right);
        case GLFW_KEY_UP: return move(caret_motion::up, caret_motion::up);
        case GLFW_KEY_DOWN: return move(caret_motion::down, caret_motion::down);
        case GLFW_KEY_HOME: return move(caret_motion::line_start, caret_motion::text_start);
        case GLFW_KEY_END: return move(caret_motion::line_end, caret_motion::text_end);
        case GLFW_KEY_PAGE_UP: return move(caret_motion::page_up, caret_motion::page_up);
        case GLFW_KEY_PAGE_DOWN: return move(caret_motion::page_down, caret_motion::page_down);
        case GLFW_KEY_BACKSPACE: buffer.erase_backward(); return true;
        case GLFW_KEY_DELETE: buffer.erase_forward(); return true;
        case GLFW_KEY_TAB: shift ? buffer.dedent() : buffer.indent(); return true;
        case GLFW_KEY_ENTER:
        case GLFW_KEY_KP_ENTER:
            if (ctrl) return false;  // the window's: run the edited text
            buffer.new_line();
            return true;
        default: break;
    }
    if (!ctrl) return false;
    switch (key) {
        case GLFW_KEY_Z: shift ? buffer.redo() : buffer.undo(); return true;
        case GLFW_KEY_Y: buffer.redo(); return true;
        case GLFW_KEY_A: buffer.select_all(); return true;
        case GLFW_KEY_C:
            if (buffer.has_selection()) ImGui::SetClipboardText(buffer.selected_text().c_str());
            return true;
        case GLFW_KEY_X:
            if (buffer.has_selection()) ImGui::SetClipboardText(buffer.cut().c_str());
            return true;
        case GLFW_KEY_V:
            if (const char* pasted = ImGui::GetClipboardText()) buffer.insert(pasted);
            return true;
        default: return false;
    }
}

bool edit_with_keyboard(edit_buffer& buffer, std::size_t page_lines) {
    const std::size_t revision = buffer.revision();
    const text_position caret = buffer.caret();
    for (const typed_input& typed : typed_this_frame()) {
        if (typed.key) {
            apply_key(buffer, typed.key, typed.mods, page_lines);
        } else if (typed.character >= 0x20 && typed.character != 0x7F) {  // Tab and Enter come as keys
            buffer.insert(utf8(typed.character));  // a character at a time: the buffer groups words for undo
        }
    }
    forget_typing();
    ImGui::GetIO().InputQueueCharacters.resize(0);  // taken: nothing else reads them this frame
    return buffer.revision() != revision || buffer.caret() != caret;
}

}  // namespace loopscope::ui
