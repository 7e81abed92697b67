// Failure: an exception caught on the way through a Deferred chain (Twisted's failure.Failure).
//
// It keeps the exception itself (std::exception_ptr, so it can be rethrown with its real type)
// and, taken once at construction, the type's readable name and the message, which is what
// traces and "Unhandled error in Deferred" reports print. An errback asks what it holds with
// check<E...>() or trap<E...>(); trap rethrows the original exception when nothing matches, so
// the chain stays on the errback side with the same Failure.
// Not here: the errors Deferreds themselves raise (deferred/errors.h).
// Taught in lessons/07-errors; tested in tests/deferred/failure_test.cpp.
#pragma once

#include <concepts>
#include <exception>
#include <string>

namespace lab {

class Failure {
public:
    // Wrap an exception already in flight (std::current_exception()) or made elsewhere.
    explicit Failure(std::exception_ptr error);
    // Wrap an exception object: Failure(std::runtime_error("boom")).
    template <typename E>
        requires std::derived_from<std::decay_t<E>, std::exception>
    explicit Failure(E&& error) : Failure(std::make_exception_ptr(std::forward<E>(error))) {}

    // "std::runtime_error", "lab::CancelledError": demangled, as C++ spells the type.
    const std::string& typeName() const { return typeName_; }
    // what() of the exception (Twisted's getErrorMessage).
    const std::string& getErrorMessage() const { return message_; }
    // "Type: message", the one-line form used in traces and reports.
    std::string summary() const { return typeName_ + ": " + message_; }
    const std::exception_ptr& exception() const { return error_; }

    // Does the exception derive from one of E...? (Twisted's check, as a yes/no.)
    template <typename... E>
    bool check() const {
        static_assert(sizeof...(E) > 0, "check<E...>() needs at least one exception type");
        try {
            std::rethrow_exception(error_);
        } catch (...) {
            return (isA<E>() || ...);
        }
    }
    // Like check, but rethrows the original exception when nothing matches. Called inside an
    // errback, that means "I only handle these; let anything else carry on down the chain."
    template <typename... E>
    void trap() const {
        if (!check<E...>()) raiseException();
    }
    // Throw the wrapped exception, with its own type.
    [[noreturn]] void raiseException() const;

private:
    // Called while the wrapped exception is being handled (inside catch): does it match E?
    template <typename E>
    static bool isA() {
        try {
            throw;
        } catch (const E&) {
            return true;
        } catch (...) {
            return false;
        }
    }

    std::exception_ptr error_;  // never null
    std::string typeName_;
    std::string message_;
};

}  // namespace lab
