"""Checks of the installed notagen-csharp kernel through jupyter_client / nbclient (independent Jupyter code).

Run by JupyterClientTests with JUPYTER_PATH pointing at a temporary kernelspec install; each check prints one JSON
object on stdout. Usage: python3 jupyter_checks.py CHECK [ARGS...]
"""
import base64
import json
import os
import signal
import subprocess
import sys
import time

from jupyter_client.manager import KernelManager

KERNEL = "notagen-csharp"


def start(name=KERNEL):
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    return km, kc


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def iopub_until_idle(kc, *msg_ids, timeout=120):
    """The iopub messages of the given requests, until each has gone idle."""
    messages, waiting = [], set(msg_ids)
    while waiting:
        m = kc.get_iopub_msg(timeout=timeout)
        parent = m["parent_header"].get("msg_id")
        if parent not in msg_ids:
            continue
        messages.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            waiting.discard(parent)
    return messages


def stop_on_error():
    km, kc = start()
    try:
        # A Run All as JupyterLab sends it: every cell at once, the first fails.
        ids = [kc.execute('throw new InvalidOperationException("boom");'),
               kc.execute("var reached = 1;"),
               kc.execute('Console.WriteLine("third ran");')]
        replies = {}
        while len(replies) < 3:
            m = kc.get_shell_msg(timeout=120)
            if m["parent_header"].get("msg_id") in ids:  # not a late kernel_info_reply of wait_for_ready
                replies[m["parent_header"]["msg_id"]] = m["content"]["status"]
        streams = [m["content"].get("text", "") for m in iopub_until_idle(kc, *ids) if m["msg_type"] == "stream"]
        after = kc.execute_interactive("reached", timeout=120, output_hook=lambda m: None)
        return {"statuses": [replies[i] for i in ids], "streams": streams, "reached_defined": after["content"]["status"] == "ok"}
    finally:
        stop(km, kc)


def mime_bundles():
    km, kc = start()
    try:
        def result(code):
            msg_id = kc.execute(code)
            reply = kc.get_shell_msg(timeout=300)
            outputs = [m for m in iopub_until_idle(kc, msg_id) if m["msg_type"] in ("execute_result", "display_data", "error")]
            return reply["content"]["status"], outputs
        status, chart = result("using Plotly.NET.CSharp;\nChart.Line<int, double, string>(x: new[] { 1, 2, 3 }, y: new[] { 1.5, 2.5, 2.0 })")
        data = chart[-1]["content"]["data"] if chart else {}
        plotly = data.get("application/vnd.plotly.v1+json")
        piece_status, piece = result('PieceRendering.Render("X:1\\nT:Scale\\nM:4/4\\nL:1/8\\nK:C\\nCDEF GABc|c2 B2 A2 G2|\\n")')
        piece_data = piece[-1]["content"]["data"] if piece else {}
        return {
            "chart_status": status,
            "chart_mimes": sorted(data),
            "plotly_is_object": isinstance(plotly, dict),
            "plotly_trace_y": plotly["data"][0]["y"] if isinstance(plotly, dict) else None,
            "chart_bundle_bytes": len(json.dumps(data)),
            "chart_html_has_script": "<script" in data.get("text/html", ""),
            "chart_png_head": base64.b64decode(data.get("image/png", ""))[:8].hex(),
            "piece_status": piece_status,
            "piece_mimes": sorted(piece_data),
            "piece_svg_starts": piece_data.get("image/svg+xml", "")[:4],
            "piece_png_head": base64.b64decode(piece_data.get("image/png", ""))[:8].hex(),
            "piece_png_bytes": len(base64.b64decode(piece_data.get("image/png", ""))),
            "piece_html_has_audio": "<audio controls" in piece_data.get("text/html", ""),
        }
    finally:
        stop(km, kc)


