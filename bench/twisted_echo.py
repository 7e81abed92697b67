"""Twisted's own echo server, the reference row in echo-bench (bench/echo_bench.cpp).

    python3 bench/twisted_echo.py PORT      (0 picks a free port)

Prints "port N" and serves 127.0.0.1 until SIGINT or SIGTERM (Twisted's reactor stops on both).
Raises its open-file limit to the hard limit, as the C++ servers do (tools/open_file_limit.h).
"""
import resource
import sys

from twisted.internet import protocol, reactor


class Echo(protocol.Protocol):
    def dataReceived(self, data):
        self.transport.write(data)


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    port = reactor.listenTCP(int(sys.argv[1]), protocol.Factory.forProtocol(Echo), interface="127.0.0.1")
    print("port", port.getHost().port, flush=True)
    reactor.run()


if __name__ == "__main__":
    main()
