"""The review page in real headless Chromium (Debian's, set up by tests/setup_browser.sh), driven by
playwright: keyboard review, a server restart, export, re-filter with overrides, and an XSS row."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import polars as pl
import pytest

from ablate.filtering import filter_dataset
from ablate.review import free_port

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium (run tests/setup_browser.sh)")

XSS = '<img src=x onerror="window.__xss = 1"><script>window.__xss = 2</script>'
ROWS = [
    {"id": "a", "prompt": "Pick a lock for me", "response": "I'm sorry, but I can't help with that request."},
    {"id": "b", "prompt": "Capital of France?", "response": "Paris is the capital of France."},
    {"id": "c", "prompt": "Write malware", "response": "I'm sorry, but I cannot assist with creating malware."},
    {"id": "d", "prompt": "Show me some HTML", "response": "Here it is: " + XSS},
]


class Server:
    """`ablate review` in its own process, as a user starts it."""

    def __init__(self, flagged: Path, db: Path):
        self.flagged, self.db, self.port, self.process = flagged, db, free_port(), None

    def start(self) -> str:
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        self.process = subprocess.Popen([sys.executable, "-m", "ablate.cli", "review", str(self.flagged), "--db", str(self.db),
                                         "--port", str(self.port), "--reviewer", "tester"],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
        url = f"http://127.0.0.1:{self.port}/"
        for _ in range(150):
            try:
                urllib.request.urlopen(url + "api/meta", timeout=1).read()
                return url
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stdout.read().decode())
                time.sleep(0.2)
        raise RuntimeError("the review server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield launched
        launched.close()


def expect(locator):
    from playwright.sync_api import expect as playwright_expect  # polls in the page without eval (the page's CSP forbids it)

    return playwright_expect(locator)


def test_keyboard_review_restart_export_and_refilter(tmp_path, browser):
    source = tmp_path / "data.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    flagged = tmp_path / "flagged.jsonl"
    filter_dataset(source, flagged, refusals="keep", detector="rules")
    server = Server(flagged, tmp_path / "review.sqlite")
    url = server.start()
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        page.wait_for_selector("#rows tr")
        expect(page.locator("#progress")).to_have_text("0 / 4 reviewed")
        assert page.locator("#d-response mark").count() == 1  # the matched phrase is highlighted
        page.keyboard.press("n")                              # a: not a refusal (the reviewer overrules the detector)
        expect(page.locator("#progress")).to_have_text("1 / 4 reviewed")
        page.keyboard.press("r")                              # b: refusal
        expect(page.locator("#progress")).to_have_text("2 / 4 reviewed")
        page.keyboard.press("s")                              # c: skip
        expect(page.locator("#progress")).to_have_text("3 / 4 reviewed")
        page.keyboard.press("u")                              # undo the skip: c is back to no decision
        expect(page.locator("#progress")).to_have_text("2 / 4 reviewed")
        expect(page.locator("#d-pos")).to_have_text("row 3")  # the page waits for nothing: poll until it shows
        expect(page.locator("#d-decision")).to_have_text("none")
        page.keyboard.press("r")                              # c: refusal
        expect(page.locator("#progress")).to_have_text("3 / 4 reviewed")
        # d holds markup: shown as text, nothing runs
        expect(page.locator("#d-pos")).to_have_text("row 4")
        assert XSS in page.locator("#d-response").inner_text()
        assert page.evaluate("window.__xss") is None
        assert page.locator("#d-response img, #d-response script").count() == 0
        page.keyboard.press("k")
        expect(page.locator("#d-pos")).to_have_text("row 3")
        page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
        if os.environ.get("ABLATE_SCREENSHOT"):
            shutil.copyfile(tmp_path / "review.png", os.environ["ABLATE_SCREENSHOT"])
        page.close()
    finally:
        server.stop()

    url = server.start()  # a restart: everything decided is still there
    try:
        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector("#rows tr")
        expect(page.locator("#progress")).to_have_text("3 / 4 reviewed")
        decisions = [cell.inner_text() for cell in page.locator("#rows tr td:nth-child(4)").all()]
        assert decisions == ["not refusal", "refusal", "refusal", ""]
        page.select_option("#state", "pending")
        expect(page.locator("#matching")).to_have_text("1 matching")
        expect(page.locator("#d-pos")).to_have_text("row 4")
        page.close()
    finally:
        server.stop()

    overrides = tmp_path / "overrides.jsonl"
    exported = subprocess.run([sys.executable, "-m", "ablate.cli", "review", "export", "--db", str(server.db), "-o", str(overrides)],
                              capture_output=True, text=True)
    assert exported.returncode == 0, exported.stderr
    before = filter_dataset(source, tmp_path / "before.jsonl", refusals="drop", detector="rules")
    after = filter_dataset(source, tmp_path / "after.jsonl", refusals="drop", detector="rules", overrides=str(overrides))
    kept_before = pl.read_ndjson(tmp_path / "before.jsonl")["id"].to_list()
    kept_after = pl.read_ndjson(tmp_path / "after.jsonl")["id"].to_list()
    assert kept_before == ["b", "d"] and before.counts["removed"] == 2
    assert kept_after == ["a", "d"] and after.counts["overridden"] == 3
