// The editor's text model: what the usual keys do to the text, the caret and
// the selection, and what undo and redo take back; and which key does what.
#include <GLFW/glfw3.h>
#include <catch2/catch.hpp>

#include "edit_buffer.hpp"
#include "editor_input.hpp"

using loopscope::ui::caret_motion;
using loopscope::ui::edit_buffer;
using loopscope::ui::text_position;

namespace {

edit_buffer with(std::string_view text, text_position caret = {}) {
    edit_buffer b;
    b.set_text(text);
    b.place(caret, false);
    return b;
}

void type(edit_buffer& b, std::string_view text) {
    for (char c : text) b.insert(std::string_view(&c, 1));
}

}  // namespace

TEST_CASE("a text set is its lines, unmodified, and round-trips with its final newline") {
    edit_buffer b = with("a\r\nb\n");
    CHECK(b.lines() == std::vector<std::string>{"a", "b", ""});
    CHECK(b.text() == "a\nb\n");
    CHECK_FALSE(b.modified());
    CHECK_FALSE(b.can_undo());
}

TEST_CASE("typing inserts at the caret, replaces the selection, and marks the text modified") {
    edit_buffer b = with("print(n)", {0, 6});
    type(b, "2*");
    CHECK(b.text() == "print(2*n)");
    CHECK(b.caret() == text_position{0, 8});
    CHECK(b.modified());
    b.place({0, 0}, false);
    b.place({0, 5}, true);
    CHECK(b.selected_text() == "print");
    type(b, "log");
    CHECK(b.text() == "log(2*n)");
    b.mark_saved();
    CHECK_FALSE(b.modified());
}

TEST_CASE("Enter keeps the indent, and adds a level after a colon") {
    edit_buffer b = with("async def main():", {0, 17});
    b.new_line();
    CHECK(b.caret() == text_position{1, 4});
    type(b, "while True:");
    b.new_line();
    type(b, "pass");
    b.new_line();
    CHECK(b.text() == "async def main():\n    while True:\n        pass\n        ");
    edit_buffer split = with("    a = 1  # x", {0, 9});
    split.new_line();
    CHECK(split.lines() == std::vector<std::string>{"    a = 1", "    # x"});
}

TEST_CASE("Backspace removes a character, an indent level in the indent, or joins lines") {
    edit_buffer b = with("x\n        y", {1, 8});
    b.erase_backward();
    CHECK(b.lines()[1] == "    y");
    b.erase_backward();
    CHECK(b.lines()[1] == "y");
    b.erase_backward();
    CHECK(b.text() == "xy");
    CHECK(b.caret() == text_position{0, 1});
    b.erase_forward();
    CHECK(b.text() == "x");
    b.erase_forward();  // at the end: nothing
    CHECK(b.text() == "x");
}

TEST_CASE("Tab goes to the next indent stop; with lines selected Tab and Shift+Tab indent and dedent them") {
    edit_buffer b = with("ab", {0, 1});
    b.indent();
    CHECK(b.text() == "a   b");
    edit_buffer lines = with("a\nb\nc", {0, 0});
    lines.place({1, 1}, true);
    lines.indent();
    CHECK(lines.text() == "    a\n    b\nc");
    lines.dedent();
    CHECK(lines.text() == "a\nb\nc");
    edit_buffer at_line_start = with("a\nb", {0, 0});
    at_line_start.place({1, 0}, true);  // a selection ending at a line's start leaves that line out
    at_line_start.indent();
    CHECK(at_line_start.text() == "    a\nb");
}

