// The listing's colouring: which bytes of each line are keywords, strings,
// numbers, comments, built-ins, defined names and decorators.
#include <catch2/catch.hpp>

#include "python_syntax.hpp"

using loopscope::ui::python_syntax;
using loopscope::ui::syntax_kind;
using loopscope::ui::syntax_span;

namespace {

/// "keyword:async keyword:def definition:main" for one line.
std::vector<std::string> spans_of(const std::vector<std::string_view>& lines, std::size_t line) {
    static const char* names[] = {"keyword", "builtin", "string", "number", "comment", "definition", "decorator"};
    std::vector<std::string> out;
    const auto all = python_syntax(lines);
    for (const syntax_span& s : all[line])
        out.push_back(std::string(names[int(s.kind)]) + ":" + std::string(lines[line].substr(s.begin, s.end - s.begin)));
    return out;
}

using words = std::vector<std::string>;

}  // namespace

TEST_CASE("keywords, the defined name, built-ins and numbers") {
    std::vector<std::string_view> lines{"async def countdown(name, n):", "    await asyncio.sleep(1.5)",
                                        "    print(name, n, 0x1F)", "    x.print = None"};
    CHECK(spans_of(lines, 0) == words{"keyword:async", "keyword:def", "definition:countdown"});
    CHECK(spans_of(lines, 1) == words{"keyword:await", "number:1.5"});
    CHECK(spans_of(lines, 2) == words{"builtin:print", "number:0x1F"});
    CHECK(spans_of(lines, 3) == words{"keyword:None"});  // an attribute named like a built-in is not one
}

TEST_CASE("strings with prefixes and escapes, and a '#' inside a string is not a comment") {
    std::vector<std::string_view> lines{R"(print(f"T-{n} # left", 'it\'s')  # done)", R"(path = r"C:\dir\" + b'x')"};
    CHECK(spans_of(lines, 0) == words{"builtin:print", R"(string:f"T-{n} # left")", R"(string:'it\'s')", "comment:# done"});
    CHECK(spans_of(lines, 1) == words{R"(string:r"C:\dir\")", "string:b'x'"});
}

TEST_CASE("a triple-quoted string runs across lines; an unclosed one-quote string ends with its line") {
    std::vector<std::string_view> lines{R"(doc = """First)", "# still the string", R"(end""" + 1)", R"(s = "open)", "x = 2"};
    CHECK(spans_of(lines, 0) == words{R"(string:"""First)"});
    CHECK(spans_of(lines, 1) == words{"string:# still the string"});
    CHECK(spans_of(lines, 2) == words{R"(string:end""")", "number:1"});
    CHECK(spans_of(lines, 3) == words{R"(string:"open)"});
    CHECK(spans_of(lines, 4) == words{"number:2"});
}

TEST_CASE("a decorator at the start of its line, and class names") {
    std::vector<std::string_view> lines{"@functools.cache", "class Worker(Base):", "y = a @ b"};
    CHECK(spans_of(lines, 0) == words{"decorator:@functools.cache"});
    CHECK(spans_of(lines, 1) == words{"keyword:class", "definition:Worker"});
    CHECK(spans_of(lines, 2).empty());
}
