"""Headless Chromium loads the chat page from build/bin/http-server and receives one event
pushed through EventSource.

The browser is driven through the DevTools protocol over a pipe (--remote-debugging-pipe:
JSON messages separated by NUL bytes on file descriptors 3 and 4), so no WebSocket library is
needed. Steps: wait until the page says "connected" (its EventSource is open), POST a message
from this script, a different client, and wait until the page shows it. A screenshot of the page
is left in WORKDIR/page.png. Every wait has a deadline.
usage: chromium_sse_test.py HTTP_SERVER WORKDIR
"""
import base64
import http.client
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from http_server_process import HttpServer  # noqa: E402


class DevTools:
    """The DevTools protocol over Chromium's debugging pipe."""

    def __init__(self, url, profile):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def wire_fds():
            # Chromium reads commands on fd 3 and writes replies on fd 4. Copy both ends out of
            # the way first: a pipe end may already be 3 or 4, and dup2 onto itself would keep
            # its close-on-exec flag (dup2 between different numbers clears it).
            read_end, write_end = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.process = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--no-first-run", "--remote-debugging-pipe", "--user-data-dir=" + profile,
             "--window-size=900,700", url],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # dup2 leaves 3 and 4 open across exec; Python's own descriptors are close-on-exec,
            # and close_fds=True would close 3 and 4 after wire_fds ran.
            preexec_fn=wire_fds, close_fds=False)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.next_id = 1
        self.buffer = b""

    def call(self, method, params=None, session=None, timeout=10):
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.next_id += 1
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        end = time.monotonic() + timeout
        while True:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == message["id"]:
                    if "error" in reply:
                        raise RuntimeError("%s failed: %s" % (method, reply["error"]))
                    return reply["result"]
            left = end - time.monotonic()
            ready, _, _ = select.select([self.from_browser], [], [], max(left, 0))
            if not ready:
                raise RuntimeError("Chromium did not answer %s within %d s" % (method, timeout))
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed its debugging pipe (did it start?)")
            self.buffer += chunk

    def close(self):
        try:
            os.write(self.to_browser, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()
            self.process.wait()


def wait_for(what, probe, timeout):
    end = time.monotonic() + timeout
    value = None
    while time.monotonic() < end:
        value = probe()
        if value:
            return value
        time.sleep(0.1)
    raise RuntimeError("gave up after %d s waiting for %s (last seen: %r)" % (timeout, what, value))


def main(binary, workdir):
    if shutil.which("chromium") is None:
        print("FAIL: chromium is not installed (scripts/setup installs it)")
        return 1
    server = HttpServer(binary, workdir, "--backend", "epoll")
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=workdir)
    browser = DevTools("http://127.0.0.1:%d/" % server.port, profile)
    failed = False
    try:
        pages = wait_for("the page target",
                         lambda: [t for t in browser.call("Target.getTargets")["targetInfos"] if t["type"] == "page"], 20)
        session = browser.call("Target.attachToTarget", {"targetId": pages[0]["targetId"], "flatten": True})["sessionId"]

        def evaluate(expression):
            result = browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
            return result["result"].get("value")

        wait_for("the page's EventSource to open",
                 lambda: evaluate("document.getElementById('status') && document.getElementById('status').textContent") == "connected",
                 20)
        print("ok: the page loaded and its EventSource is open")

        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        conn.request("POST", "/messages", body=json.dumps({"name": "ctest", "text": "pushed by the reactor"}))
        reply = conn.getresponse()
        delivered = json.loads(reply.read())["delivered"]
        conn.close()
        if reply.status != 202 or delivered < 1:
            raise RuntimeError("POST /messages answered %d, delivered to %d stream(s)" % (reply.status, delivered))
        print("ok: POST /messages delivered to %d stream(s)" % delivered)

        shown = wait_for("the pushed message on the page",
                         lambda: evaluate("document.getElementById('messages').textContent"), 10)
        if "pushed by the reactor" not in shown or "ctest" not in shown:
            raise RuntimeError("the page shows %r" % shown)
        print("ok: the page shows the pushed message: %r" % shown)

        png = browser.call("Page.captureScreenshot", {"format": "png"}, session)["data"]
        with open(os.path.join(workdir, "page.png"), "wb") as f:
            f.write(base64.b64decode(png))
    except Exception as error:  # any failure: report it, then clean up below
        print("FAIL: %s" % error)
        failed = True
    finally:
        browser.close()
    status = server.stop()
    if status != 0:
        print("FAIL: http-server did not stop cleanly: %s" % status)
        failed = True
    shutil.rmtree(profile, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
