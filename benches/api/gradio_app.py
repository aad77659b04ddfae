"""The same trivial endpoint in Gradio, for scripts/bench-api.sh: one Button, one Textbox,
btn.click(lambda: "ok", None, out, api_name="trivial"), Gradio's default queue.

    python gradio_app.py PORT
"""

import sys

import gradio as gr

with gr.Blocks() as demo:
    out = gr.Textbox(label="Result")
    go = gr.Button("Go")
    go.click(lambda: "ok", None, out, api_name="trivial")

demo.launch(server_name="127.0.0.1", server_port=int(sys.argv[1]), quiet=True)