def inspect(code, word):
    """inspect_request with the cursor inside `word` of `code`: what the installed kernel shows (Shift+Tab)."""
    km, kc = start()
    try:
        msg_id = kc.inspect(code, code.index(word) + 2, detail_level=0)
        reply = kc.get_shell_msg(timeout=120)
        while reply["parent_header"].get("msg_id") != msg_id:  # a late kernel_info_reply from wait_for_ready
            reply = kc.get_shell_msg(timeout=120)
        return {"found": reply["content"].get("found", False), "text": reply["content"].get("data", {}).get("text/plain", "")}
    finally:
        stop(km, kc)


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def client_dies():
    """A client process starts the kernel and is killed (SIGKILL, no shutdown): the kernel must go too."""
    child = subprocess.Popen([sys.executable, __file__, "_start_and_wait"], stdout=subprocess.PIPE, text=True)
    kernel_pid = int(child.stdout.readline())
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    killed = time.monotonic()
    while alive(kernel_pid) and time.monotonic() - killed < 60:
        time.sleep(0.2)
    return {"kernel_pid": kernel_pid, "kernel_alive_after": alive(kernel_pid), "seconds_to_exit": round(time.monotonic() - killed, 1)}


def _start_and_wait():
    km, kc = start()
    print(km.provisioner.pid if hasattr(km, "provisioner") and km.provisioner else km.kernel.pid, flush=True)
    time.sleep(600)


def interrupt(seconds_before, code_file, cancellation):
    """Runs a long cell, interrupts it, and measures how long the reply takes and whether the kernel keeps computing."""
    km, kc = start()
    try:
        pid = km.provisioner.pid if hasattr(km, "provisioner") and km.provisioner else km.kernel.pid
        setup_code, long_code = open(code_file).read().split("// ---- long cell ----")
        setup = kc.execute_interactive(setup_code, timeout=300, output_hook=lambda m: None)
        assert setup["content"]["status"] == "ok", setup["content"]
        msg_id = kc.execute(long_code.replace("CANCELLATION", cancellation))
        time.sleep(float(seconds_before))
        sent = time.monotonic()
        km.interrupt_kernel()
        reply = kc.get_shell_msg(timeout=300)
        latency = time.monotonic() - sent
        iopub_until_idle(kc, msg_id)

        def cpu():
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        before = cpu()
        time.sleep(5)
        spent = cpu() - before
        warnings = []
        after = kc.execute_interactive("1 + 1", timeout=120, output_hook=lambda m: warnings.append(m["content"].get("text", "")) if m["msg_type"] == "stream" else None)
        return {"reply_status": reply["content"]["status"], "ename": reply["content"].get("ename"),
                "evalue": reply["content"].get("evalue"), "latency_s": round(latency, 2),
                "cpu_s_in_5s_after": round(spent, 2), "next_cell": after["content"]["status"], "next_cell_stderr": "".join(warnings)}
    finally:
        stop(km, kc)


def papermill_style(notebook, output, kernel_name, *assignments):
    """Injects a parameters cell exactly as papermill's CSharpTranslator writes it, then runs with nbclient."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    params = {}
    for a in assignments:
        name, value = a.split("=", 1)
        params[name] = json.loads(value)

    def translate(v):  # papermill.translators.CSharpTranslator
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return '"{}"'.format(v.encode("unicode_escape").decode("utf-8").replace('"', r'\"'))
        if isinstance(v, int):
            return str(v) + ("L" if v > 2147483647 or v < -2147483648 else "")
        return str(v)

    source = "// Parameters\n" + "".join("var {} = {};\n".format(k, translate(v)) for k, v in params.items())
    index = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    cell = nbformat.v4.new_code_cell(source=source)
    cell.metadata["tags"] = ["injected-parameters"]
    nb.cells.insert(index + 1, cell)
    NotebookClient(nb, kernel_name=kernel_name, timeout=600, resources={"metadata": {"path": os.path.dirname(os.path.abspath(notebook))}}).execute()
    nbformat.write(nb, output)
    return {"injected": source, "cells": len(nb.cells)}


if __name__ == "__main__":
    check, args = sys.argv[1], sys.argv[2:]
    result = globals()[check](*args)
    if result is not None:
        print(json.dumps(result), flush=True)
