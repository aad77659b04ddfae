"""Load for scripts/bench-api.sh: CLIENTS threads, each with its own gradio_client Client, call
the endpoint /trivial for SECONDS and report predictions per second and p50/p99 latency.

    python client.py URL CLIENTS SECONDS
"""

import statistics
import sys
import threading
import time

from gradio_client import Client


def main() -> None:
    url, clients, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    latencies: list[float] = []
    lock = threading.Lock()
    ready = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def work() -> None:
        client = Client(url, verbose=False)
        client.predict(api_name="/trivial")  # warm-up, not counted
        ready.wait()
        mine = []
        while time.perf_counter() < stop_at[0]:
            started = time.perf_counter()
            answer = client.predict(api_name="/trivial")
            mine.append(time.perf_counter() - started)
            if answer != "ok":
                raise SystemExit(f"unexpected answer {answer!r}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=work) for _ in range(clients)]
    for thread in threads:
        thread.start()
    stop_at[0] = time.perf_counter() + 3600
    ready.wait()
    began = time.perf_counter()
    stop_at[0] = began + seconds
    for thread in threads:
        thread.join()
    took = time.perf_counter() - began
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(
        f"{len(latencies) / took:.1f} predictions/s, p50 {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {p99 * 1000:.1f} ms ({len(latencies)} predictions)"
    )


if __name__ == "__main__":
    main()
