// The exceptions Deferreds raise, named as in Twisted's twisted.internet.defer.
//
// FirstError (DeferredList with fireOnOneErrback) lives with DeferredList in deferred_list.h,
// because it carries a Failure. Tested in tests/deferred/deferred_test.cpp.
#pragma once

#include <stdexcept>

#include "core/errors.h"

namespace lab {

// callback() or errback() on a Deferred that already has a result (Twisted: AlreadyCalledError).
struct AlreadyCalledError : std::logic_error {
    using std::logic_error::logic_error;
};

// The failure a cancelled Deferred fires with (Twisted: CancelledError).
struct CancelledError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The failure addTimeout turns a timed-out cancellation into is TimeoutError, in core/errors.h
// (shared with connectTCP's timeout, as Twisted's error.TimeoutError is).

}  // namespace lab
