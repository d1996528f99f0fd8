#include "edit_buffer.hpp"

#include <algorithm>
#include <cctype>

namespace loopscope::ui {

namespace {

constexpr std::size_t history_limit = 1000;  // steps of undo kept: a lesson's whole session

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::size_t next_character(const std::string& line, std::size_t column) {
    if (column >= line.size()) return line.size();
    ++column;
    while (column < line.size() && continuation_byte(line[column])) ++column;
    return column;
}

std::size_t previous_character(const std::string& line, std::size_t column) {
    if (column == 0) return 0;
    --column;
    while (column > 0 && continuation_byte(line[column])) --column;
    return column;
}

/// Characters before byte `column`: what up and down keep.
std::size_t characters_before(const std::string& line, std::size_t column) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < column && i < line.size(); i = next_character(line, i)) ++n;
    return n;
}

std::size_t byte_of_character(const std::string& line, std::size_t characters) {
    std::size_t i = 0;
    for (; characters > 0 && i < line.size(); --characters) i = next_character(line, i);
    return i;
}

bool word_byte(char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) || c == '_';  // a non-ASCII letter counts as part of a word
}

std::size_t leading_spaces(const std::string& line) {
    std::size_t n = line.find_first_not_of(' ');
    return n == std::string::npos ? line.size() : n;
}

}  // namespace

void edit_buffer::set_text(std::string_view text) {
    m_lines.clear();
    for (std::size_t start = 0;;) {
        std::size_t end = text.find('\n', start);
        std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // a Windows file edits as lines
        m_lines.emplace_back(line);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    m_caret = m_anchor = {};
    m_wanted_column = 0;
    m_undo.clear();
    m_redo.clear();
    m_last_edit = edit_kind::none;
    m_saved = this->text();
    ++m_revision;
}

std::string edit_buffer::text() const {
    std::string out;
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        if (i) out += '\n';
        out += m_lines[i];
    }
    return out;
}

// [SECTION] caret and selection

std::pair<text_position, text_position> edit_buffer::selection() const noexcept {
    return std::minmax(m_caret, m_anchor);
}

std::string edit_buffer::selected_text() const {
    auto [from, to] = selection();
    if (from.line == to.line) return m_lines[from.line].substr(from.column, to.column - from.column);
    std::string out = m_lines[from.line].substr(from.column);
    for (std::size_t line = from.line + 1; line < to.line; ++line) out += '\n' + m_lines[line];
    out += '\n' + m_lines[to.line].substr(0, to.column);
    return out;
}

text_position edit_buffer::clamp(text_position at) const {
    at.line = std::min(at.line, m_lines.size() - 1);
    const std::string& line = m_lines[at.line];
    at.column = std::min(at.column, line.size());
    while (at.column > 0 && continuation_byte(line[at.column])) --at.column;
    return at;
}

text_position edit_buffer::moved(text_position from, caret_motion motion, std::size_t page_lines) const {
    const std::string& line = m_lines[from.line];
    const std::size_t last = m_lines.size() - 1;
    auto to_line = [&](std::size_t target) {
        return text_position{target, byte_of_character(m_lines[target], m_wanted_column)};
    };
    switch (motion) {
        case caret_motion::left:
            if (from.column > 0) return {from.line, previous_character(line, from.column)};
            return from.line > 0 ? text_position{from.line - 1, m_lines[from.line - 1].size()} : from;
        case caret_motion::right:
            if (from.column < line.size()) return {from.line, next_character(line, from.column)};
            return from.line < last ? text_position{from.line + 1, 0} : from;
        case caret_motion::word_left: {
            if (from.column == 0) return moved(from, caret_motion::left, page_lines);
            std::size_t c = from.column;
            while (c > 0 && !word_byte(line[c - 1])) --c;
            while (c > 0 && word_byte(line[c - 1])) --c;
            return {from.line, c};
        }
        case caret_motion::word_right: {
            if (from.column == line.size()) return moved(from, caret_motion::right, page_lines);
            std::size_t c = from.column;
            while (c < line.size() && !word_byte(line[c])) ++c;
            while (c < line.size() && word_byte(line[c])) ++c;
            return {from.line, c};
        }
        case caret_motion::up: return from.line > 0 ? to_line(from.line - 1) : text_position{0, 0};
        case caret_motion::down: return from.line < last ? to_line(from.line + 1) : text_position{last, m_lines[last].size()};
        case caret_motion::page_up: return to_line(from.line > page_lines ? from.line - page_lines : 0);
        case caret_motion::page_down: return to_line(std::min(last, from.line + page_lines));
        case caret_motion::line_start: {
            // Home goes to the code first, then to the margin (as every code editor does).
            std::size_t code = leading_spaces(line);
            return {from.line, from.column == code ? 0 : code};
        }
        case caret_motion::line_end: return {from.line, line.size()};
        case caret_motion::text_start: return {0, 0};
        case caret_motion::text_end: return {last, m_lines[last].size()};
    }
    return from;
}

