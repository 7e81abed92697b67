// Failure; see failure.h.
#include "deferred/failure.h"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <typeinfo>

namespace lab {

namespace {
std::string demangle(const char* name) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> readable(abi::__cxa_demangle(name, nullptr, nullptr, &status), std::free);
    return status == 0 && readable ? std::string(readable.get()) : std::string(name);
}
}  // namespace

Failure::Failure(std::exception_ptr error) : error_(std::move(error)) {
    if (!error_) throw std::invalid_argument("Failure: there is no exception to wrap (null exception_ptr)");
    // The only portable way to learn an exception_ptr's type is to rethrow it and catch it.
    try {
        std::rethrow_exception(error_);
    } catch (const std::exception& e) {
        typeName_ = demangle(typeid(e).name());
        message_ = e.what();
    } catch (...) {
        // C++ lets anything be thrown; say what we can.
        const std::type_info* type = abi::__cxa_current_exception_type();
        typeName_ = type ? demangle(type->name()) : "unknown";
        message_ = "(not derived from std::exception)";
    }
}

void Failure::raiseException() const { std::rethrow_exception(error_); }

}  // namespace lab
