// ResponseParser: framing (Content-Length, chunked, close-delimited, no body), any chunking of
// the input, interim responses, limits, and malformed input named in the error.
#include <catch2/catch.hpp>

#include <string>

#include "http/response_parser.h"

using namespace lab::http;

namespace {
// Feed `bytes` in pieces of `piece` bytes (1 = byte by byte).
ResponseParser parse(const std::string& bytes, std::size_t piece = 1 << 20, ResponseLimits limits = {}, bool bodyless = false) {
    ResponseParser parser(limits, bodyless);
    for (std::size_t at = 0; at < bytes.size(); at += piece) parser.feed(std::string_view(bytes).substr(at, piece));
    return parser;
}
}  // namespace

TEST_CASE("ResponseParser: a Content-Length response comes out whole in any chunking") {
    const std::string bytes = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world";
    auto piece = GENERATE(std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{1000});  // 1000: all at once
    ResponseParser parser = parse(bytes, piece);
    REQUIRE(parser.done());
    CHECK(parser.response().status == 200);
    CHECK(parser.response().headers.get("content-type") == "text/plain");
    CHECK(parser.response().body == "hello world");
}

TEST_CASE("ResponseParser: waits for the last body byte") {
    ResponseParser parser = parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhell");
    CHECK_FALSE(parser.done());
    CHECK_FALSE(parser.failed());
    parser.feed("o");
    REQUIRE(parser.done());
    CHECK(parser.response().body == "hello");
}

TEST_CASE("ResponseParser: a chunked body is decoded, extensions and trailers skipped") {
    const std::string bytes = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                              "5;ext=1\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Sum: 1\r\n\r\n";
    auto piece = GENERATE(std::size_t{1}, std::size_t{3}, std::size_t{1000});
    ResponseParser parser = parse(bytes, piece);
    REQUIRE(parser.done());
    CHECK(parser.response().body == "helloabcdefghijklmnopqrstuvwxyz");
}

TEST_CASE("ResponseParser: a body with no length runs until finish(), the server's close") {
    ResponseParser parser = parse("HTTP/1.0 200 OK\r\n\r\nsome ");
    parser.feed("more");
    CHECK_FALSE(parser.done());
    parser.finish();
    REQUIRE(parser.done());
    CHECK(parser.response().body == "some more");
}

TEST_CASE("ResponseParser: a transfer coding other than chunked also runs until the close") {
    ResponseParser parser = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\nabcdef");
    CHECK_FALSE(parser.done());
    parser.finish();
    REQUIRE(parser.done());
    CHECK(parser.response().body == "abcdef");
}

TEST_CASE("ResponseParser: HEAD, 204 and 304 responses have no body whatever they announce") {
    CHECK(parse("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n", 4, {}, true).done());
    CHECK(parse("HTTP/1.1 204 No Content\r\nContent-Length: 50\r\n\r\n").done());
    CHECK(parse("HTTP/1.1 304 Not Modified\r\n\r\n").done());
    CHECK_FALSE(parse("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n").done());
}