void edit_buffer::move(caret_motion motion, bool select, std::size_t page_lines) {
    // Without shift, left and right first collapse a selection to its side.
    if (!select && has_selection() && (motion == caret_motion::left || motion == caret_motion::right)) {
        auto [from, to] = selection();
        place(motion == caret_motion::left ? from : to, false);
        return;
    }
    const bool vertical = motion == caret_motion::up || motion == caret_motion::down ||
                          motion == caret_motion::page_up || motion == caret_motion::page_down;
    m_caret = moved(m_caret, motion, page_lines);
    if (!vertical) m_wanted_column = characters_before(m_lines[m_caret.line], m_caret.column);
    if (!select) m_anchor = m_caret;
    m_last_edit = edit_kind::none;
}

void edit_buffer::place(text_position at, bool select) {
    m_caret = clamp(at);
    if (!select) m_anchor = m_caret;
    m_wanted_column = characters_before(m_lines[m_caret.line], m_caret.column);
    m_last_edit = edit_kind::none;
}

void edit_buffer::select_word() {
    const std::string& line = m_lines[m_caret.line];
    std::size_t from = m_caret.column, to = m_caret.column;
    while (from > 0 && word_byte(line[from - 1])) --from;
    while (to < line.size() && word_byte(line[to])) ++to;
    m_anchor = {m_caret.line, from};
    m_caret = {m_caret.line, to};
    m_last_edit = edit_kind::none;
}

void edit_buffer::select_all() {
    m_anchor = {};
    m_caret = {m_lines.size() - 1, m_lines.back().size()};
    m_last_edit = edit_kind::none;
}

// [SECTION] edits

void edit_buffer::begin_edit(edit_kind kind) {
    const bool continues = kind != edit_kind::other && kind == m_last_edit;
    if (!continues) {
        m_undo.push_back({m_lines, m_caret, m_anchor});
        if (m_undo.size() > history_limit) m_undo.erase(m_undo.begin());
    }
    m_redo.clear();
    m_last_edit = kind;
    ++m_revision;
}

void edit_buffer::erase_selection() {
    auto [from, to] = selection();
    if (from == to) return;
    std::string& first = m_lines[from.line];
    first = first.substr(0, from.column) + m_lines[to.line].substr(to.column);
    m_lines.erase(m_lines.begin() + std::ptrdiff_t(from.line) + 1, m_lines.begin() + std::ptrdiff_t(to.line) + 1);
    m_caret = m_anchor = from;
}

void edit_buffer::insert(std::string_view text) {
    if (text.empty() && !has_selection()) return;
    // Characters typed make one step a word: undo takes back the last word
    // typed. A paste is a step of its own.
    const bool typed = text.size() <= 4 && text.find('\n') == std::string_view::npos;
    if (typed && text == " ") m_last_edit = edit_kind::none;
    begin_edit(typed ? edit_kind::typing : edit_kind::other);
    erase_selection();
    std::string& line = m_lines[m_caret.line];
    std::string rest = line.substr(m_caret.column);
    line.erase(m_caret.column);
    std::size_t at = m_caret.line;
    for (std::size_t start = 0;;) {
        std::size_t end = text.find('\n', start);
        std::string_view piece = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (!piece.empty() && piece.back() == '\r') piece.remove_suffix(1);
        m_lines[at] += piece;
        if (end == std::string_view::npos) break;
        m_lines.insert(m_lines.begin() + std::ptrdiff_t(++at), std::string());
        start = end + 1;
    }
    m_caret = m_anchor = {at, m_lines[at].size()};
    m_lines[at] += rest;
    m_wanted_column = characters_before(m_lines[at], m_caret.column);
}

void edit_buffer::new_line() {
    begin_edit(edit_kind::other);
    erase_selection();
    const std::string& line = m_lines[m_caret.line];
    std::size_t indent = std::min(leading_spaces(line), m_caret.column);
    std::string before = line.substr(0, m_caret.column);
    std::size_t code_end = before.find_last_not_of(' ');
    if (code_end != std::string::npos && before[code_end] == ':') indent += indent_width;
    std::string rest = line.substr(m_caret.column);
    rest.erase(0, std::min(leading_spaces(rest), rest.size()));  // the indent is the new line's
    m_lines[m_caret.line] = before;
    m_lines.insert(m_lines.begin() + std::ptrdiff_t(m_caret.line) + 1, std::string(indent, ' ') + rest);
    m_caret = m_anchor = {m_caret.line + 1, indent};
    m_wanted_column = indent;
}

