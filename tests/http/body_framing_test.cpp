// BodyDecoder: Content-Length, chunked and until-close bodies in any chunking, and the one set of
// limits and messages both parsers answer with (after Twisted's test_http.py for
// _IdentityTransferDecoder and _ChunkedTransferDecoder).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "http/body_framing.h"

using namespace lab::http;

namespace {

// Feed `wire` to `decoder` in pieces of `step`, keeping unconsumed bytes as a parser does;
// returns the decoded body, and in `left` the bytes after the body that were not consumed.
std::string decodeAll(BodyDecoder& decoder, std::string_view wire, std::size_t step, std::string& left) {
    std::string body;
    std::string pending;
    for (std::size_t i = 0; i < wire.size(); i += step) {
        pending.append(wire.substr(i, step));
        pending.erase(0, decoder.decode(pending, body));
    }
    left = pending;
    return body;
}

BodyDecoder chunkedDecoder(std::size_t maxBodyBytes = 1 << 20) {
    BodyDecoder decoder(maxBodyBytes);
    decoder.startChunked();
    return decoder;
}

FramingError lengthError(std::vector<std::string> lengths, std::size_t maxBodyBytes = 100) {
    BodyDecoder decoder(maxBodyBytes);
    decoder.startLength(lengths);
    REQUIRE(decoder.failed());
    return decoder.error();
}

FramingError chunkedError(std::string_view wire, std::size_t maxBodyBytes = 1 << 20) {
    BodyDecoder decoder = chunkedDecoder(maxBodyBytes);
    std::string body;
    decoder.decode(wire, body);
    REQUIRE(decoder.failed());
    return decoder.error();
}

}  // namespace

TEST_CASE("BodyDecoder: a Content-Length body stops at its length, whatever the chunking") {
    for (std::size_t step : {std::size_t{1}, std::size_t{3}, std::size_t{100}}) {
        BodyDecoder decoder(100);
        decoder.startLength({"5"});
        std::string left;
        CHECK(decodeAll(decoder, "helloGET /next", step, left) == "hello");
        CHECK(decoder.complete());
        CHECK_FALSE(decoder.chunked());
        CHECK(left == "GET /next");
    }
}

TEST_CASE("BodyDecoder: a Content-Length of 0, or the same length twice, is accepted") {
    BodyDecoder zero(100);
    zero.startLength({"0"});
    CHECK(zero.complete());
    BodyDecoder twice(100);
    twice.startLength({"3", " 03 "});
    CHECK_FALSE(twice.failed());
    CHECK_FALSE(twice.complete());
}

TEST_CASE("BodyDecoder: a chunked body is joined, extensions ignored, and stops where the trailers start") {
    const std::string wire = "5;name=value\r\nhello\r\n1\nx\n0\r\nTrailer: 1\r\n\r\n";
    for (std::size_t step : {std::size_t{1}, std::size_t{2}, wire.size()}) {
        BodyDecoder decoder = chunkedDecoder();
        std::string left;
        CHECK(decodeAll(decoder, wire, step, left) == "hellox");
        CHECK(decoder.complete());
        CHECK(decoder.chunked());
        CHECK(left == "Trailer: 1\r\n\r\n");
    }
}

TEST_CASE("BodyDecoder: an until-close body takes everything and is never complete by itself") {
    BodyDecoder decoder(100);
    decoder.startUntilClose();
    std::string left;
    CHECK(decodeAll(decoder, "all of it", 4, left) == "all of it");
    CHECK(left.empty());
    CHECK_FALSE(decoder.complete());
}

TEST_CASE("BodyDecoder: malformed Content-Length values are 400 with one message each") {
    CHECK(lengthError({"12a"}).message == "Content-Length '12a' is not a number");
    CHECK(lengthError({"-1"}).status == 400);
    CHECK(lengthError({"+5"}).status == 400);
    CHECK(lengthError({""}).message == "Content-Length '' is not a number");
    FramingError different = lengthError({"3", "4"});
    CHECK(different.status == 400);
    CHECK(different.message == "two different Content-Length values: '3' and '4'");
}

TEST_CASE("BodyDecoder: a length over the limit is 413, even one too long for any integer") {
    FramingError over = lengthError({"101"});
    CHECK(over.status == 413);
    CHECK(over.message == "Content-Length 101 is over the limit of 100 body bytes");
    CHECK(lengthError({"99999999999999999999999999999999999999"}).status == 413);
    BodyDecoder atLimit(100);
    atLimit.startLength({"100"});
    CHECK_FALSE(atLimit.failed());
}

TEST_CASE("BodyDecoder: malformed chunked bodies are 400 and say what was wrong") {
    CHECK(chunkedError("zz\r\n").message == "chunk size line 'zz' is not a hexadecimal number");
    CHECK(chunkedError("\r\n").status == 400);
    CHECK(chunkedError("2\r\nabc\r\n").message == "chunk data is longer than its size line said");
    CHECK(chunkedError("2\r\nab\rX").message == "chunk data is not followed by CRLF");
    FramingError endless = chunkedError(std::string(2000, '1'));
    CHECK(endless.status == 400);
    CHECK(endless.message == "chunk size line is longer than 1024 bytes");
}

TEST_CASE("BodyDecoder: a chunk size line is refused as soon as it is too long, not at its end") {
    BodyDecoder decoder = chunkedDecoder();
    std::string body;
    CHECK(decoder.decode(std::string(BodyDecoder::kMaxChunkSizeLine - 1, '0'), body) == 0);
    CHECK_FALSE(decoder.failed());
    decoder.decode(std::string(BodyDecoder::kMaxChunkSizeLine, '0'), body);
    CHECK(decoder.failed());
}

TEST_CASE("BodyDecoder: chunked and until-close bodies over the limit are 413") {
    FramingError sum = chunkedError("6\r\nabcdef\r\n6\r\n", 10);
    CHECK(sum.status == 413);
    CHECK(sum.message == "the chunked body is over the limit of 10 bytes");
    CHECK(chunkedError("ffffffffffffffffffffffffffffffff\r\n", 10).status == 413);
    BodyDecoder untilClose(10);
    untilClose.startUntilClose();
    std::string body;
    untilClose.decode(std::string(11, 'x'), body);
    REQUIRE(untilClose.failed());
    CHECK(untilClose.error().status == 413);
    CHECK(untilClose.error().message == "the body is over the limit of 10 bytes");
}

TEST_CASE("BodyDecoder: a body cut short says how far it got") {
    BodyDecoder length(100);
    length.startLength({"10"});
    std::string body;
    length.decode("123", body);
    CHECK(length.cutShortMessage() == "the connection closed after 3 of 10 body bytes (Content-Length)");
    BodyDecoder chunked = chunkedDecoder();
    chunked.decode("5\r\nhel", body);
    CHECK(chunked.cutShortMessage() == "the connection closed in the middle of the chunked body, after 3 bytes");
}

TEST_CASE("BodyDecoder: control bytes in a bad value are escaped in the message, long values cut") {
    CHECK(lengthError({"1\x01"}).message == "Content-Length '1\\x01' is not a number");
    CHECK(lengthError({std::string(100, 'x')}).message == "Content-Length '" + std::string(60, 'x') + "...' is not a number");
}

TEST_CASE("BodyDecoder: error() before a failure is a readable logic_error") {
    BodyDecoder decoder(10);
    CHECK_THROWS_WITH(decoder.error(), "BodyDecoder::error: the body has not failed");
    CHECK_THROWS_WITH(decoder.startLength({}), Catch::Contains("no Content-Length value"));
}
