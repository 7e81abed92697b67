#!/usr/bin/python3
"""Writes the seed corpora of the fuzz targets that read their input with FuzzedDataProvider
(line_receiver, request_parser): readable text in front, the numbers (limits, chunk sizes) packed
at the end in the order the target consumes them, as FuzzedDataProvider reads integers from the
end. Run it after changing how a target reads its input: python3 tests/fuzz/make_seeds.py
The trace_reader seeds are plain trace files (copies of traces/edge/ fixtures and a sample head).
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def integral(value, low, high):
    """The bytes (in consumption order) that make ConsumeIntegralInRange(low, high) return value."""
    span = high - low
    count = 0
    while count < 8 and (span >> (8 * count)) > 0:
        count += 1
    offset = value - low
    # Bytes are read last-first and shifted in: the first byte read is the most significant.
    return [(offset >> (8 * (count - 1 - i))) & 0xFF for i in range(count)]


def pack(front, tail):
    """front: bytes read from the start; tail: byte values in the order they are read from the end."""
    return bytes(front) + bytes(reversed(tail))


def chunked(text, size, low, high):
    chunks = [text[i:i + size] for i in range(0, len(text), size)]
    front, tail = b"", []
    for chunk in chunks:
        tail += integral(len(chunk), low, high)
        front += chunk
    return front, tail


def line_receiver(max_length, delimiter, text, chunk):
    tail = integral(max_length, 0, 64) + integral(len(delimiter), 0, 3)
    front, chunk_tail = chunked(text, chunk, 1, 32)
    return pack(delimiter + front, tail + chunk_tail)


def request_parser(header_bytes, header_count, body_bytes, text, chunk):
    tail = integral(header_bytes, 16, 512) + integral(header_count, 1, 16) + integral(body_bytes, 0, 256)
    front, chunk_tail = chunked(text, chunk, 1, 64)
    return pack(front, tail + chunk_tail)


SEEDS = {
    "line_receiver": {
        "crlf_lines": line_receiver(16, b"\r\n", b"alpha\r\nbeta\r\n\r\ngamma\r\n", 3),
        "lf_raw_mode": line_receiver(16, b"\n", b"R\x05\nabc\ndline\nQuit\nafter\n", 2),
        "too_long": line_receiver(4, b"\r\n", b"ok\r\nmuch too long\r\nnever\r\n", 5),
        "odd_delimiter": line_receiver(8, b"aXa", b"oneaXatwoaXaXaXathree", 1),
    },
    "request_parser": {
        "get": request_parser(512, 16, 256, b"GET /items/3?verbose=1 HTTP/1.1\r\nHost: a\r\n\r\n", 7),
        "post_length": request_parser(512, 16, 256, b"POST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", 4),
        "chunked": request_parser(512, 16, 256,
                                  b"POST /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  b"3;x=y\r\nabc\r\n0\r\nTrailer: t\r\n\r\n", 6),
        "pipelined_http10": request_parser(512, 16, 256,
                                           b"GET /a HTTP/1.0\r\n\r\nGET /b HTTP/1.1\nConnection: close\n\n", 64),
        "oversized": request_parser(32, 2, 4,
                                    b"PUT /x HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nContent-Length: 9\r\n\r\n123456789", 9),
    },
}

for target, seeds in SEEDS.items():
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(folder, name), "wb") as out:
            out.write(data)