std::pair<std::size_t, std::size_t> edit_buffer::selected_lines() const {
    auto [from, to] = selection();
    std::size_t last = to.line > from.line && to.column == 0 ? to.line - 1 : to.line;
    return {from.line, last};
}

void edit_buffer::indent() {
    if (has_selection() && selection().first.line != selection().second.line) {
        begin_edit(edit_kind::other);
        auto [first, last] = selected_lines();
        for (std::size_t line = first; line <= last; ++line)
            if (!m_lines[line].empty()) m_lines[line].insert(0, indent_width, ' ');
        auto shift = [&](text_position& p) {
            if (p.line >= first && p.line <= last && p.column > 0) p.column += indent_width;
        };
        shift(m_caret);
        shift(m_anchor);
        return;
    }
    std::size_t column = characters_before(m_lines[m_caret.line], m_caret.column);
    insert(std::string(indent_width - column % indent_width, ' '));
}

void edit_buffer::dedent() {
    auto [first, last] = selected_lines();
    bool any = false;
    for (std::size_t line = first; line <= last; ++line) any = any || leading_spaces(m_lines[line]) > 0;
    if (!any) return;
    begin_edit(edit_kind::other);
    for (std::size_t line = first; line <= last; ++line) {
        std::size_t removed = std::min(indent_width, leading_spaces(m_lines[line]));
        m_lines[line].erase(0, removed);
        for (text_position* p : {&m_caret, &m_anchor})
            if (p->line == line) p->column -= std::min(p->column, removed);
    }
}

void edit_buffer::erase_backward() {
    if (has_selection()) {
        begin_edit(edit_kind::other);
        erase_selection();
        return;
    }
    if (m_caret == text_position{}) return;
    begin_edit(edit_kind::erasing);
    std::string& line = m_lines[m_caret.line];
    if (m_caret.column == 0) {  // joins this line to the one above
        std::size_t above = m_caret.line - 1;
        m_caret.column = m_lines[above].size();
        m_lines[above] += line;
        m_lines.erase(m_lines.begin() + std::ptrdiff_t(m_caret.line));
        m_caret.line = above;
    } else if (leading_spaces(line) >= m_caret.column) {  // in the indent: back to the previous stop
        std::size_t stop = (m_caret.column - 1) / indent_width * indent_width;
        line.erase(stop, m_caret.column - stop);
        m_caret.column = stop;
    } else {
        std::size_t from = previous_character(line, m_caret.column);
        line.erase(from, m_caret.column - from);
        m_caret.column = from;
    }
    m_anchor = m_caret;
    m_wanted_column = characters_before(m_lines[m_caret.line], m_caret.column);
}

void edit_buffer::erase_forward() {
    if (has_selection()) {
        begin_edit(edit_kind::other);
        erase_selection();
        return;
    }
    std::string& line = m_lines[m_caret.line];
    if (m_caret.column == line.size() && m_caret.line + 1 == m_lines.size()) return;
    begin_edit(edit_kind::erasing);
    if (m_caret.column == line.size()) {
        line += m_lines[m_caret.line + 1];
        m_lines.erase(m_lines.begin() + std::ptrdiff_t(m_caret.line) + 1);
    } else {
        line.erase(m_caret.column, next_character(line, m_caret.column) - m_caret.column);
    }
}

std::string edit_buffer::cut() {
    std::string out = selected_text();
    if (has_selection()) {
        begin_edit(edit_kind::other);
        erase_selection();
    }
    return out;
}

// [SECTION] history

bool edit_buffer::undo() { return step_history(m_undo, m_redo); }

bool edit_buffer::redo() { return step_history(m_redo, m_undo); }

bool edit_buffer::step_history(std::vector<snapshot>& from, std::vector<snapshot>& to) {
    if (from.empty()) return false;
    to.push_back({m_lines, m_caret, m_anchor});
    snapshot s = std::move(from.back());
    from.pop_back();
    m_lines = std::move(s.lines);
    m_caret = s.caret;
    m_anchor = s.anchor;
    m_last_edit = edit_kind::none;
    ++m_revision;
    return true;
}

}  // namespace loopscope::ui
