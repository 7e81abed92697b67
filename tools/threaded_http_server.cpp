// threaded-http-server: the HTTP server written the other way, one blocking thread per
// connection, as the baseline lessons 08 and 10 compare the reactor's http-server against.
//
//   build/bin/threaded-http-server --port N [--trace FILE]
//
// Routes, as far as a comparison needs them: GET / (a small page), GET /items, POST /items
// (201 + Location), GET /items/{id} (404 for an unknown id). The main thread blocks in accept();
// each connection's thread loops read() -> RequestParser -> answer -> write(), blocking in both,
// with keep-alive, until the client closes or asks to. The items live behind one mutex: threads
// share memory, so they must lock, where the reactor's handlers never run at the same time.
// Trace kinds as threaded-echo-server's (thread_started/blocked/woke/exited) plus http_request and
// http_response, with "connection" = the thread's lane minus one. Prints "port N"; SIGINT or
// SIGTERM stops it cleanly (see threaded_echo_server.cpp for how). Smoke-tested by
// tests/tools/threaded_http_smoke.sh.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <thread>

#include "accept_loop.h"
#include "blocking_server.h"
#include "connection_registry.h"
#include "http/request_parser.h"
#include "locked_tracer.h"
#include "open_file_limit.h"

namespace {

using lab::tools::LockedTracer;
using namespace lab::tools::blocking;
namespace http = lab::http;
namespace kind = lab::kind;

constexpr rlim_t kFilesNeeded = 1000 + 32;

// The items collection, shared by every connection's thread: hence the lock.
class Items {
public:
    lab::Value list() {
        std::lock_guard<std::mutex> lock(mutex_);
        lab::Value all = lab::Value::array();
        for (const auto& [id, item] : items_) all.push_back(item);
        return all;
    }
    std::optional<lab::Value> get(int id) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto found = items_.find(id);
        if (found == items_.end()) return std::nullopt;
        return found->second;
    }
    lab::Value add(lab::Value item) {
        std::lock_guard<std::mutex> lock(mutex_);
        item["id"] = nextId_;
        items_[nextId_++] = item;
        return item;
    }

private:
    std::mutex mutex_;
    std::map<int, lab::Value> items_;  // guarded by mutex_
    int nextId_ = 1;                   // guarded by mutex_
};

http::Response answer(Items& items, const http::Request& request) {
    const std::string& path = request.path;
    if (path == "/") {
        if (request.method != "GET" && request.method != "HEAD") return http::Response::text(405, "405 Method Not Allowed\n");
        return http::Response::html(200, "<!doctype html><title>threaded-http-server</title>"
                                         "<h1>One thread per connection</h1><p>See <a href=\"/items\">/items</a>.</p>\n");
    }
    if (path == "/items") {
        if (request.method == "GET" || request.method == "HEAD") return http::Response::json(200, items.list());
        if (request.method != "POST") return http::Response::text(405, "405 Method Not Allowed\n");
        lab::Value body = lab::Value::parse(request.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) return http::Response::json(400, {{"error", "the body is not a JSON object"}});
        lab::Value item = items.add(std::move(body));
        http::Response created = http::Response::json(201, item);
        created.headers.set("Location", "/items/" + item["id"].dump());
        return created;
    }
    if (path.rfind("/items/", 0) == 0) {
        char* end = nullptr;
        long id = std::strtol(path.c_str() + 7, &end, 10);
        auto item = (*end == '\0' && id > 0) ? items.get(static_cast<int>(id)) : std::nullopt;
        if (!item) return http::Response::json(404, {{"error", "no item " + path.substr(7)}});
        return http::Response::json(200, *item);
    }
    return http::Response::text(404, "404 Not Found\n");
}

// Write everything, blocking as long as the kernel's send buffer is full. False on an error.
bool writeAll(LockedTracer& tracer, int thread, int fd, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        tracer.emit(kind::threadBlocked, {{"thread", thread}, {"call", "write"}, {"fd", fd}});
        ssize_t m = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (m < 0 && errno == EINTR) continue;  // a signal interrupted the wait: wait again
        tracer.emit(kind::threadWoke, {{"thread", thread}, {"call", "write"}, {"fd", fd}, {"bytes", m}});
        if (m < 0) return false;
        sent += static_cast<std::size_t>(m);
    }
    return true;
}

