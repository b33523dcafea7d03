"""The README's pictures: the real server on the shipped data, in chromium at 1920x1080, in Chinese.

    python -m tools.screenshots [--out docs/img]

writes one picture per page of the navigation (`<url path>.png`, the big screen among them), the first
page of the overview's briefing for 安东园 (`briefing.png`), and nothing else. The pictures are made
by this command, never edited by hand: run it again after a change to a page.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.browser import CHROMIUM, CHROMIUM_FLAGS, ROOT, free_port, start_server, stop_server, wait_until_drawn
from ui import navigation

SIZE = {"width": 1920, "height": 1080}
BRIEFING_BUTTON = "导出简报"


def page_url(base: str, url_path: str, first: bool) -> str:
    return base + ("/" if first else f"/{url_path}")


def briefing_png(page, base: str, out: Path) -> Path | None:
    """The first page of the overview's briefing for 安东园, as the PDF a leader downloads; None when
    the page offers no briefing."""
    page.goto(f"{base}/?park=andong")
    wait_until_drawn(page)
    button = page.get_by_role("button", name=BRIEFING_BUTTON)
    if not button.count():
        return None
    with page.expect_download(timeout=120_000) as download:
        button.first.click()
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "briefing.pdf"
        pdf.write_bytes(Path(download.value.path()).read_bytes())
        subprocess.run(
            ["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(out / "briefing")],
            check=True,
        )
    return out / "briefing.png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    written = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
            page = browser.new_context(viewport=SIZE, locale="zh-CN", accept_downloads=True).new_page()
            for i, (_path, _title, _icon, url_path) in enumerate(navigation.PAGES):
                page.goto(page_url(base, url_path, first=i == 0))
                wait_until_drawn(page, settle_ms=2500)
                target = args.out / f"{url_path}.png"
                page.screenshot(path=str(target))
                written.append(target)
            if (briefing := briefing_png(page, base, args.out)) is not None:
                written.append(briefing)
            browser.close()
    finally:
        stop_server(server)
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
