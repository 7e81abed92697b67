// RequestParser: bytes in any chunking to whole requests, and every limit and malformation
// answered with its status (after Twisted's test_http.py for HTTPChannel and the chunked decoder).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "http/request_parser.h"

using namespace lab::http;

namespace {

// Feed `bytes` in pieces of `step` and collect every request that comes out.
std::vector<Request> parseAll(RequestParser& parser, std::string_view bytes, std::size_t step) {
    std::vector<Request> out;
    for (std::size_t i = 0; i < bytes.size(); i += step) {
        parser.feed(bytes.substr(i, step));
        while (auto request = parser.next()) out.push_back(std::move(*request));
    }
    return out;
}

ParseError errorOf(std::string_view bytes, ParserLimits limits = {}) {
    RequestParser parser(limits);
    parser.feed(bytes);
    while (parser.next()) {
    }
    REQUIRE(parser.failed());
    return parser.error();
}

}  // namespace

TEST_CASE("RequestParser: a GET with headers comes out whole, whatever the chunking") {
    const std::string wire = "GET /items/3?verbose=1 HTTP/1.1\r\nHost: example\r\nX-Two: a\r\nx-two: b\r\n\r\n";
    for (std::size_t step : {std::size_t{1}, std::size_t{2}, std::size_t{7}, wire.size()}) {
        RequestParser parser;
        std::vector<Request> requests = parseAll(parser, wire, step);
        REQUIRE(requests.size() == 1);
        const Request& r = requests.front();
        CHECK(r.method == "GET");
        CHECK(r.target == "/items/3?verbose=1");
        CHECK(r.path == "/items/3");
        CHECK(r.query == "verbose=1");
        CHECK(r.version == "HTTP/1.1");
        CHECK(r.headers.get("host") == "example");
        CHECK(r.headers.getAll("X-TWO") == std::vector<std::string>{"a", "b"});
        CHECK(r.body.empty());
        CHECK_FALSE(parser.partial());
        CHECK_FALSE(parser.failed());
    }
}

TEST_CASE("RequestParser: a request is not delivered until its last body byte arrives") {
    RequestParser parser;
    parser.feed("POST /items HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel");
    CHECK_FALSE(parser.next());
    CHECK(parser.partial());
    parser.feed("lo");
    auto request = parser.next();
    REQUIRE(request);
    CHECK(request->body == "hello");
    CHECK_FALSE(parser.partial());
}

TEST_CASE("RequestParser: stage() says whether a request's head or its body is being received") {
    RequestParser parser;
    CHECK(parser.stage() == RequestParser::Stage::none);
    parser.feed("POST /items HTTP/1.1\r\nContent-");
    CHECK_FALSE(parser.next());
    CHECK(parser.stage() == RequestParser::Stage::head);
    parser.feed("Length: 4\r\n\r\nab");
    CHECK_FALSE(parser.next());
    CHECK(parser.stage() == RequestParser::Stage::body);
    parser.feed("cd");
    REQUIRE(parser.next());
    CHECK(parser.stage() == RequestParser::Stage::none);
}

TEST_CASE("RequestParser: a byte that cannot start a method fails at once, without waiting for a line end") {
    RequestParser parser;
    parser.feed(std::string("\x16\x03\x01", 3));  // a TLS ClientHello's first bytes, no LF ever
    CHECK_FALSE(parser.next());
    REQUIRE(parser.failed());
    CHECK(parser.error().status == 400);
    CHECK(parser.error().message.find("0x16 starts a TLS handshake") != std::string::npos);
}

TEST_CASE("RequestParser: pipelined requests come out one at a time, in order") {
    RequestParser parser;
    parser.feed("GET /a HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 2\r\n\r\nhiGET /c HTTP/1.1\r\n\r\nGET /d");
    std::vector<std::string> targets;
    while (auto r = parser.next()) targets.push_back(r->target + ":" + r->body);
    CHECK(targets == std::vector<std::string>{"/a:", "/b:hi", "/c:"});
    CHECK(parser.partial());  // "GET /d" has started
}

