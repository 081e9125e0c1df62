"""Time to first token and decode rate measured against a local streaming server (challenge llm-serving-local-stream-ttft)."""
import http.client
import json
import statistics
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class FakeLLM(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        start = time.perf_counter()
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        n, m = body["prompt_tokens"], body["max_tokens"]
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for k in range(m):
            # token k is due at start + 40 ms + 1.5 ms per prompt token + 20 ms * k; deadlines keep delays from adding up
            due = start + (40 + 1.5 * n + 20 * k) / 1000
            time.sleep(max(0.0, due - time.perf_counter()))
            line = f"token {k}\n".encode()
            self.wfile.write(f"{len(line):x}\r\n".encode() + line + b"\r\n")
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")

    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLLM)
threading.Thread(target=server.serve_forever, daemon=True).start()

def measure(prompt_tokens, max_tokens):
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1])
    sent = time.perf_counter()
    conn.request("POST", "/generate", json.dumps({"prompt_tokens": prompt_tokens, "max_tokens": max_tokens}),
                 {"Content-Type": "application/json"})
    resp = conn.getresponse()
    times = []
    while line := resp.readline():          # http.client undoes the chunking; one line per token
        times.append(time.perf_counter())
    conn.close()
    ttft = (times[0] - sent) * 1000
    rate = (len(times) - 1) / (times[-1] - times[0])
    return ttft, rate

runs = [measure(300, 100) for _ in range(5)]
ttft = statistics.median(r[0] for r in runs)
rate = statistics.median(r[1] for r in runs)
print(f"median of 5: TTFT {ttft:.1f} ms, decode {rate:.2f} tokens/s")
server.shutdown()
print(round(ttft, 1))
