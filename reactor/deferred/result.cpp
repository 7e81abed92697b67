// Result; see result.h.
#include "deferred/result.h"

#include <stdexcept>

namespace lab {

const Value& Result::value() const {
    if (isFailure()) throw std::logic_error("Result::value: the result is a Failure (" + failure().summary() + ")");
    return std::get<Value>(data_);
}

const Failure& Result::failure() const {
    if (!isFailure()) throw std::logic_error("Result::failure: the result is a value, not a Failure");
    return std::get<Failure>(data_);
}

Value Result::takeValue() {
    value();  // checks the precondition
    return std::move(std::get<Value>(data_));
}

Failure Result::takeFailure() {
    failure();  // checks the precondition
    return std::move(std::get<Failure>(data_));
}

std::string Result::summary() const {
    std::string text = isFailure() ? failure().summary()
                                   : value().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (text.size() > kMaxSummary) {
        text.resize(kMaxSummary);
        text += "...(truncated)";
    }
    return text;
}

}  // namespace lab
