// describeException and type names; see errors.h.
#include "core/errors.h"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <typeinfo>

namespace lab {

std::string demangledTypeName(const std::type_info& type) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> readable(abi::__cxa_demangle(type.name(), nullptr, nullptr, &status),
                                                    std::free);
    return status == 0 && readable ? std::string(readable.get()) : std::string(type.name());
}

std::string currentExceptionTypeName() {
    // C++ lets anything be thrown, not only std::exception: ask the runtime what it is.
    const std::type_info* type = abi::__cxa_current_exception_type();
    return type ? demangledTypeName(*type) : "unknown";
}

std::string describeException(std::exception_ptr error) {
    if (!error) return "no exception";
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return demangledTypeName(typeid(e)) + ": " + e.what();
    } catch (...) {
        return currentExceptionTypeName() + " (not derived from std::exception)";
    }
}

}  // namespace lab
