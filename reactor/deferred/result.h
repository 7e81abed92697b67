// Result: what travels down a Deferred chain, a JSON value or a Failure.
//
// Twisted's results are dynamically typed Python objects; ours are nlohmann::json values, so that
// a trace can show every callback's input and output. A Failure is the other alternative: which side
// of the chain runs next (callback or errback) depends only on which one the Result holds.
// summary() is the one-line form traces use; huge values are cut (see kMaxSummary).
// Tested in tests/deferred/deferred_test.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "deferred/failure.h"

namespace lab {

using Value = nlohmann::json;

class Result {
public:
    Result() : data_(Value()) {}
    Result(Value value) : data_(std::move(value)) {}
    Result(Failure failure) : data_(std::move(failure)) {}

    bool isFailure() const { return std::holds_alternative<Failure>(data_); }
    // Preconditions: the Result holds that alternative (a readable std::logic_error otherwise).
    const Value& value() const;
    const Failure& failure() const;
    Value takeValue();
    Failure takeFailure();

    // A value as compact JSON, a failure as "Type: message"; cut to kMaxSummary characters with
    // "...(truncated)" at the end, so a trace line stays readable.
    std::string summary() const;
    static constexpr std::size_t kMaxSummary = 200;

private:
    std::variant<Value, Failure> data_;
};

}  // namespace lab
