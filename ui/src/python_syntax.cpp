#include "python_syntax.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <string>
#include <string_view>

namespace loopscope::ui {

namespace {

constexpr std::array<std::string_view, 35> keywords = {
    "False", "None",   "True",    "and",      "as",       "assert", "async",  "await", "break",
    "class", "continue", "def",   "del",      "elif",     "else",   "except", "finally", "for",
    "from",  "global", "if",      "import",   "in",       "is",     "lambda", "nonlocal", "not",
    "or",    "pass",   "raise",   "return",   "try",      "while",  "with",   "yield"};

// The built-ins a lesson uses; the rest read as plain names.
constexpr std::array<std::string_view, 34> builtins = {
    "print", "range", "len", "str", "int", "float", "bool", "list", "dict", "set", "tuple", "enumerate",
    "zip", "isinstance", "super", "type", "open", "input", "sorted", "min", "max", "sum", "any", "all",
    "repr", "iter", "next", "aiter", "anext", "self", "Exception", "ValueError", "RuntimeError", "KeyboardInterrupt"};

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }
bool name_byte(char c) { return name_start(c) || std::isdigit(static_cast<unsigned char>(c)); }

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& words, std::string_view word) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

/// Whether `prefix` (the name just read) can start a string literal: r, b, f, u and their pairs.
bool string_prefix(std::string_view prefix) {
    if (prefix.size() > 2) return false;
    for (char c : prefix)
        if (!std::strchr("rRbBfFuU", c)) return false;
    return true;
}

class line_lexer {
public:
    line_lexer(std::string_view line, std::string& open_quote, std::vector<syntax_span>& out)
        : m_line(line), m_open(open_quote), m_out(out) {}

    void run() {
        if (!m_open.empty()) string_body(0);
        std::string_view previous_word;
        while (m_at < m_line.size()) {
            char c = m_line[m_at];
            if (c == '#') {
                add(m_at, m_line.size(), syntax_kind::comment);
                return;
            }
            if (c == '"' || c == '\'') {
                string_literal(m_at);
            } else if (c == '@' && m_line.find_first_not_of(' ') == m_at) {
                std::size_t end = m_at + 1;
                while (end < m_line.size() && (name_byte(m_line[end]) || m_line[end] == '.')) ++end;
                add(m_at, end, syntax_kind::decorator);
                m_at = end;
            } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                       (c == '.' && m_at + 1 < m_line.size() && std::isdigit(static_cast<unsigned char>(m_line[m_at + 1])))) {
                std::size_t end = m_at;
                while (end < m_line.size() && (name_byte(m_line[end]) || m_line[end] == '.')) ++end;
                add(m_at, end, syntax_kind::number);
                m_at = end;
            } else if (name_start(c)) {
                std::size_t end = m_at;
                while (end < m_line.size() && name_byte(m_line[end])) ++end;
                std::string_view word = m_line.substr(m_at, end - m_at);
                if (end < m_line.size() && (m_line[end] == '"' || m_line[end] == '\'') && string_prefix(word)) {
                    string_literal(m_at, end);
                    continue;
                }
                if (previous_word == "def" || previous_word == "class") add(m_at, end, syntax_kind::definition);
                else if (one_of(keywords, word)) add(m_at, end, syntax_kind::keyword);
                else if (one_of(builtins, word) && !after_dot()) add(m_at, end, syntax_kind::builtin);
                previous_word = word;
                m_at = end;
                continue;
            } else {
                ++m_at;
            }
            if (c != ' ') previous_word = {};
        }
    }

private:
    bool after_dot() const { return m_at > 0 && m_line[m_at - 1] == '.'; }

    void add(std::size_t begin, std::size_t end, syntax_kind kind) { m_out.push_back({begin, end, kind}); }

    /// A literal whose prefix starts at `begin` and whose quote is at `quote`.
    void string_literal(std::size_t begin, std::size_t quote = std::string_view::npos) {
        if (quote == std::string_view::npos) quote = begin;
        char q = m_line[quote];
        bool triple = m_line.compare(quote, 3, std::string(3, q)) == 0;
        m_open.assign(triple ? 3 : 1, q);
        m_raw = quote > begin && m_line.substr(begin, quote - begin).find_first_of("rR") != std::string_view::npos;
        string_body(begin, quote + m_open.size());
    }

    /// The rest of a string opened at `begin` (0 for one carried from the line
    /// above), its body from `from`; a one-quote string ends with its line.
    void string_body(std::size_t begin, std::size_t from = 0) {
        std::size_t at = from;
        while (at < m_line.size()) {
            if (m_line[at] == '\\' && !m_raw) {
                at += 2;
                continue;
            }
            if (m_line.compare(at, m_open.size(), m_open) == 0) {
                at += m_open.size();
                m_open.clear();
                break;
            }
            ++at;
        }
        at = std::min(at, m_line.size());
        if (m_open.size() == 1) m_open.clear();  // unterminated: Python says so; the next line starts afresh
        add(begin, at, syntax_kind::string);
        m_at = at;
    }

    std::string_view m_line;
    std::string& m_open;  ///< the quotes of a string still open at the line's end ("\"\"\"" or empty)
    std::vector<syntax_span>& m_out;
    std::size_t m_at = 0;
    bool m_raw = false;
};

}  // namespace

std::vector<std::vector<syntax_span>> python_syntax(const std::vector<std::string_view>& lines) {
    std::vector<std::vector<syntax_span>> out(lines.size());
    std::string open_quote;
    for (std::size_t i = 0; i < lines.size(); ++i) line_lexer(lines[i], open_quote, out[i]).run();
    return out;
}

}  // namespace loopscope::ui
