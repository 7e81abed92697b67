// The tolerant field readers every reader of traces uses (reactor/trace/trace_fields.h): a field
// that is there gives its value; missing, null or of another type gives the fallback.
#include <catch2/catch.hpp>

#include "trace/trace_fields.h"

using namespace lab;

namespace {
TraceJson event() {
    return TraceJson::parse(R"({"seq":3,"t":10,"iter":1,"kind":"wait_end","fd":7,"timeout_ns":null,"ok":true,
                                "reason":"next timer","count":"12","readable":[3,"x",5],"nested":{"a":1}})");
}
}  // namespace

TEST_CASE("Trace fields: an integer field gives its value, anything else the fallback") {
    TraceJson e = event();
    CHECK(intField(e, "fd") == 7);
    CHECK(intField(e, "missing", 42) == 42);
    CHECK(intField(e, "timeout_ns", -5) == -5);  // null
    CHECK(intField(e, "count", 9) == 9);         // a string, not an integer
    CHECK(intField(e, "reason") == 0);
    CHECK(fdField(e) == 7);
    CHECK(fdField(e, "missing") == -1);
}

TEST_CASE("Trace fields: an optional integer is nullopt when missing or null") {
    TraceJson e = event();
    CHECK(optionalIntField(e, "fd") == 7);
    CHECK_FALSE(optionalIntField(e, "timeout_ns").has_value());
    CHECK_FALSE(optionalIntField(e, "missing").has_value());
    CHECK_FALSE(optionalIntField(e, "reason").has_value());
}

TEST_CASE("Trace fields: text is a string's value, another value's JSON text, or the fallback") {
    TraceJson e = event();
    CHECK(textField(e, "reason") == "next timer");
    CHECK(textField(e, "fd") == "7");
    CHECK(textField(e, "nested") == R"({"a":1})");
    CHECK(textField(e, "timeout_ns", "none") == "none");
    CHECK(textField(e, "missing") == "");
    CHECK(textField(e, "missing", "?") == "?");
}

TEST_CASE("Trace fields: booleans and descriptor lists") {
    TraceJson e = event();
    CHECK(boolField(e, "ok"));
    CHECK_FALSE(boolField(e, "missing"));
    CHECK(boolField(e, "fd", true));  // not a boolean: the fallback
    CHECK(fdListField(e, "readable") == std::vector<int>{3, 5});  // "x" is skipped
    CHECK(fdListField(e, "fd").empty());
    CHECK(fdListField(e, "missing").empty());
}

TEST_CASE("Trace fields: a value that is not an object has no fields") {
    TraceJson list = TraceJson::parse("[1,2]");
    CHECK(intField(list, "fd", 3) == 3);
    CHECK(textField(list, "reason", "none") == "none");
}
