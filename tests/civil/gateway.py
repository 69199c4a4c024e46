"""A fake Dukcapil gateway the tests start on 127.0.0.1, for the HTTP verifier and for verification runs.

The server plays a script: each request takes the next behaviour ("ok", "slow", "500", "bad_json", "429",
"not_found", "401", "match"), the last one repeating.
"""

import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FOUND = {"ditemukan": True, "nama_sesuai": True, "tanggal_lahir_sesuai": False, "status_hidup": "HIDUP"}
FOUND |= {"kode_desa": "3503012001"}


class FakeGateway(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.script: list[str] = ["ok"]
        self.requests: list[dict] = []
        self.stamps: list[float] = []
        self.release = threading.Event()  # ends "slow" answers when the test is over

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/verifikasi"

    def next_behaviour(self) -> str:
        return self.script.pop(0) if len(self.script) > 1 else self.script[0]


class Handler(BaseHTTPRequestHandler):
    server: FakeGateway

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append({"body": body, "auth": self.headers.get("Authorization")})
        self.server.stamps.append(time.monotonic())
        behaviour = self.server.next_behaviour()
        if behaviour == "slow":
            self.server.release.wait(2)
            return self._send(200, FOUND)
        if behaviour in ("500", "401"):
            return self._send(int(behaviour), {"pesan": "galat"})
        if behaviour == "429":
            return self._send(429, {}, {"Retry-After": "0"})
        if behaviour == "bad_json":
            return self._send(200, b"{ditemukan: ya")
        if behaviour == "match":
            return self._send(200, FOUND | {"tanggal_lahir_sesuai": True})
        return self._send(200, {"ditemukan": False} if behaviour == "not_found" else FOUND)

    def _send(self, status: int, payload, headers=None):
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def running_gateway():
    server = FakeGateway()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()
