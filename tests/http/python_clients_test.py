"""Python's http.client and raw sockets against build/bin/http-server.

http.client: GET, POST (201 + Location) and keep-alive (one socket, several requests).
Raw sockets, for what http.client will not send: pipelined requests (responses in order),
malformed request lines and headers (400), oversized headers (431), too many headers (431), an
oversized body still being sent (413, read before the server closes), a bad chunked body (400),
a request header that trickles in (408 at the header deadline), a body sent slowly but steadily
(answered), a TLS hello (400 at once), an idle connection (closed), clients that reset
mid-request. After all of it the server still answers and stops cleanly on SIGTERM.
Every socket has a timeout: nothing here can hang.
usage: python_clients_test.py HTTP_SERVER WORKDIR
"""
import http.client
import json
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from http_server_process import HttpServer  # noqa: E402

IDLE = 3  # the server's --idle-timeout for this test, in seconds
HEADER = 2  # its --header-timeout
BODY = 2  # its --body-timeout
failures = []


def check(what, expected, actual):
    if expected == actual:
        print("ok: %s" % what)
    else:
        print("FAIL: %s: expected %r, got %r" % (what, expected, actual))
        failures.append(what)


def connect(port, timeout=5):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    return s


def read_responses(sock, count, deadline_s=5):
    """Read `count` responses (status, headers, body) framed by Content-Length; stop at EOF."""
    data = b""
    out = []
    end = time.monotonic() + deadline_s
    while len(out) < count and time.monotonic() < end:
        while b"\r\n\r\n" in data and len(out) < count:
            head, rest = data.split(b"\r\n\r\n", 1)
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            headers = {k.lower(): v for k, v in (l.split(": ", 1) for l in lines[1:])}
            length = int(headers.get("content-length", "0"))
            if len(rest) < length:
                break
            out.append((status, headers, rest[:length]))
            data = rest[length:]
        if len(out) == count:
            break
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            break
        if not chunk:
            break
        data += chunk
    return out


def closed_by_server(sock, within_s):
    """True if the server closes (EOF or reset) within the time, reading and dropping data."""
    sock.settimeout(within_s)
    end = time.monotonic() + within_s
    try:
        while time.monotonic() < end:
            if not sock.recv(65536):
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except socket.timeout:
        return False
    return False


def status_of(port, raw):
    s = connect(port)
    s.sendall(raw)
    got = read_responses(s, 1)
    s.close()
    return got[0][0] if got else None


