"""A notebook's untrusted view: nbconvert's HTML of it opened in headless Chromium with JavaScript disabled.

Debian 12 serves no JupyterLab or Notebook 7; what any untrusted viewer keeps of a notebook is its static HTML and
images, which is what nbconvert writes. Chromium is driven over --remote-debugging-pipe (no WebSocket library, no
browser download); page scripts are off (Emulation.setScriptExecutionDisabled) before the page loads, while the
DevTools evaluation below still runs. Prints one JSON object: how many images the page has, how many loaded, how
many of those show something (not one flat colour), by kind (PNG: charts and score PNGs; SVG: engraved scores), and
whether any page script ran. Usage: python3 untrusted_view.py PAGE.html [SCREENSHOT.png]
"""
import base64
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

CHROMIUM = os.environ.get("NOTAGEN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
WIDTH = 1100

# For each image: loaded, drawn on white at up to 300 px wide, and the spread of its pixels' luminance.
MEASURE = """(() => {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return [...document.images].map(img => {
    const kind = img.src.startsWith('data:image/png') ? 'png' : img.src.startsWith('data:image/svg+xml') ? 'svg' : 'other';
    const loaded = img.complete && img.naturalWidth > 0;
    let spread = 0;
    if (loaded) {
      const w = Math.min(300, img.naturalWidth), h = Math.max(1, Math.round(img.naturalHeight * w / img.naturalWidth));
      canvas.width = w; canvas.height = h;
      context.fillStyle = '#fff'; context.fillRect(0, 0, w, h);
      context.drawImage(img, 0, 0, w, h);
      const px = context.getImageData(0, 0, w, h).data;
      let sum = 0, squares = 0;
      for (let i = 0; i < px.length; i += 4) { const y = 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2]; sum += y; squares += y * y; }
      const n = px.length / 4, mean = sum / n;
      spread = Math.sqrt(Math.max(0, squares / n - mean * mean));
    }
    return { kind, loaded, spread, width: img.naturalWidth, height: img.naturalHeight };
  });
})()"""


class Pipe:
    """DevTools messages over fds 3 (to Chromium) and 4 (from Chromium), each ending in a NUL byte."""

    def __init__(self, profile):
        to_child, self._to_browser = os.pipe()
        self._from_browser, from_child = os.pipe()

        def wire():
            # Out of the way first (either end may itself be fd 3 or 4), then onto the fds Chromium reads and writes.
            high_in, high_out = fcntl.fcntl(to_child, fcntl.F_DUPFD, 10), fcntl.fcntl(from_child, fcntl.F_DUPFD, 10)
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)

        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--remote-debugging-pipe", f"--user-data-dir={profile}", f"--window-size={WIDTH},900"],
            pass_fds=(3, 4), preexec_fn=wire, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._next = 0
        self.session = None

    def send(self, method, params=None, browser=False, timeout=60):
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if self.session and not browser:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def wait_event(self, method, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            if self._read(deadline).get("method") == method:
                return

    def _read(self, deadline):
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self):
        try:
            self.send("Browser.close", browser=True, timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def view(page, screenshot=None):
    if CHROMIUM is None:
        sys.exit("untrusted_view.py needs Chromium (Debian package chromium) or NOTAGEN_CHROMIUM")
    with tempfile.TemporaryDirectory(prefix="notagen-untrusted-") as profile:
        browser = Pipe(profile)
        try:
            target = browser.send("Target.createTarget", {"url": "about:blank"}, browser=True)
            browser.session = browser.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, browser=True)["sessionId"]
            browser.send("Page.enable")
            browser.send("Emulation.setScriptExecutionDisabled", {"value": True})
            browser.send("Page.navigate", {"url": "file://" + os.path.abspath(page)})
            browser.wait_event("Page.loadEventFired", timeout=120)

            def evaluate(expression):
                return browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})["result"].get("value")

            images = evaluate(MEASURE)
            # A page script that ran would have set this (the test notebook displays such a script).
            scripts_ran = evaluate("document.body.dataset.scriptRan === 'yes' || typeof window.requirejs !== 'undefined'")
            height = evaluate("document.documentElement.scrollHeight")
            if screenshot:
                shot = browser.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                                "clip": {"x": 0, "y": 0, "width": WIDTH, "height": min(height, 16000), "scale": 1}})
                with open(screenshot, "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
        finally:
            browser.close()

    def count(kind, visible=False):
        return sum(1 for i in images if i["kind"] == kind and i["loaded"] and (not visible or i["spread"] > 2))

    return {
        "images": len(images),
        "loaded": sum(1 for i in images if i["loaded"]),
        "visible": sum(1 for i in images if i["loaded"] and i["spread"] > 2),
        "png_loaded": count("png"), "png_visible": count("png", True),
        "svg_loaded": count("svg"), "svg_visible": count("svg", True),
        "scripts_ran": bool(scripts_ran),
        "page_height": height,
    }


if __name__ == "__main__":
    print(json.dumps(view(*sys.argv[1:3])), flush=True)
