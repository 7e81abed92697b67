// Address: one end of a TCP connection, an IPv4 host and port (Twisted's IPv4Address).
// getPeer()/getHost() return it. Traces never carry the port: it differs on every run.
#pragma once

#include <string>

namespace lab {

struct Address {
    std::string host;  // dotted quad, e.g. "127.0.0.1"
    int port = 0;

    std::string toString() const { return host + ":" + std::to_string(port); }
    bool operator==(const Address&) const = default;
};

}  // namespace lab