def main(binary, workdir):
    server = HttpServer(binary, workdir, "--backend", "poll", "--idle-timeout", str(IDLE),
                        "--header-timeout", str(HEADER), "--body-timeout", str(BODY))
    port = server.port

    # http.client: one connection, several requests (keep-alive).
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("POST", "/items", body=json.dumps({"name": "lamp"}), headers={"Content-Type": "application/json"})
    r = conn.getresponse()
    body = r.read()
    check("http.client POST status", 201, r.status)
    check("http.client POST Location", "/items/1", r.getheader("Location"))
    check("http.client POST body", {"id": 1, "name": "lamp"}, json.loads(body))
    first_socket = conn.sock
    conn.request("GET", "/items/1")
    r = conn.getresponse()
    check("http.client GET on the same connection", (200, {"id": 1, "name": "lamp"}), (r.status, json.loads(r.read())))
    check("http.client kept its socket (keep-alive)", True, conn.sock is first_socket and first_socket is not None)
    check("http.client Date header present", True, r.getheader("Date", "").endswith(" GMT"))
    conn.close()

    # Pipelining: three requests in one send; answers in the same order.
    s = connect(port)
    s.sendall(b"GET /items/1 HTTP/1.1\r\nHost: t\r\n\r\n"
              b"POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: 15\r\n\r\n{\"name\":\"desk\"}"
              b"GET /items/2 HTTP/1.1\r\nHost: t\r\n\r\n")
    got = read_responses(s, 3)
    check("pipelined statuses in order", [200, 201, 200], [g[0] for g in got])
    check("pipelined third body", {"id": 2, "name": "desk"}, json.loads(got[2][2]) if len(got) == 3 else None)
    s.close()

    # Malformed and oversized requests get their status.
    check("malformed request line", 400, status_of(port, b"HELLO\r\n\r\n"))
    check("binary garbage", 400, status_of(port, b"\x00\x01\x02\xff GET\r\n\r\n"))

    # A TLS ClientHello to this plain-HTTP port: 400 at once, well before any deadline, though
    # it never sends a line end.
    s = connect(port, timeout=HEADER + 5)
    start = time.monotonic()
    s.sendall(b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + b"\x00" * 32)
    got = read_responses(s, 1, deadline_s=HEADER + 5)
    check("TLS hello refused", 400, got[0][0] if got else None)
    check("TLS hello refused at once, not at a deadline", True, time.monotonic() - start < HEADER / 2)
    check("the 400 says why", True, bool(got) and b"TLS" in got[0][2])
    s.close()
    check("header without colon", 400, status_of(port, b"GET / HTTP/1.1\r\nNoColon\r\n\r\n"))
    check("bad Content-Length", 400, status_of(port, b"POST /items HTTP/1.1\r\nContent-Length: x\r\n\r\n"))
    check("bad chunk size", 400, status_of(port, b"POST /items HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
    check("unsupported transfer coding", 501, status_of(port, b"POST /items HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"))
    check("huge header", 431, status_of(port, b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n"))
    check("too many headers", 431, status_of(port, b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(150)) + b"\r\n"))

    # A body over the limit, still being sent when the server answers: the 413 must arrive.
    s = connect(port)
    s.sendall(b"POST /items HTTP/1.1\r\nContent-Length: 5000000\r\n\r\n")
    try:
        s.sendall(b"x" * 200000)
    except (ConnectionResetError, BrokenPipeError):
        pass
    got = read_responses(s, 1)
    check("oversized body", 413, got[0][0] if got else None)
    s.close()

    # A request header that trickles in: 408 at the header deadline from its first byte, although
    # a line arrived in between (Twisted would restart its timer on it).
    s = connect(port, timeout=IDLE + 5)
    start = time.monotonic()
    s.sendall(b"GET / HTTP/1.1\r\n")
    time.sleep(HEADER / 2)
    s.sendall(b"X-Slow: 1\r\n")
    got = read_responses(s, 1, deadline_s=IDLE + 5)
    elapsed = time.monotonic() - start
    check("slow request header", 408, got[0][0] if got else None)
    check("408 came at the header deadline, not a deadline after the last line", True, HEADER - 0.5 < elapsed < HEADER + 0.9)
    s.close()

    # A body sent slowly but steadily, for longer than every deadline: answered, not cut.
    s = connect(port, timeout=10)
    body = b'{"name":"slow but steady"}'
    s.sendall(b"POST /items HTTP/1.1\r\nHost: t\r\nContent-Length: %d\r\n\r\n" % len(body))
    start = time.monotonic()
    pieces = [body[i:i + 6] for i in range(0, len(body), 6)]
    for piece in pieces:
        time.sleep(BODY * 0.4)
        s.sendall(piece)
    got = read_responses(s, 1, deadline_s=5)
    check("slow but steady body answered", 201, got[0][0] if got else None)
    check("the body took longer than the header and body deadlines", True, time.monotonic() - start > max(HEADER, BODY))
    s.close()

    # An idle connection is closed.
    s = connect(port)
    check("idle connection closed by the server", True, closed_by_server(s, IDLE + 5))
    s.close()

    # Clients that reset in the middle of a request (SO_LINGER 0: close sends RST).
    for i in range(20):
        s = connect(port)
        s.sendall(b"POST /items HTTP/1.1\r\nContent-Length: 100\r\n\r\npartial")
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()

    # The server survived all of it.
    check("server still running", True, server.alive())
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", "/items")
    r = conn.getresponse()
    check("server still answers", (200, 3), (r.status, len(json.loads(r.read()))))
    conn.close()

    check("SIGTERM stops the server with exit 0", 0, server.stop())
    err = open(server.stderr_path).read()
    print("server stderr:", err.strip())
    if failures:
        print("%d failed: %s" % (len(failures), ", ".join(failures)))
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
