#!/usr/bin/env python3
"""A relay in front of a real LRS that takes it down in the middle of a sync.

lrs_proxy.py PORTFILE UPSTREAM LRS_PID N LOG: listens on 127.0.0.1 (its port
written to PORTFILE), relays N requests to UPSTREAM (http://host:port) as
they are, writes the ids each accepted batch returned to LOG (one per line),
then kills the LRS (SIGKILL, pid LRS_PID) and stops listening: the client's
next request finds nobody, as when a server dies mid-sync. Nothing is
answered by the relay itself: every response is the LRS's own.
"""
import http.server
import os
import signal
import sys
import urllib.error
import urllib.request

portfile, upstream, lrs_pid, count, log = sys.argv[1:6]


class Relay(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
        req = urllib.request.Request(upstream + self.path, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                status, data = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, data = e.code, e.read()
        if status == 200:
            with open(log, "a") as f:
                f.write("".join(i + "\n" for i in __import__("json").loads(data)))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Relay)
with open(portfile + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(portfile + ".tmp", portfile)
for _ in range(int(count)):
    server.handle_request()
os.kill(int(lrs_pid), signal.SIGKILL)
server.server_close()