TEST_CASE("RequestParser: bare LF line endings and empty lines before a request are accepted") {
    RequestParser parser;
    parser.feed("\r\n\nGET / HTTP/1.0\nHost: x\n\n");
    auto r = parser.next();
    REQUIRE(r);
    CHECK(r->version == "HTTP/1.0");
    CHECK(r->headers.get("Host") == "x");
}

TEST_CASE("RequestParser: a chunked body is decoded, with extensions and trailers, in any chunking") {
    const std::string wire =
        "POST /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5;name=value\r\nhello\r\n1A\r\n abcdefghijklmnopqrstuvwxy\r\n0\r\nTrailer-Field: t\r\n\r\n"
        "GET /next HTTP/1.1\r\n\r\n";
    for (std::size_t step : {std::size_t{1}, std::size_t{3}, wire.size()}) {
        RequestParser parser;
        std::vector<Request> requests = parseAll(parser, wire, step);
        REQUIRE(requests.size() == 2);
        CHECK(requests[0].body == "hello abcdefghijklmnopqrstuvwxy");
        CHECK_FALSE(requests[0].headers.has("Trailer-Field"));
        CHECK(requests[1].target == "/next");
    }
}

TEST_CASE("RequestParser: a chunked body with only the last chunk is empty") {
    RequestParser parser;
    parser.feed("POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n");
    auto r = parser.next();
    REQUIRE(r);
    CHECK(r->body.empty());
}

TEST_CASE("RequestParser: malformed chunked bodies are 400") {
    const std::string head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    SECTION("a size that is not hexadecimal") { CHECK(errorOf(head + "zz\r\n").status == 400); }
    SECTION("an empty size line") { CHECK(errorOf(head + "\r\n").status == 400); }
    SECTION("data longer than its size") { CHECK(errorOf(head + "2\r\nabc\r\n").status == 400); }
    SECTION("a CR not followed by LF after the data") { CHECK(errorOf(head + "2\r\nab\rX").status == 400); }
    SECTION("a size line that never ends") {
        ParseError e = errorOf(head + std::string(2000, '1'));
        CHECK(e.status == 400);
        CHECK_THAT(e.message, Catch::Contains("chunk size line"));
    }
}

TEST_CASE("RequestParser: a chunked body over the limit is 413, even from a huge size") {
    ParserLimits limits;
    limits.maxBodyBytes = 10;
    const std::string head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    CHECK(errorOf(head + "6\r\nabcdef\r\n6\r\n", limits).status == 413);
    CHECK(errorOf(head + "ffffffffffffffffffffffffffff\r\n", limits).status == 413);
    RequestParser exact(limits);
    exact.feed(head + "a\r\n0123456789\r\n0\r\n\r\n");
    auto r = exact.next();
    REQUIRE(r);
    CHECK(r->body == "0123456789");
}

TEST_CASE("RequestParser: Content-Length over the limit is 413 before any body byte arrives") {
    ParserLimits limits;
    limits.maxBodyBytes = 100;
    CHECK(errorOf("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n", limits).status == 413);
    CHECK(errorOf("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999999\r\n\r\n", limits).status == 413);
    RequestParser ok(limits);
    ok.feed("POST / HTTP/1.1\r\nContent-Length: 0100\r\n\r\n" + std::string(100, 'x'));
    auto r = ok.next();
    REQUIRE(r);
    CHECK(r->body.size() == 100);
}

TEST_CASE("RequestParser: request line and headers over maxHeaderBytes are 431, even without a line end") {
    ParserLimits limits;
    limits.maxHeaderBytes = 64;
    SECTION("one header line that never ends") {
        ParseError e = errorOf("GET / HTTP/1.1\r\nX-Long: " + std::string(100, 'a'), limits);
        CHECK(e.status == 431);
        CHECK_THAT(e.message, Catch::Contains("64 bytes"));
    }
    SECTION("a request line that is too long") { CHECK(errorOf("GET /" + std::string(100, 'a'), limits).status == 431); }
    SECTION("many short lines") {
        CHECK(errorOf("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\nF: 6\r\nG: 7\r\nH: 8\r\n\r\n", limits).status == 431);
    }
    SECTION("exactly at the limit is accepted") {
        std::string request = "GET / HTTP/1.1\r\nX: ";
        request += std::string(64 - request.size() - 4, 'a') + "\r\n\r\n";
        REQUIRE(request.size() == 64);
        RequestParser parser(limits);
        parser.feed(request);
        CHECK(parser.next());
    }
}