std::string serialize(const http::Response& response, const std::string& method, bool close) {
    std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " + std::string(http::reasonPhrase(response.status)) + "\r\n";
    for (const http::Header& h : response.headers) out += h.name + ": " + h.value + "\r\n";
    out += "Date: " + http::formatHttpDate(std::chrono::system_clock::now()) + "\r\n";
    out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    if (close) out += "Connection: close\r\n";
    out += "\r\n";
    if (method != "HEAD") out += response.body;
    return out;
}

// One connection's whole life, on its own thread.
void serveConnection(LockedTracer& tracer, lab::tools::ConnectionRegistry& registry, Items& items, int thread, int fd) {
    tracer.emit(kind::threadStarted, {{"thread", thread}, {"name", "connection " + std::to_string(thread - 1)}});
    std::string reason = "end of file: the client closed";
    http::RequestParser parser;
    bool open = true;
    char buffer[16 * 1024];
    while (open) {
        tracer.emit(kind::threadBlocked, {{"thread", thread}, {"call", "read"}, {"fd", fd}});
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        tracer.emit(kind::threadWoke, {{"thread", thread}, {"call", "read"}, {"fd", fd}, {"bytes", n}});
        if (n < 0) reason = std::string("read failed: ") + std::strerror(errno);
        if (n <= 0) break;
        parser.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
        while (open) {
            std::optional<http::Request> request = parser.next();
            if (!request) break;
            tracer.emit(kind::httpRequest, {{"connection", thread - 1}, {"method", request->method}, {"target", request->target}});
            http::Response response = answer(items, *request);
            bool close = !request->keepAlive();
            std::string bytes = serialize(response, request->method, close);
            tracer.emit(kind::httpResponse, {{"connection", thread - 1}, {"status", response.status}, {"bytes", bytes.size()}});
            if (!writeAll(tracer, thread, fd, bytes)) {
                reason = std::string("write failed: ") + std::strerror(errno);
                open = false;
            } else if (close) {
                reason = "the client asked to close";
                open = false;
            }
        }
        if (open && parser.failed()) {
            const http::ParseError& error = parser.error();
            writeAll(tracer, thread, fd, serialize(http::Response::text(error.status, error.message + "\n"), "GET", true));
            reason = "bad request: " + error.message;
            open = false;
        }
    }
    if (stopping) reason = "server stopping";
    tracer.emit(kind::threadExited, {{"thread", thread}, {"reason", reason}});
    registry.remove(thread);  // closes fd
}

}  // namespace

int main(int argc, char** argv) {
    Args args = parseArgs(argc, argv, "threaded-http-server");
    try {
        lab::tools::raiseOpenFileLimit(kFilesNeeded);
        ::signal(SIGPIPE, SIG_IGN);  // a client gone mid-write fails that write with EPIPE instead
        LockedTracer tracer(args.trace, lab::TraceHeader{"threaded-http-server", "threads", "system"});
        listenFd = openListeningSocket(args.port);
        stopOnSignals();
        tracer.emit(kind::threadStarted, {{"thread", 1}, {"name", "main"}});
        std::cout << "port " << boundPort(listenFd) << std::endl;

        Items items;
        lab::tools::ConnectionRegistry registry;
        acceptLoop(tracer, registry, "threaded-http-server",
                   [&](int thread, int fd) { serveConnection(tracer, registry, items, thread, fd); });
        registry.shutdownAll();  // wakes every connection thread blocked in read()
        registry.waitUntilEmpty();
        ::close(listenFd);
        tracer.emit(kind::threadExited, {{"thread", 1}, {"reason", "stopped by signal"}});
        tracer.close();
        std::cerr << "threaded-http-server: stopped\n";
    } catch (const std::exception& e) {
        std::cerr << "threaded-http-server: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
