# Reruns per second of scripts/bench/streamlit_twenty.py under N concurrent sessions, driven over
# Streamlit's own WebSocket protocol (its protobuf messages, as its page sends them): each
# session clicks "Button 1" and waits for the script to finish, again and again, for SECONDS.
# Prints one line: "N sessions: R reruns/s, p50 P ms, p99 Q ms (C reruns)". For
# scripts/bench-script.sh, run with the Python of the venv Streamlit was installed into.
#
#   python streamlit_reruns.py http://127.0.0.1:8501 32 10
import asyncio
import sys
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


def rerun(button_id=None):
    msg = BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_script_hash = ""
    if button_id is not None:
        widget = msg.rerun_script.widget_states.widgets.add()
        widget.id = button_id
        widget.trigger_value = True
    return msg.SerializeToString()


async def until_finished(ws, found):
    """Reads messages until the script run ends; records a "Button 1" id in `found`."""
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "button" and element.button.label == "Button 1":
                found["button"] = element.button.id
        elif kind == "script_finished":
            return


async def session(url, ready, go, window, times):
    ws_url = url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
    async with websockets.connect(ws_url, subprotocols=["streamlit"], origin=url.rstrip("/"),
                                  max_size=None, open_timeout=60) as ws:
        found = {}
        await ws.send(rerun())
        await until_finished(ws, found)
        button = found["button"]
        ready.append(1)
        await go.wait()
        while time.monotonic() < window["end"]:
            start = time.monotonic()
            await ws.send(rerun(button))
            await until_finished(ws, found)
            times.append(time.monotonic() - start)


async def main(url, sessions, seconds):
    times, ready, go, window = [], [], asyncio.Event(), {}
    tasks = [asyncio.create_task(session(url, ready, go, window, times)) for _ in range(sessions)]
    # Every session connected and ran the script once before the clock starts.
    while len(ready) < sessions:
        if any(t.done() for t in tasks):
            await asyncio.gather(*tasks)
        await asyncio.sleep(0.05)
    start = time.monotonic()
    window["end"] = start + seconds
    go.set()
    await asyncio.gather(*tasks)
    took = time.monotonic() - start
    if not times:
        print(f"{sessions} sessions: no rerun finished in {seconds} s")
        return
    times.sort()
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000
    print(f"{sessions} sessions: {len(times) / took:.0f} reruns/s, p50 {pick(0.5):.1f} ms, "
          f"p99 {pick(0.99):.1f} ms ({len(times)} reruns)")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3])))
