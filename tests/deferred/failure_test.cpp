// Failure: type name, message, check, trap, raiseException.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "deferred/errors.h"
#include "deferred/failure.h"

using namespace lab;

TEST_CASE("Failure: keeps the exception's type name and message") {
    Failure failure(std::runtime_error("boom"));
    CHECK(failure.typeName() == "std::runtime_error");
    CHECK(failure.getErrorMessage() == "boom");
    CHECK(failure.summary() == "std::runtime_error: boom");
}

TEST_CASE("Failure: wraps the exception in flight inside a catch block") {
    try {
        throw CancelledError("stop");
    } catch (...) {
        Failure failure(std::current_exception());
        CHECK(failure.typeName() == "lab::CancelledError");
        CHECK(failure.getErrorMessage() == "stop");
    }
}

TEST_CASE("Failure: a null exception_ptr is refused") {
    CHECK_THROWS_AS(Failure(std::exception_ptr()), std::invalid_argument);
}

TEST_CASE("Failure: check matches the exception's own type and its bases only") {
    Failure failure(std::out_of_range("index 9"));
    CHECK(failure.check<std::out_of_range>());
    CHECK(failure.check<std::logic_error>());
    CHECK(failure.check<std::exception>());
    CHECK_FALSE(failure.check<std::runtime_error>());
    CHECK(failure.check<std::runtime_error, std::logic_error>());
}

TEST_CASE("Failure: trap returns when one type matches and rethrows the original otherwise") {
    Failure failure(std::out_of_range("index 9"));
    CHECK_NOTHROW(failure.trap<std::runtime_error, std::out_of_range>());
    CHECK_THROWS_AS(failure.trap<CancelledError>(), std::out_of_range);
}

TEST_CASE("Failure: raiseException throws the wrapped exception with its type and message") {
    Failure failure(std::invalid_argument("bad"));
    CHECK_THROWS_WITH(failure.raiseException(), "bad");
    CHECK_THROWS_AS(failure.raiseException(), std::invalid_argument);
}

TEST_CASE("Failure: something thrown that is not a std::exception is still described") {
    try {
        throw 42;
    } catch (...) {
        Failure failure(std::current_exception());
        CHECK(failure.typeName() == "int");
        CHECK_FALSE(failure.check<std::exception>());
    }
}
