// cancel() on a coroutine's Deferred (Twisted's _cancellableInlineCallbacks): what the
// coroutine's promise shares with the cancellers of its Deferreds.
//
// cancel() cancels the Deferred the coroutine waits on, and the CancelledError is thrown into the
// coroutine at its co_await; the coroutine's Deferred then fires with whatever the coroutine
// does: a coroutine that catches the error and carries on decides its own result, and a second
// cancel() cancels what it waits on by then. How, in coroutine_cancel.cpp. The promise itself is
// in coroutine.h. Taught in lessons/11-coroutines; tested in tests/deferred/coroutine_test.cpp.
#pragma once

#include <memory>
#include <optional>

#include "deferred/deferred.h"
#include "deferred/deferred_state.h"

namespace lab::detail {

// Twisted's _CancellationStatus. The coroutine's frame owns it (through its promise).
struct CoroutineStatus {
    // The Deferred the coroutine fires when it ends: its own at first, and after a cancel() a
    // new one that its own waits on. Empty only until the promise hands its own out.
    std::optional<Deferred> deferred;
    // The Deferred it last suspended on (Twisted's waitingOn: not cleared when it resumes).
    std::weak_ptr<Deferred::State> waitingOn;
};

// The canceller of a coroutine's Deferred. It holds the status weakly: a coroutine that has
// ended has fired its Deferred already, and nothing is left to cancel.
Deferred::Canceller coroutineCanceller(std::weak_ptr<CoroutineStatus> status);

}  // namespace lab::detail
