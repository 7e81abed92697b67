// deferLater; see defer_later.h.
#include "deferred/defer_later.h"

namespace lab {

Deferred detail::deferLaterWith(Reactor& reactor, Duration delay, const std::function<void(Deferred&)>& addPairs,
                                std::source_location where) {
    // The canceller needs the timer, which needs the Deferred: the holder is filled in last.
    auto timer = std::make_shared<std::shared_ptr<DelayedCall>>();
    Deferred d(
        [timer](Deferred&) {
            if (*timer && (*timer)->active()) (*timer)->cancel();
        },
        "deferLater", where);
    if (addPairs) addPairs(d);
    *timer = reactor.callLater(delay, [d]() mutable { d.callback(nullptr); }, where);
    return d;
}

Deferred deferLater(Reactor& reactor, Duration delay, std::source_location where) {
    return detail::deferLaterWith(reactor, delay, nullptr, where);
}

}  // namespace lab
