#pragma once
// The keys of a code editor, applied to an edit_buffer: typing, the arrows
// (with Shift to select, Ctrl by words), Home/End, Page Up/Down, Backspace,
// Delete, Enter (keeping the indent), Tab/Shift+Tab, Ctrl+Z/Y, Ctrl+A/C/X/V.
// Ctrl+Enter and Ctrl+S are the window's (run, save) and are left alone.
#include <cstddef>

#include "edit_buffer.hpp"

namespace loopscope::ui {

/// Applies this frame's keys and typed characters to `buffer`; `page_lines`:
/// the lines Page Up/Down move. True when the caret moved or the text changed
/// (bring the caret into view).
bool edit_with_keyboard(edit_buffer& buffer, std::size_t page_lines);

}  // namespace loopscope::ui