TEST_CASE("RequestParser: more header fields than maxHeaderCount is 431") {
    ParserLimits limits;
    limits.maxHeaderCount = 3;
    CHECK(errorOf("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", limits).status == 431);
    RequestParser three(limits);
    three.feed("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n");
    CHECK(three.next());
}

TEST_CASE("RequestParser: trailers count against the header limits") {
    ParserLimits limits;
    limits.maxHeaderCount = 2;
    CHECK(errorOf("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\nB: 2\r\n\r\n", limits).status == 431);
}

TEST_CASE("RequestParser: malformed heads are 400 with a message naming the problem") {
    struct Case {
        std::string wire;
        std::string says;
    };
    std::vector<Case> cases = {
        {"GET /\r\n\r\n", "is not 'METHOD target HTTP/1.1'"},
        {"GET  / HTTP/1.1\r\n\r\n", "request target"},
        {"G(T / HTTP/1.1\r\n\r\n", "method"},
        {"GET / HTTX/1.1\r\n\r\n", "is not an HTTP version"},
        {"GET /\x01 HTTP/1.1\r\n\r\n", "request target"},
        {"GET / HTTP/1.1\r\nNoColon\r\n\r\n", "has no ':'"},
        {"GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", "is not a token"},
        {"GET / HTTP/1.1\r\nName : x\r\n\r\n", "is not a token"},
        {"GET / HTTP/1.1\r\nA: 1\r\n folded\r\n\r\n", "line folding"},
        {"GET / HTTP/1.1\r\nA: x\x01y\r\n\r\n", "control character"},
        {"GET / HTTP/1.1\r\nA: x\ry\r\n\r\n", "control character"},
        {"POST / HTTP/1.1\r\nContent-Length: 12a\r\n\r\n", "is not a number"},
        {"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "is not a number"},
        {"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "two different Content-Length values"},
        {"POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", "both"},
    };
    for (const Case& c : cases) {
        INFO(c.wire);
        ParseError e = errorOf(c.wire);
        CHECK(e.status == 400);
        CHECK_THAT(e.message, Catch::Contains(c.says));
    }
}

TEST_CASE("RequestParser: an unknown transfer coding is 501 and HTTP/2.0 on this parser is 505") {
    CHECK(errorOf("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").status == 501);
    CHECK(errorOf("GET / HTTP/2.0\r\n\r\n").status == 505);
}

TEST_CASE("RequestParser: after an error it stays failed and ignores what follows") {
    RequestParser parser;
    parser.feed("BAD\r\n\r\nGET / HTTP/1.1\r\n\r\n");
    CHECK_FALSE(parser.next());
    REQUIRE(parser.failed());
    parser.feed("GET / HTTP/1.1\r\n\r\n");
    CHECK_FALSE(parser.next());
    CHECK(parser.error().status == 400);
}

TEST_CASE("RequestParser: error() before a failure is a readable logic error") {
    RequestParser parser;
    CHECK_THROWS_WITH(parser.error(), Catch::Contains("has not failed"));
}

TEST_CASE("RequestParser: twenty thousand requests on one connection all come out, leaving nothing buffered") {
    RequestParser parser;
    const std::string one = "GET /x HTTP/1.1\r\nHost: h\r\n\r\n";
    std::size_t parsed = 0;
    for (int i = 0; i < 20000; ++i) {
        parser.feed(one);
        while (parser.next()) ++parsed;
    }
    CHECK(parsed == 20000);
    CHECK(parser.bufferedBytes() == 0);
}
