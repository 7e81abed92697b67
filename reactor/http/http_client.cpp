// The HTTP client; see http_client.h. A ClientRequest is the factory of its one connection and
// holds everything the request needs: the Deferred, the parser, the connector. Read
// ClientRequest::received and ClientRequest::lost first: every response ends in one of them.
#include "http/http_client.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <utility>

#include "core/reactor.h"
#include "transport/errors.h"
#include "transport/tcp.h"

namespace lab::http {

namespace {

class ClientRequest;

// The connection's Protocol: it only forwards to its request, which outlives it (the request
// owns the connector, which owns the transport, which owns this protocol).
class HttpClientProtocol final : public Protocol {
public:
    explicit HttpClientProtocol(ClientRequest& request) : request_(request) {}
    void connectionMade() override;
    void dataReceived(std::string_view data) override;
    void connectionLost(std::exception_ptr reason) override;

private:
    ClientRequest& request_;
};

class ClientRequest final : public ClientFactory, public std::enable_shared_from_this<ClientRequest> {
public:
    ClientRequest(Reactor& reactor, std::string method, Url url, std::string bytes, HttpClientOptions options)
        : reactor_(reactor), name_(method + " " + url.target), url_(std::move(url)), bytes_(std::move(bytes)),
          options_(std::move(options)), parser_(options_.limits, method == "HEAD") {}

    // The Deferred's canceller holds a weak_ptr to us, so the Deferred does not keep us alive.
    void start(Deferred deferred) {
        deferred_.emplace(std::move(deferred));
        connector_ = connectTCP(reactor_, url_.host, url_.port, shared_from_this(), options_.connectTimeout);
    }

    // cancel() on the Deferred (a timeout included): stop whatever is under way. Deferred::cancel
    // then fires the CancelledError itself, so nothing here reports the failure it causes.
    void cancel() {
        if (finished_) return;
        finished_ = true;
        if (!connector_) return;
        if (connector_->state() == Connector::State::connecting) {
            connector_->stopConnecting();
        } else if (TcpTransport* transport = connector_->transport()) {
            transport->abortConnection();
        }
    }

    std::shared_ptr<Protocol> buildProtocol(const Address&) override { return std::make_shared<HttpClientProtocol>(*this); }

    void clientConnectionFailed(Connector&, std::exception_ptr reason) override {
        if (!finished_) fail(withRequestName(reason));
        release();
    }
    void clientConnectionLost(Connector&, std::exception_ptr) override { release(); }

    void connected(ITransport& transport) { transport.write(bytes_); }

    void received(ITransport& transport, std::string_view data) {
        if (finished_) return;
        parser_.feed(data);
        if (parser_.failed()) {
            transport.abortConnection();
            fail(std::make_exception_ptr(ResponseFailed(name_ + ": malformed response: " + parser_.error())));
        } else if (parser_.done()) {
            // Close first, then fire: the callbacks see a request that is over.
            transport.loseConnection();
            succeed();
        }
    }

    void lost(std::exception_ptr reason) {
        if (finished_) return;
        parser_.finish();  // the close is what ends a close-delimited body
        if (parser_.done()) {
            succeed();
            return;
        }
        std::string why = " (" + describeException(reason) + ")";
        if (!parser_.started()) {
            fail(std::make_exception_ptr(ResponseNeverReceived(name_ + ": " + parser_.error() + why)));
        } else {
            fail(std::make_exception_ptr(ResponseFailed(name_ + ": " + parser_.error() + why)));
        }
    }

private:
    void succeed() {
        finished_ = true;
        deferred_->callback(responseToValue(parser_.takeResponse()));
    }
    void fail(std::exception_ptr reason) {
        finished_ = true;
        deferred_->errback(Failure(reason));
    }

    // The connector calls us from inside its own functions, so it must not be destroyed here:
    // a timer of zero delay holds it (and, through it, us) until the next turn of the loop.
    void release() {
        if (!connector_) return;
        std::shared_ptr<Connector> connector(std::move(connector_));
        reactor_.callLater(Duration::zero(), [connector] {});
    }

    // The connector's error, same type, with the request's name in front of its message.
    std::exception_ptr withRequestName(std::exception_ptr reason) const {
        try {
            std::rethrow_exception(reason);
        } catch (const ConnectionRefusedError& e) {
            return std::make_exception_ptr(ConnectionRefusedError(name_ + ": " + e.what()));
        } catch (const UserError& e) {
            return std::make_exception_ptr(UserError(name_ + ": " + e.what()));
        } catch (const ConnectError& e) {
            return std::make_exception_ptr(ConnectError(name_ + ": " + e.what()));
        } catch (const TimeoutError& e) {
            return std::make_exception_ptr(TimeoutError(name_ + ": " + e.what()));
        } catch (...) {
            return reason;
        }
    }

