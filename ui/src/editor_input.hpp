#pragma once
// The keys of a code editor, applied to an edit_buffer: typing, the arrows
// (with Shift to select, Ctrl by words), Home/End, Page Up/Down, Backspace,
// Delete, Enter (keeping the indent), Tab/Shift+Tab, Ctrl+Z/Y, Ctrl+A/C/X/V.
// Ctrl+Enter and Ctrl+S are the window's (run, save) and are left alone.
//
// Keys are taken from GLFW's callbacks, every press and repeat in the order
// typed, with the characters between them: ImGui 1.86 sees only which keys
// are down when a frame starts, so a press and release between two frames
// (a quick typist, a slow frame) would be lost, and Backspace typed after a
// letter could be applied before it.
#include <cstddef>
#include <vector>

#include "edit_buffer.hpp"

struct GLFWwindow;

namespace loopscope::ui {

/// A key pressed (or repeated by the keyboard) or a character typed.
struct typed_input {
    int key = 0;                 ///< GLFW_KEY_..., 0 for a character
    int mods = 0;                ///< GLFW_MOD_SHIFT, GLFW_MOD_CONTROL, ...
    unsigned int character = 0;  ///< the Unicode code point typed, 0 for a key
};

/// Installs the callbacks that record what is typed; before ImGui's backend
/// installs its own, which then pass each event on to these.
void record_typing(GLFWwindow* window);
/// What was typed since the window last called forget_typing (each frame).
[[nodiscard]] const std::vector<typed_input>& typed_this_frame();
void forget_typing();

/// Applies one key press to `buffer`; `page_lines`: how far Page Up/Down go.
/// False when the key is not an editing key.
bool apply_key(edit_buffer& buffer, int key, int mods, std::size_t page_lines);

/// Applies what was typed this frame to `buffer`. True when the caret moved
/// or the text changed (bring the caret into view).
bool edit_with_keyboard(edit_buffer& buffer, std::size_t page_lines);

}  // namespace loopscope::ui
