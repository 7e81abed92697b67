// Failure; see failure.h.
#include "deferred/failure.h"

#include <stdexcept>

#include "core/errors.h"

namespace lab {

Failure::Failure(std::exception_ptr error) : error_(std::move(error)) {
    if (!error_) throw std::invalid_argument("Failure: there is no exception to wrap (null exception_ptr)");
    // The only portable way to learn an exception_ptr's type is to rethrow it and catch it.
    try {
        std::rethrow_exception(error_);
    } catch (const std::exception& e) {
        typeName_ = demangledTypeName(typeid(e));
        message_ = e.what();
    } catch (...) {
        typeName_ = currentExceptionTypeName();
        message_ = "(not derived from std::exception)";
    }
}

void Failure::raiseException() const { std::rethrow_exception(error_); }

}  // namespace lab
