// formatEvent and EventBroadcaster (sse.h).
#include "http/sse.h"

#include <algorithm>

namespace lab::http {

std::string formatEvent(std::string_view data, std::string_view event, std::string_view id) {
    std::string out;
    if (!event.empty()) out.append("event: ").append(event).append("\n");
    if (!id.empty()) out.append("id: ").append(id).append("\n");
    // A line break inside the data would end the field early: each line gets its own "data:",
    // and the browser joins them back with "\n".
    std::string_view rest = data;
    while (true) {
        std::size_t lf = rest.find('\n');
        std::string_view line = rest.substr(0, lf);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        out.append("data: ").append(line).append("\n");
        if (lf == std::string_view::npos) break;
        rest.remove_prefix(lf + 1);
    }
    out.append("\n");
    return out;
}

EventBroadcaster::EventBroadcaster(Reactor& reactor, Duration keepAliveInterval)
    : reactor_(reactor), keepAliveInterval_(keepAliveInterval) {}

EventBroadcaster::~EventBroadcaster() {
    *alive_ = false;
    if (keepAlive_ && keepAlive_->active()) keepAlive_->cancel();
}

Response EventBroadcaster::subscribe(const Request&) {
    Response response;
    response.headers.set("Content-Type", "text/event-stream");
    response.headers.set("Cache-Control", "no-cache");
    std::weak_ptr<bool> alive = alive_;
    response.stream = [this, alive](std::shared_ptr<ResponseStream> stream) {
        if (auto live = alive.lock(); live && *live) add(std::move(stream));
    };
    return response;
}

void EventBroadcaster::add(std::shared_ptr<ResponseStream> stream) {
    // The first bytes tell the browser how long to wait before reconnecting, and open the
    // stream for it at once (EventSource's onopen) rather than at the first event.
    stream->write("retry: 2000\n: connected\n\n");
    const ResponseStream* key = stream.get();
    std::weak_ptr<bool> alive = alive_;
    clients_.push_back(stream);
    stream->notifyClosed([this, alive, key] {
        if (auto live = alive.lock(); live && *live) forget(key);
    });
    scheduleKeepAlive();
}

void EventBroadcaster::forget(const ResponseStream* stream) {
    std::erase_if(clients_, [&](const std::shared_ptr<ResponseStream>& s) { return s.get() == stream; });
    if (clients_.empty() && keepAlive_ && keepAlive_->active()) keepAlive_->cancel();
}

std::size_t EventBroadcaster::broadcast(std::string_view data, std::string_view event) {
    std::string id = std::to_string(nextId_++);
    std::string wire = formatEvent(data, event, id);
    // Copy the list: a write never closes a stream synchronously today, but a listener that
    // does must not invalidate this loop.
    std::vector<std::shared_ptr<ResponseStream>> audience = clients_;
    std::size_t sent = 0;
    for (const auto& client : audience) {
        if (!client->open()) continue;
        client->write(wire);
        ++sent;
    }
    reactor_.tracer().emit(kind::sseBroadcast, {{"event", nextId_ - 1}, {"clients", sent}, {"bytes", wire.size()}});
    return sent;
}

void EventBroadcaster::scheduleKeepAlive() {
    if (keepAliveInterval_ <= Duration::zero() || (keepAlive_ && keepAlive_->active())) return;
    std::weak_ptr<bool> alive = alive_;
    keepAlive_ = reactor_.callLater(keepAliveInterval_, [this, alive] {
        if (auto live = alive.lock(); live && *live) sendKeepAlive();
    });
}

void EventBroadcaster::sendKeepAlive() {
    keepAlive_.reset();
    if (clients_.empty()) return;
    std::vector<std::shared_ptr<ResponseStream>> audience = clients_;
    for (const auto& client : audience)
        if (client->open()) client->write(": keep-alive\n\n");
    scheduleKeepAlive();
}

}  // namespace lab::http
