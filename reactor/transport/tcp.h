// listenTCP and connectTCP: the TCP entry points (Twisted's reactor.listenTCP/connectTCP).
// Free functions, so the Reactor class stays the loop and nothing else: they only build a
// ListeningPort or a Connector on the reactor they are given.
//
//   auto port = listenTCP(reactor, 0, std::make_shared<EchoFactory>());  // 0: any free port
//   int chosen = port->getHost().port;
//   auto connector = connectTCP(reactor, "127.0.0.1", chosen, std::make_shared<Client>());
//
// Keep the returned object alive: destroying it stops listening / closes the connection.
// Taught in lessons/03-echo-server; tested in tests/transport/*_test.cpp.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/reactor.h"
#include "protocol/factory.h"
#include "transport/connector.h"
#include "transport/errors.h"
#include "transport/listening_port.h"

namespace lab {

// Twisted's default connect timeout.
inline constexpr Duration kDefaultConnectTimeout = std::chrono::seconds(30);

// Listen on interface:port (IPv4 dotted quad). Throws CannotListenError (port in use, ...).
[[nodiscard]] std::unique_ptr<ListeningPort> listenTCP(Reactor& reactor, int port, std::shared_ptr<Factory> factory,
                                                       const std::string& interface = "127.0.0.1");

// Start connecting to host:port (IPv4 dotted quad; names are not resolved). The outcome reaches
// the factory: buildProtocol + connectionMade, or clientConnectionFailed.
[[nodiscard]] std::unique_ptr<Connector> connectTCP(Reactor& reactor, const std::string& host, int port,
                                                    std::shared_ptr<ClientFactory> factory,
                                                    std::optional<Duration> timeout = kDefaultConnectTimeout);

}  // namespace lab
