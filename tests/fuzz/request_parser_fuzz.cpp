// Fuzz target: the HTTP request parser (reactor/http/request_parser.h).
//
// The input chooses small limits (so the fuzzer reaches 413 and 431 quickly), the chunking, and
// the bytes. Checked: the parser never crashes; the chunking changes nothing (fed in fuzzer-chosen
// pieces or in one piece, the same requests come out, field by field, and the same error);
// every request respects the limits; a failed parser has one of the documented statuses and a
// message, and stays failed. Built by tests/fuzz/CMakeLists.txt; run by tests/fuzz/run.sh.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "http/request_parser.h"

namespace {

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "request_parser_fuzz: invariant broken: %s\n", what);
    std::abort();
}

// A request as comparable text: every field the parser fills.
std::string describe(const lab::http::Request& request) {
    std::string text = request.method + '\n' + request.target + '\n' + request.path + '\n' + request.query + '\n' +
                       request.version + '\n';
    for (const auto& header : request.headers) text += header.name + ": " + header.value + '\n';
    return text + std::to_string(request.body.size()) + '\n' + request.body;
}

struct Outcome {
    std::vector<std::string> requests;
    bool failed = false;
    int status = 0;
};

Outcome parse(const std::vector<std::string>& chunks, const lab::http::ParserLimits& limits) {
    lab::http::RequestParser parser(limits);
    Outcome outcome;
    for (const auto& chunk : chunks) {
        parser.feed(chunk);
        while (auto request = parser.next()) {
            require(request->body.size() <= limits.maxBodyBytes, "a body is over maxBodyBytes");
            require(request->headers.size() <= limits.maxHeaderCount, "more header fields than maxHeaderCount");
            outcome.requests.push_back(describe(*request));
        }
    }
    outcome.failed = parser.failed();
    if (outcome.failed) {
        outcome.status = parser.error().status;
        require(outcome.status == 400 || outcome.status == 413 || outcome.status == 431 || outcome.status == 501 ||
                    outcome.status == 505,
                "an error status that request_parser.h does not list");
        require(!parser.error().message.empty(), "an error without a message");
        parser.feed("GET / HTTP/1.1\r\n\r\n");
        require(!parser.next().has_value() && parser.failed(), "a failed parser recovered");
    }
    return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider provider(data, size);
    lab::http::ParserLimits limits;
    limits.maxHeaderBytes = provider.ConsumeIntegralInRange<std::size_t>(16, 512);
    limits.maxHeaderCount = provider.ConsumeIntegralInRange<std::size_t>(1, 16);
    limits.maxBodyBytes = provider.ConsumeIntegralInRange<std::size_t>(0, 256);
    std::vector<std::string> chunks;
    std::string input;
    while (provider.remaining_bytes() > 0) {
        std::string chunk = provider.ConsumeBytesAsString(provider.ConsumeIntegralInRange<std::size_t>(1, 64));
        input += chunk;
        chunks.push_back(std::move(chunk));
    }
    Outcome chunked = parse(chunks, limits);
    Outcome whole = parse({input}, limits);
    require(chunked.requests == whole.requests, "the chunking changed the requests");
    require(chunked.failed == whole.failed, "the chunking changed whether the input failed");
    require(chunked.status == whole.status, "the chunking changed the error status");
    return 0;
}
