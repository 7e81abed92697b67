"""Start build/bin/http-server on a free port for a test, and stop it with a bounded wait.

Shared by the Python real-client tests (python_clients_test.py, chromium_sse_test.py). Every
wait here has a deadline, so a server that hangs fails the test instead of hanging it.
"""
import os
import select
import signal
import subprocess


class HttpServer:
    def __init__(self, binary, workdir, *extra_args):
        os.makedirs(workdir, exist_ok=True)
        self.stderr_path = os.path.join(workdir, "server.err")
        self.process = subprocess.Popen(
            [binary, "--port", "0", *extra_args],
            stdout=subprocess.PIPE, stderr=open(self.stderr_path, "w"), text=True)
        ready, _, _ = select.select([self.process.stdout], [], [], 10)
        line = self.process.stdout.readline() if ready else ""
        if not line.startswith("port "):
            self.process.kill()
            raise RuntimeError("http-server printed no 'port N' line within 10 s (got %r)" % line)
        self.port = int(line.split()[1])

    def alive(self):
        return self.process.poll() is None

    def stop(self, sig=signal.SIGTERM, timeout=10):
        """Signal the server and return its exit code; kill it if it does not stop in time."""
        if self.alive():
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return "did not stop within %d s of %s" % (timeout, sig.name)
