#!/usr/bin/env python3
"""kiosk-hub under hostile clients, on loopback (security review findings H1 and H2).

Starts a real kiosk-hub (a fresh data folder, certificates from scripts/hub-ca, clients registered
with kioskctl, one of them revoked) and, all at once:
  gzip      PUT blob with Content-Encoding: gzip, a small body of compressed zeros that inflates to
            --bomb-mib MiB                                              -> 415 (or closed) at once
  chunked   PUT blob with a chunked body that never ends               -> 413 (or closed) at the limit
  slowloris 32 TCP connections dribbling a TLS ClientHello a byte a second, 32 TLS connections with a
            valid certificate dribbling a request header a byte a second -> closed by the hub
  headers   a request with 10 000 header lines                         -> 431 (or closed)
  revoked   a revoked and an unregistered certificate announcing a 16 MiB body -> 403 before the body
while a well-behaved kiosk (valid, registered certificate) asks HEAD blob / GET status in a loop,
each answer within 5 s. The hub's resident memory is sampled throughout.

  hostile-clients.py --hub KIOSK_HUB --kioskctl KIOSKCTL --work DIR [--check] [--seconds N]

Prints the figures (the kiosk's median and worst latency, the hub's peak RSS, each attack's outcome).
With --check, exits 1 unless every attack was refused, every kiosk request was answered in time and
the peak RSS stayed under --max-rss-mib.
"""
import argparse
import gzip
import hashlib
import http.client
import os
import select
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import threading
import time
import zlib

SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KIOSK_TIMEOUT = 5.0


def tls_context(ca, name):
    context = ssl.create_default_context(cafile=os.path.join(ca, "ca.pem"))
    context.load_cert_chain(os.path.join(ca, name + ".pem"), os.path.join(ca, name + ".key"))
    return context


def tls_connect(port, ca, name, timeout=10.0):
    raw = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    return tls_context(ca, name).wrap_socket(raw, server_hostname="127.0.0.1")


def read_status(sock, timeout):
    """The status of the answer waiting on `sock`, 0 if the hub closed without one, None if none came."""
    sock.settimeout(timeout)
    data = b""
    try:
        while b"\r\n" not in data:
            piece = sock.recv(4096)
            if not piece:
                break
            data += piece
    except socket.timeout:
        return None if not data else 0
    except (OSError, ssl.SSLError):
        pass
    if data.startswith(b"HTTP/1."):
        return int(data.split(b" ")[1])
    return 0


