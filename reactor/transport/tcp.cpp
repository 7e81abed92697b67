// listenTCP and connectTCP; see tcp.h.
#include "transport/tcp.h"

namespace lab {

std::unique_ptr<ListeningPort> listenTCP(Reactor& reactor, int port, std::shared_ptr<Factory> factory,
                                         const std::string& interface) {
    auto listening = std::make_unique<ListeningPort>(reactor, port, std::move(factory), interface);
    listening->startListening();
    return listening;
}

std::unique_ptr<Connector> connectTCP(Reactor& reactor, const std::string& host, int port,
                                      std::shared_ptr<ClientFactory> factory, std::optional<Duration> timeout) {
    auto connector = std::make_unique<Connector>(reactor, host, port, std::move(factory), timeout);
    connector->connect();
    return connector;
}

}  // namespace lab
