#pragma once
// The text of the program being edited, as the editor panel changes it: its
// lines, the caret and the selection, the edits the usual keys make, and
// undo/redo. Nothing here draws or reads keys: the source panel maps ImGui's
// input onto these calls, so the rules are tested without a window.
#include <compare>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace loopscope::ui {

/// A place in the text: a line (from 0) and a byte offset in it, always at
/// the start of a UTF-8 character.
struct text_position {
    std::size_t line = 0, column = 0;
    friend auto operator<=>(const text_position&, const text_position&) = default;
};

/// How the caret moves.
enum class caret_motion {
    left, right, word_left, word_right, up, down, line_start, line_end, page_up, page_down, text_start, text_end
};

class edit_buffer {
public:
    /// Spaces a Tab inserts and Shift+Tab removes: PEP 8's indent.
    static constexpr std::size_t indent_width = 4;

    /// Replaces the whole text (a program opened): caret at the start, no
    /// undo history, and this text is the saved one.
    void set_text(std::string_view text);
    [[nodiscard]] std::string text() const;
    [[nodiscard]] const std::vector<std::string>& lines() const noexcept { return m_lines; }
    /// Counts every change, so that a view can tell whether the text moved on.
    [[nodiscard]] std::size_t revision() const noexcept { return m_revision; }
    /// The text differs from the one last set or saved.
    [[nodiscard]] bool modified() const { return text() != m_saved; }
    void mark_saved() { m_saved = text(); }

    // [SECTION] caret and selection
    [[nodiscard]] text_position caret() const noexcept { return m_caret; }
    [[nodiscard]] bool has_selection() const noexcept { return m_anchor != m_caret; }
    /// The selection's start and end, in text order (equal: none).
    [[nodiscard]] std::pair<text_position, text_position> selection() const noexcept;
    [[nodiscard]] std::string selected_text() const;
    /// Moves the caret; with `select`, the selection's other end stays.
    void move(caret_motion motion, bool select, std::size_t page_lines = 20);
    /// Puts the caret at `at` (clamped to the text, at a character's start).
    void place(text_position at, bool select);
    /// Selects the word (letters, digits, underscores) at the caret.
    void select_word();
    void select_all();

    // [SECTION] edits (each replaces the selection)
    /// Inserts typed or pasted text; '\n' starts new lines as it is.
    void insert(std::string_view text);
    /// Enter: a new line indented as this one, one level more after a ':'.
    void new_line();
    /// Tab: spaces to the next indent stop; with lines selected, indents them.
    void indent();
    /// Shift+Tab: removes one indent level from the caret's or the selected lines.
    void dedent();
    /// Backspace: the selection, else the character before the caret (an
    /// indent level in leading spaces).
    void erase_backward();
    /// Delete: the selection, else the character after the caret.
    void erase_forward();
    /// Ctrl+X: returns the selection and removes it.
    std::string cut();

    // [SECTION] history
    /// Typing is a step a word (until a space, a move or another kind of edit); a paste, a step.
    bool undo();
    bool redo();
    [[nodiscard]] bool can_undo() const noexcept { return !m_undo.empty(); }
    [[nodiscard]] bool can_redo() const noexcept { return !m_redo.empty(); }

private:
    struct snapshot {
        std::vector<std::string> lines;
        text_position caret, anchor;
    };
    enum class edit_kind { none, typing, erasing, other };
    /// Records the state before an edit of `kind` (not when it continues a run of the same kind).
    void begin_edit(edit_kind kind);
    void erase_selection();
    /// Undo (from the undo stack to the redo stack) or redo (the other way).
    bool step_history(std::vector<snapshot>& from, std::vector<snapshot>& to);
    [[nodiscard]] text_position clamp(text_position at) const;
    [[nodiscard]] text_position moved(text_position from, caret_motion motion, std::size_t page_lines) const;
    /// The first and last line the selection touches (a selection ending at a line's start leaves that line out).
    [[nodiscard]] std::pair<std::size_t, std::size_t> selected_lines() const;

    std::vector<std::string> m_lines{std::string()};
    text_position m_caret, m_anchor;
    std::size_t m_wanted_column = 0;  ///< up/down keep to the column the caret was at
    std::string m_saved;
    std::vector<snapshot> m_undo, m_redo;
    edit_kind m_last_edit = edit_kind::none;
    std::size_t m_revision = 0;
};

}  // namespace loopscope::ui