class Hub:
    def __init__(self, args):
        self.args = args
        self.work = args.work
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        self.ca = os.path.join(self.work, "ca")
        self.data = os.path.join(self.work, "data")
        subprocess.run([os.path.join(SOURCE, "scripts/hub-ca"), self.ca, "--kiosk", "good", "--kiosk", "revoked",
                        "--kiosk", "stranger", "--kiosk", "dribbler"], check=True, stdout=subprocess.DEVNULL)
        for cn in ("kiosk:good", "kiosk:revoked", "kiosk:dribbler"):
            subprocess.run([args.kioskctl, "client", "add", "--data", self.data, cn], check=True,
                           stdout=subprocess.DEVNULL)
        subprocess.run([args.kioskctl, "client", "revoke", "--data", self.data, "kiosk:revoked"], check=True,
                       stdout=subprocess.DEVNULL)
        command = [args.hub, "--port", "0", "--data", self.data, "--cert", os.path.join(self.ca, "server.pem"),
                   "--key", os.path.join(self.ca, "server.key"), "--client-ca", os.path.join(self.ca, "ca.pem"),
                   "--catalog", os.path.join(SOURCE, "data/catalog/sample-catalog.json"),
                   "--templates", os.path.join(SOURCE, "data/templates")]
        # Shorter request deadline than the default 30 s, so the slow header dribblers are cut within the
        # run (an older kiosk-hub has no such option and keeps them anyway).
        if "--request-timeout" in subprocess.run([args.hub, "--help"], capture_output=True, text=True).stdout:
            command += ["--request-timeout", str(args.request_timeout)]
        self.log = open(os.path.join(self.work, "hub.err"), "w")
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.process.stdout.readline()
        if "listening on" not in line:
            raise SystemExit("kiosk-hub did not start: " + line)
        self.port = int(line.strip().rsplit(":", 1)[1])
        self.peak_rss_kib = 0
        self.sampling = True
        self.sampler = threading.Thread(target=self.sample, daemon=True)
        self.sampler.start()

    def rss_kib(self, field="VmRSS"):
        try:
            with open("/proc/%d/status" % self.process.pid) as status:
                for line in status:
                    if line.startswith(field + ":"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def sample(self):
        while self.sampling:
            self.peak_rss_kib = max(self.peak_rss_kib, self.rss_kib())
            time.sleep(0.05)

    def alive(self):
        return self.process.poll() is None

    def stop(self):
        self.sampling = False
        self.peak_rss_kib = max(self.peak_rss_kib, self.rss_kib("VmHWM"))
        if self.alive():
            self.process.kill()
        self.process.wait()


def request_head(path, extra, length=None, chunked=False):
    lines = ["PUT %s HTTP/1.1" % path, "Host: 127.0.0.1", "Content-Type: application/octet-stream"] + extra
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    if length is not None:
        lines.append("Content-Length: %d" % length)
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def gzip_bomb(mib):
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing
    zeros = bytes(1 << 20)
    parts = [compressor.compress(zeros) for _ in range(mib)]
    parts.append(compressor.flush())
    return b"".join(parts)


def attack_gzip(hub, results, bomb):
    sha = hashlib.sha256(b"bomb").hexdigest()
    try:
        sock = tls_connect(hub.port, hub.ca, "kiosk-good")
        sock.sendall(request_head("/v1/blobs/" + sha, ["Content-Encoding: gzip"], len(bomb)))
        try:
            sock.sendall(bomb)
        except OSError:
            pass
        status = read_status(sock, 15)
        results["gzip"] = status
    except OSError as error:
        results["gzip"] = "error %s" % error


def attack_chunked(hub, results, seconds):
    sha = hashlib.sha256(b"endless").hexdigest()
    chunk = b"%x\r\n" % (64 << 10) + bytes(64 << 10) + b"\r\n"
    sent = 0
    status = None
    try:
        sock = tls_connect(hub.port, hub.ca, "kiosk-good")
        sock.sendall(request_head("/v1/blobs/" + sha, [], chunked=True))
        end = time.monotonic() + seconds
        while time.monotonic() < end and sent < (1 << 30):
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:  # an answer, or only TLS session tickets
                answer = read_status(sock, 0.05)
                if answer is not None:
                    status = answer
                    break
                sock.settimeout(10)
            sock.sendall(chunk)
            sent += 64 << 10
    except (OSError, ssl.SSLError):
        status = 0 if status is None else status
    results["chunked"] = status
    results["chunked_sent_mib"] = sent >> 20


def attack_slowloris(hub, results, seconds):
    """32 half ClientHellos and 32 half request headers, a byte a second; when each got closed."""
    hello = bytes.fromhex("16030100c8010000c40303") + os.urandom(200)
    header = b"GET /v1/status/OW1-0000-0000-0000-0000 HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Slow: " + b"a" * 400
    conns = []
    for _ in range(32):
        try:
            conns.append([socket.create_connection(("127.0.0.1", hub.port), timeout=10), hello, "handshake", None])
        except OSError:
            pass
    # The TLS ones connect in parallel; one whose handshake the hub does not serve within 5 s stays
    # "open" (it is held, not refused).
    lock = threading.Lock()

    def connect_tls():
        try:
            conn = [tls_connect(hub.port, hub.ca, "kiosk-dribbler", timeout=5), header, "header", None]
        except (OSError, ssl.SSLError):
            conn = [socket.socket(), b"", "header", None]
        with lock:
            conns.append(conn)

    connecting = [threading.Thread(target=connect_tls) for _ in range(32)]
    for thread in connecting:
        thread.start()
    for thread in connecting:
        thread.join()
    start = time.monotonic()
    position = 0
    while time.monotonic() - start < seconds and any(c[3] is None for c in conns):
        for conn in conns:
            if conn[3] is not None or position >= len(conn[1]):
                continue  # closed, or never got its TLS session (counted as held open)
            try:
                conn[0].send(conn[1][position:position + 1])
                conn[0].settimeout(0.001)
                if conn[0].recv(1024) == b"":
                    conn[3] = time.monotonic() - start
            except (socket.timeout, ssl.SSLWantReadError):
                pass
            except (OSError, ssl.SSLError):
                conn[3] = time.monotonic() - start
        position += 1
        time.sleep(1.0)
    for kind in ("handshake", "header"):
        mine = [c for c in conns if c[2] == kind]
        closed = [c[3] for c in mine if c[3] is not None]
        results["slowloris_" + kind] = "%d/%d closed%s" % (
            len(closed), len(mine), (", the last after %.1f s" % max(closed)) if closed else "")
        results["slowloris_%s_open" % kind] = len(mine) - len(closed)
    for conn in conns:
        conn[0].close()


def attack_headers(hub, results):
    try:
        sock = tls_connect(hub.port, hub.ca, "kiosk-good")
        lines = b"".join(b"X-Line-%d: %s\r\n" % (i, b"v" * 20) for i in range(10000))
        try:
            sock.sendall(b"GET /v1/status/OW1-0000-0000-0000-0000 HTTP/1.1\r\nHost: 127.0.0.1\r\n" + lines + b"\r\n")
        except OSError:
            pass
        results["headers"] = read_status(sock, 10)
    except OSError as error:
        results["headers"] = "error %s" % error


def attack_unadmitted(hub, results, name, key):
    """Announces a 16 MiB body and sends none of it: the hub must refuse on the header alone."""
    sha = hashlib.sha256(b"unadmitted").hexdigest()
    try:
        sock = tls_connect(hub.port, hub.ca, name)
        sock.sendall(request_head("/v1/blobs/" + sha, [], 16 << 20))
        results[key] = read_status(sock, 3)  # None: the hub waits for the body
    except (OSError, ssl.SSLError) as error:
        results[key] = "error %s" % error


def kiosk_loop(hub, stop, latencies, failures):
    blob = b"a scanned page"
    sha = hashlib.sha256(blob).hexdigest()
    context = tls_context(hub.ca, "kiosk-good")
    # A new connection for each request, as another kiosk of the hall arriving would: a connection
    # kept from before the attacks says nothing about whether the hub still accepts new ones.
    connection = None
    uploaded = False
    turn = 0
    while not stop.is_set():
        start = time.monotonic()
        try:
            if connection is None:
                connection = http.client.HTTPSConnection("127.0.0.1", hub.port, context=context,
                                                         timeout=KIOSK_TIMEOUT)
            if not uploaded:
                connection.request("PUT", "/v1/blobs/" + sha, blob, {"Content-Type": "application/octet-stream"})
                want = (200, 201)
            elif turn % 2:
                connection.request("HEAD", "/v1/blobs/" + sha)
                want = (200,)
            else:
                connection.request("GET", "/v1/status/OW1-0000-0000-0000-0000")
                want = (404, 422)
            response = connection.getresponse()
            response.read()
            took = time.monotonic() - start
            latencies.append(took)
            if response.status not in want:
                failures.append("status %d" % response.status)
            elif took > KIOSK_TIMEOUT:
                failures.append("%.1f s" % took)
            uploaded = True
            connection.close()
            connection = None
        except (OSError, http.client.HTTPException, ssl.SSLError) as error:
            latencies.append(time.monotonic() - start)
            failures.append("%s after %.1f s" % (type(error).__name__, time.monotonic() - start))
            connection = None
        turn += 1
        time.sleep(0.05)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hub", required=True)
    parser.add_argument("--kioskctl", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--seconds", type=float, default=20, help="how long the kiosk keeps asking")
    parser.add_argument("--bomb-mib", type=int, default=1024, help="what the gzip body inflates to")
    parser.add_argument("--max-rss-mib", type=int, default=200)
    parser.add_argument("--request-timeout", type=int, default=10, help="the hub's, in s")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--label", default="hub")
    args = parser.parse_args()

    bomb = gzip_bomb(args.bomb_mib)
    hub = Hub(args)
    baseline_mib = hub.rss_kib() / 1024
    results = {}
    latencies, failures = [], []
    stop = threading.Event()
    kiosk = threading.Thread(target=kiosk_loop, args=(hub, stop, latencies, failures))
    kiosk.start()
    time.sleep(1)  # the kiosk's first answers, before the attacks
    attacks = [
        threading.Thread(target=attack_slowloris, args=(hub, results, args.seconds + 5)),
        threading.Thread(target=attack_gzip, args=(hub, results, bomb)),
        threading.Thread(target=attack_chunked, args=(hub, results, args.seconds)),
        threading.Thread(target=attack_headers, args=(hub, results)),
        threading.Thread(target=attack_unadmitted, args=(hub, results, "kiosk-revoked", "revoked")),
        threading.Thread(target=attack_unadmitted, args=(hub, results, "kiosk-stranger", "unregistered")),
    ]
    for attack in attacks:
        attack.start()
    time.sleep(args.seconds)
    stop.set()
    kiosk.join()
    for attack in attacks:
        attack.join(timeout=60)
    alive = hub.alive()
    hub.stop()

    answered = sorted(latencies)
    print("[%s] gzip bomb (%d KiB inflating to %d MiB): %s" % (args.label, len(bomb) >> 10, args.bomb_mib,
                                                              results.get("gzip")))
    print("[%s] endless chunked body: %s after %s MiB sent" % (args.label, results.get("chunked"),
                                                               results.get("chunked_sent_mib")))
    print("[%s] slowloris in the TLS handshake: %s" % (args.label, results.get("slowloris_handshake")))
    print("[%s] slowloris in the request header: %s" % (args.label, results.get("slowloris_header")))
    print("[%s] 10 000 header lines: %s" % (args.label, results.get("headers")))
    print("[%s] revoked client, 16 MiB announced: %s; unregistered: %s" % (args.label, results.get("revoked"),
                                                                          results.get("unregistered")))
    if answered:
        print("[%s] well-behaved kiosk: %d requests, median %.1f ms, worst %.1f ms, %d failed%s" % (
            args.label, len(answered), statistics.median(answered) * 1000, answered[-1] * 1000, len(failures),
            (" (" + ", ".join(failures[:3]) + ")") if failures else ""))
    print("[%s] hub RSS: %.0f MiB at start, peak %.0f MiB; hub %s" % (args.label, baseline_mib,
                                                                      hub.peak_rss_kib / 1024,
                                                                      "still up" if alive else "DIED"))
    if not args.check:
        return 0
    problems = []
    if results.get("gzip") not in (415, 0):
        problems.append("gzip bomb not refused with 415: %s" % results.get("gzip"))
    if results.get("chunked") not in (413, 0):
        problems.append("endless chunked body not refused with 413: %s" % results.get("chunked"))
    for kind in ("handshake", "header"):
        if results.get("slowloris_%s_open" % kind, 1) != 0:
            problems.append("slowloris (%s) connections still open: %s" % (kind, results.get("slowloris_" + kind)))
    if results.get("headers") not in (431, 0):
        problems.append("10 000 header lines not refused with 431: %s" % results.get("headers"))
    if results.get("revoked") != 403 or results.get("unregistered") != 403:
        problems.append("revoked / unregistered not refused before the body: %s / %s" % (
            results.get("revoked"), results.get("unregistered")))
    if failures or not answered:
        problems.append("the well-behaved kiosk was not answered within %.0f s: %s" % (KIOSK_TIMEOUT, failures[:5]))
    if hub.peak_rss_kib / 1024 >= args.max_rss_mib:
        problems.append("hub peak RSS %.0f MiB >= %d MiB" % (hub.peak_rss_kib / 1024, args.max_rss_mib))
    if not alive:
        problems.append("the hub died")
    for problem in problems:
        print("FAIL: " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
