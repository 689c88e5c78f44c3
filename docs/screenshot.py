"""Make the README's screenshots: build the seeds, open out/graph.html in headless Chromium, select the
best-evidenced relation and screenshot the page (docs/explorer.png), then colour by community
(docs/explorer-communities.png).

    .venv/bin/python docs/screenshot.py        (needs /usr/bin/chromium: apt-get install chromium)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def main() -> None:
    out = ROOT / "out"
    subprocess.run([sys.executable, "-m", "kg", "build", str(ROOT / "seeds"), "--out", str(out), "--quiet"], check=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.goto((out / "graph.html").as_uri())
        page.wait_for_function("() => window.__kg && window.__kg.ready", timeout=60_000)
        page.wait_for_timeout(1500)
        best = page.evaluate(
            "() => window.__kg.data.edges.reduce((a, e) => (e.ev.length > a.ev.length ? e : a)).id"
        )
        page.evaluate("(id) => window.__kg.selectEdge(id)", best)
        page.mouse.move(5, 850)
        page.wait_for_timeout(300)
        page.screenshot(path=str(ROOT / "docs" / "explorer.png"))
        page.check("#kg-colour-community")
        page.wait_for_timeout(300)
        page.screenshot(path=str(ROOT / "docs" / "explorer-communities.png"))
        browser.close()
    print("wrote docs/explorer.png, docs/explorer-communities.png")


if __name__ == "__main__":
    main()