TEST_CASE("the caret moves by characters (UTF-8 whole), words, lines keeping its column, and Home toggles") {
    edit_buffer b = with("é = 1\n    await x\nz", {0, 0});
    b.move(caret_motion::right, false);
    CHECK(b.caret() == text_position{0, 2});  // é is two bytes
    b.move(caret_motion::line_end, false);
    b.move(caret_motion::down, false);
    CHECK(b.caret() == text_position{1, 5});  // five characters in, as on the line above
    b.move(caret_motion::line_start, false);
    CHECK(b.caret() == text_position{1, 4});  // the code first
    b.move(caret_motion::line_start, false);
    CHECK(b.caret() == text_position{1, 0});  // then the margin
    b.move(caret_motion::word_right, false);
    CHECK(b.caret() == text_position{1, 9});
    b.move(caret_motion::word_right, true);
    CHECK(b.selected_text() == " x");
    b.move(caret_motion::left, false);  // collapses the selection to its start
    CHECK(b.caret() == text_position{1, 9});
    b.move(caret_motion::text_end, false);
    CHECK(b.caret() == text_position{2, 1});
    b.move(caret_motion::down, false);
    CHECK(b.caret() == text_position{2, 1});
}

TEST_CASE("a selection across lines is cut as text and the lines join") {
    edit_buffer b = with("one\ntwo\nthree", {0, 1});
    b.place({2, 2}, true);
    CHECK(b.cut() == "ne\ntwo\nth");
    CHECK(b.text() == "oree");
    b.select_all();
    CHECK(b.selected_text() == "oree");
}

TEST_CASE("a paste of several lines is one step; typing is undone a word at a time; redo brings it back") {
    edit_buffer b = with("", {0, 0});
    b.insert("a = 1\nb = 2");
    CHECK(b.lines().size() == 2);
    CHECK(b.caret() == text_position{1, 5});
    b.new_line();
    type(b, "print a");
    CHECK(b.text() == "a = 1\nb = 2\nprint a");
    REQUIRE(b.undo());
    CHECK(b.text() == "a = 1\nb = 2\nprint");
    REQUIRE(b.undo());
    CHECK(b.text() == "a = 1\nb = 2\n");
    REQUIRE(b.undo());
    CHECK(b.text() == "a = 1\nb = 2");
    REQUIRE(b.undo());
    CHECK(b.text() == "");
    CHECK_FALSE(b.undo());
    REQUIRE(b.redo());
    CHECK(b.text() == "a = 1\nb = 2");
    CHECK(b.caret() == text_position{1, 5});  // where the paste left it
    b.insert("x");  // a new edit drops what could be redone
    CHECK_FALSE(b.can_redo());
}

TEST_CASE("the editor's keys: each press as GLFW reports it, with its own modifiers", "[keys]") {
    using loopscope::ui::apply_key;
    edit_buffer b = with("async def main():\n    pass", {0, 0});
    CHECK(apply_key(b, GLFW_KEY_END, GLFW_MOD_SHIFT, 20));
    CHECK(b.selected_text() == "async def main():");
    CHECK(apply_key(b, GLFW_KEY_RIGHT, GLFW_MOD_CONTROL, 20));  // past the line's end: the next line
    CHECK(b.caret() == text_position{1, 0});
    CHECK(apply_key(b, GLFW_KEY_END, 0, 20));
    CHECK(apply_key(b, GLFW_KEY_ENTER, 0, 20));
    CHECK(b.text() == "async def main():\n    pass\n    ");
    CHECK_FALSE(apply_key(b, GLFW_KEY_ENTER, GLFW_MOD_CONTROL, 20));  // the window's: run the edit
    CHECK_FALSE(apply_key(b, GLFW_KEY_S, GLFW_MOD_CONTROL, 20));      // the window's: save
    CHECK_FALSE(apply_key(b, GLFW_KEY_F5, 0, 20));
    CHECK(apply_key(b, GLFW_KEY_Z, GLFW_MOD_CONTROL, 20));
    CHECK(b.text() == "async def main():\n    pass");
    CHECK(apply_key(b, GLFW_KEY_Z, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT, 20));  // redo
    CHECK(b.text() == "async def main():\n    pass\n    ");
    CHECK(apply_key(b, GLFW_KEY_BACKSPACE, 0, 20));  // the indent level
    CHECK(b.text() == "async def main():\n    pass\n");
    CHECK(apply_key(b, GLFW_KEY_PAGE_UP, 0, 20));
    CHECK(b.caret() == text_position{0, 0});
}