TEST_CASE("ResponseParser: an interim 100 Continue is skipped for the real response") {
    ResponseParser parser = parse("HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
    REQUIRE(parser.done());
    CHECK(parser.response().status == 201);
    CHECK_FALSE(parser.response().headers.has("X-Interim"));
    CHECK(parser.response().body == "ok");
}

TEST_CASE("ResponseParser: bare LF line endings are accepted, and bytes after the response ignored") {
    ResponseParser parser = parse("HTTP/1.1 200 OK\nContent-Length: 2\n\nokHTTP/1.1 500 Oops\r\n");
    REQUIRE(parser.done());
    CHECK(parser.response().status == 200);
    CHECK(parser.response().body == "ok");
}

TEST_CASE("ResponseParser: malformed heads fail with a message naming the line") {
    struct Case {
        std::string bytes;
        std::string error;
    };
    auto c = GENERATE(values<Case>({
        {"HTTP/2 200 OK\r\n\r\n", "status line 'HTTP/2 200 OK': expected 'HTTP/1.x NNN reason'"},
        {"ICY 200 OK\r\n\r\n", "status line 'ICY 200 OK': expected 'HTTP/1.x NNN reason'"},
        {"HTTP/1.1 20 OK\r\n\r\n", "status line 'HTTP/1.1 20 OK': the status code is not three digits"},
        {"HTTP/1.1 2000 OK\r\n\r\n", "status line 'HTTP/1.1 2000 OK': the status code is not three digits"},
        {"HTTP/1.1 099 Low\r\n\r\n", "status line 'HTTP/1.1 099 Low': status code below 100"},
        {"HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n", "header line 'No colon here' is not 'Name: value'"},
        {"HTTP/1.1 200 OK\r\nName : value\r\n\r\n", "header line 'Name : value' is not 'Name: value'"},
        {"HTTP/1.1 200 OK\r\nA: 1\r\n folded\r\n\r\n", "header line ' folded' is folded (obsolete line folding)"},
        {"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "Content-Length '-1' is not a number"},
        {"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
         "two different Content-Length values: '3' and '4'"},
        {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "chunk size line 'zz' is not a hexadecimal number"},
        {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY\r\n", "chunk data is longer than its size line said"},
    }));
    ResponseParser parser = parse(c.bytes);
    REQUIRE(parser.failed());
    CHECK(parser.error() == c.error);
    CHECK_FALSE(parser.done());
}

TEST_CASE("ResponseParser: headers that never end are refused once over the limit, not at the line end") {
    ResponseLimits limits;
    limits.maxHeaderBytes = 100;
    ResponseParser parser(limits);
    parser.feed("HTTP/1.1 200 OK\r\nX-Long: ");
    parser.feed(std::string(70, 'a'));
    CHECK_FALSE(parser.failed());
    parser.feed(std::string(20, 'a'));  // still no line end, and now over 100 bytes
    REQUIRE(parser.failed());
    CHECK(parser.error() == "the status line and headers: more than 83 bytes without a line end");
}

TEST_CASE("ResponseParser: too many header fields are refused") {
    ResponseLimits limits;
    limits.maxHeaderCount = 3;
    ResponseParser parser = parse("HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", 1 << 20, limits);
    REQUIRE(parser.failed());
    CHECK(parser.error() == "more than 3 header fields");
}

TEST_CASE("ResponseParser: bodies over maxBodyBytes are refused, announced or not") {
    ResponseLimits limits;
    limits.maxBodyBytes = 10;
    ResponseParser announced = parse("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n", 1 << 20, limits);
    REQUIRE(announced.failed());
    CHECK(announced.error() == "Content-Length 11 is over the limit of 10 body bytes");
    ResponseParser chunked = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n", 1 << 20, limits);
    REQUIRE(chunked.failed());
    CHECK(chunked.error() == "the chunked body is over the limit of 10 bytes");
    ResponseParser untilClose = parse("HTTP/1.1 200 OK\r\n\r\n" + std::string(11, 'x'), 1 << 20, limits);
    REQUIRE(untilClose.failed());
    CHECK(untilClose.error() == "the body is over the limit of 10 bytes");
}

TEST_CASE("ResponseParser: finish() in the middle of a response says where it was cut") {
    ResponseParser never;
    never.finish();
    CHECK_FALSE(never.started());
    CHECK(never.error() == "the connection closed before any response");

    ResponseParser head = parse("HTTP/1.1 200 OK\r\nContent-");
    head.finish();
    CHECK(head.started());
    CHECK(head.error() == "the connection closed in the middle of the headers");

    ResponseParser body = parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n123");
    body.finish();
    CHECK(body.error() == "the connection closed after 3 of 10 body bytes (Content-Length)");

    ResponseParser chunked = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel");
    chunked.finish();
    CHECK(chunked.error() == "the connection closed in the middle of the chunked body, after 3 bytes");
}

TEST_CASE("ResponseParser: response() before the end is a readable logic_error") {
    ResponseParser parser;
    CHECK_THROWS_WITH(parser.response(), "ResponseParser::response: the response is not complete yet");
    CHECK_THROWS_WITH(parser.error(), "ResponseParser::error: the parser has not failed");
}
