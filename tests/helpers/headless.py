"""A tiny Chrome DevTools Protocol client over ``--remote-debugging-pipe`` (stdlib only).

Opens one page in headless Chromium and reports what a person with the browser console open
would see: console messages, uncaught exceptions, log entries (failed resource loads), every
network request, plus values computed in the page and a screenshot. Used by the report test.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-default-apps", "--disable-extensions", "--mute-audio")


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class PageVisit:
    console: list[str] = field(default_factory=list)  # "level: text"
    exceptions: list[str] = field(default_factory=list)
    log_errors: list[str] = field(default_factory=list)  # Log.entryAdded at warning/error
    requests: list[str] = field(default_factory=list)  # every URL the page asked for
    values: dict[str, Any] = field(default_factory=dict)
    screenshot: bytes = b""


class _Pipe:
    def __init__(self, write_fd: int, read_fd: int) -> None:
        self.out = os.fdopen(write_fd, "wb", buffering=0)
        self.inp = os.fdopen(read_fd, "rb", buffering=0)
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None, timeout: float = 30) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method,
                                   "params": params or {}}
        if session:
            message["sessionId"] = session
        self.out.write(json.dumps(message).encode() + b"\0")
        reply = self.wait(lambda m: m.get("id") == self.next_id, timeout)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait(self, predicate: Any, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "method" in message:
                    self.events.append(message)
                if predicate(message):
                    return message
            if time.monotonic() > deadline:
                raise TimeoutError("no answer from Chromium")
            chunk = self.inp.read(1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk


def visit(url: str, expressions: dict[str, str], *, width: int = 1280, height: int = 3000,
          chromium: str | None = None, settle: float = 0.3) -> PageVisit:
    """Load ``url``, evaluate each JavaScript expression (JSON-able results), take a
    ``width``×``height`` screenshot, and collect what the console and network saw."""
    binary = chromium or find_chromium()
    if binary is None:
        raise FileNotFoundError("chromium is not on PATH")
    to_browser_r, to_browser_w = os.pipe()
    from_browser_r, from_browser_w = os.pipe()
    profile = tempfile.mkdtemp(prefix="cwscrape-chromium-")

    def wire_pipes() -> None:  # in the child: the fds Chromium expects (3 in, 4 out)
        os.dup2(to_browser_r, 3)
        os.dup2(from_browser_w, 4)

    proc = subprocess.Popen([binary, *FLAGS, f"--user-data-dir={profile}",
                             "--remote-debugging-pipe", f"--window-size={width},{height}",
                             "about:blank"], pass_fds=(3, 4), preexec_fn=wire_pipes,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    os.close(to_browser_r)
    os.close(from_browser_w)
    pipe = _Pipe(to_browser_w, from_browser_r)
    result = PageVisit()
    try:
        target = pipe.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = pipe.call("Target.attachToTarget", {"targetId": target,
                                                      "flatten": True})["sessionId"]
        for method in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            pipe.call(method, session=session)
        pipe.call("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=session)
        pipe.call("Page.navigate", {"url": url}, session=session)
        pipe.wait(lambda m: m.get("method") == "Page.loadEventFired", timeout=60)
        time.sleep(settle)  # late console messages
        for name, expression in expressions.items():
            answer = pipe.call("Runtime.evaluate", {
                "expression": f"JSON.stringify({expression})", "returnByValue": True},
                session=session)
            value = answer.get("result", {}).get("value")
            result.values[name] = json.loads(value) if isinstance(value, str) else None
        shot = pipe.call("Page.captureScreenshot", {"format": "png"}, session=session)
        result.screenshot = base64.b64decode(shot["data"])
        try:
            pipe.call("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError):
            pass
    finally:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        pipe.out.close()
        pipe.inp.close()
        shutil.rmtree(profile, ignore_errors=True)
    for event in pipe.events:
        params = event.get("params", {})
        if event["method"] == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in
                            params.get("args", []))
            result.console.append(f"{params.get('type')}: {text}")
        elif event["method"] == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            result.exceptions.append(details.get("exception", {}).get("description")
                                     or details.get("text", "?"))
        elif event["method"] == "Log.entryAdded":
            entry = params.get("entry", {})
            if entry.get("level") in ("warning", "error"):
                result.log_errors.append(f"{entry.get('level')}: {entry.get('text')} "
                                         f"{entry.get('url', '')}".strip())
        elif event["method"] == "Network.requestWillBeSent":
            result.requests.append(params.get("request", {}).get("url", ""))
    return result