    Reactor& reactor_;
    std::string name_;   // "GET /items/3": in every message and in the Deferred's label
    Url url_;
    std::string bytes_;  // the whole request, written at connectionMade
    HttpClientOptions options_;
    ResponseParser parser_;
    std::optional<Deferred> deferred_;     // set by start(); optional so no placeholder shows in traces
    std::unique_ptr<Connector> connector_;  // until the connection has ended (release())
    bool finished_ = false;                 // the Deferred fired, or was cancelled
};

void HttpClientProtocol::connectionMade() { request_.connected(*transport); }
void HttpClientProtocol::dataReceived(std::string_view data) { request_.received(*transport, data); }
void HttpClientProtocol::connectionLost(std::exception_ptr reason) { request_.lost(reason); }

bool hasLineBreak(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

// The request's bytes. Header values are checked: a CR or LF in one would let a caller's data
// start a header (or a whole request) of its own.
std::string buildRequest(const std::string& method, const Url& url, const std::string& body, const Headers& extra) {
    std::string out = method + " " + url.target + " HTTP/1.1\r\n";
    out += "Host: " + url.host + ":" + std::to_string(url.port) + "\r\n";
    out += "Connection: close\r\n";
    for (const Header& header : extra) {
        if (equalsIgnoreCase(header.name, "Host") || equalsIgnoreCase(header.name, "Connection") ||
            equalsIgnoreCase(header.name, "Content-Length")) {
            continue;
        }
        if (header.name.empty() || hasLineBreak(header.name) || hasLineBreak(header.value)) {
            throw std::invalid_argument(method + " " + url.target + ": header '" + header.name +
                                        "' has an empty name or a line break in it");
        }
        out += header.name + ": " + header.value + "\r\n";
    }
    if (!body.empty() || method == "POST" || method == "PUT") out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    out += "\r\n";
    out += body;
    return out;
}

bool isDottedQuad(std::string_view host) {
    int parts = 0;
    while (true) {
        std::size_t dot = host.find('.');
        std::string_view part = host.substr(0, dot);
        if (part.empty() || part.size() > 3 || !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
            std::stoi(std::string(part)) > 255) {
            return false;
        }
        ++parts;
        if (dot == std::string_view::npos) break;
        host.remove_prefix(dot + 1);
    }
    return parts == 4;
}

}  // namespace

Url parseUrl(std::string_view url) {
    auto bad = [&](const std::string& why) { return std::invalid_argument("URL '" + std::string(url) + "': " + why); };
    constexpr std::string_view scheme = "http://";
    if (url.size() < scheme.size() || !equalsIgnoreCase(url.substr(0, scheme.size()), scheme)) {
        throw bad("only http:// URLs are supported");
    }
    std::string_view rest = url.substr(scheme.size());
    rest = rest.substr(0, rest.find('#'));  // a fragment is for the browser, never sent
    std::size_t authorityEnd = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, authorityEnd);
    Url result;
    std::size_t colon = authority.rfind(':');
    result.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
        std::string_view port = authority.substr(colon + 1);
        if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
            std::stoi(std::string(port)) < 1 || std::stoi(std::string(port)) > 65535) {
            throw bad("the port '" + std::string(port) + "' is not a number from 1 to 65535");
        }
        result.port = std::stoi(std::string(port));
    }
    if (result.host.empty()) throw bad("the host is missing");
    if (equalsIgnoreCase(result.host, "localhost")) result.host = "127.0.0.1";
    if (!isDottedQuad(result.host)) throw bad("the host must be an IPv4 address like 127.0.0.1 (names are not resolved)");
    std::string_view target = authorityEnd == std::string_view::npos ? std::string_view() : rest.substr(authorityEnd);
    if (std::any_of(target.begin(), target.end(), [](char c) { return c <= ' ' || c == 127; })) {
        throw bad("the path has a space or a control character in it");
    }
    result.target = target.empty() ? "/" : target.front() == '?' ? "/" + std::string(target) : std::string(target);
    return result;
}

Deferred httpRequest(Reactor& reactor, std::string method, std::string_view url, std::string body,
                     HttpClientOptions options, std::source_location where) {
    std::optional<Duration> timeout = options.timeout;
    std::shared_ptr<ClientRequest> request;
    std::string label = method + " " + std::string(url);
    try {
        Url parsed = parseUrl(url);
        label = method + " " + parsed.target;  // no host or port: traces stay the same across runs
        std::string bytes = buildRequest(method, parsed, body, options.headers);
        request = std::make_shared<ClientRequest>(reactor, std::move(method), std::move(parsed), std::move(bytes),
                                                  std::move(options));
    } catch (const std::invalid_argument&) {
        return fail(Failure(std::current_exception()), where);  // as Twisted's Agent: a failed Deferred
    }
    std::weak_ptr<ClientRequest> weak = request;
    Deferred deferred([weak](Deferred&) {
        if (auto alive = weak.lock()) alive->cancel();
    }, label, where);
    request->start(deferred);
    if (timeout) deferred.addTimeout(*timeout, reactor, nullptr, where);
    return deferred;
}

Deferred httpGet(Reactor& reactor, std::string_view url, HttpClientOptions options, std::source_location where) {
    return httpRequest(reactor, "GET", url, {}, std::move(options), where);
}

Deferred httpPost(Reactor& reactor, std::string_view url, std::string body, HttpClientOptions options,
                  std::source_location where) {
    if (!options.headers.has("Content-Type")) options.headers.add("Content-Type", "application/json");
    return httpRequest(reactor, "POST", url, std::move(body), std::move(options), where);
}

}  // namespace lab::http
