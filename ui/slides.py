"""A PNG of a big-screen view at 1920x1080, for a slide: offered in the sidebar of the other pages (the
screen itself shows no buttons). This server's own chromium opens `/big_screen` holding the view (the
park shown, no rotation) and photographs it, when the button is clicked and not before."""

import urllib.parse

import streamlit as st

from tools.browser import CHROMIUM, CHROMIUM_FLAGS, wait_until_drawn
from ui.strings import t

SIZE = {"width": 1920, "height": 1080}


def screen_url(port: int, park: str | None, snapshot: str, lang: str) -> str:
    """The big screen on this server, holding the zone's view or `park`'s, with no rotation."""
    query = {"rotate": "0", "lang": lang, "snapshot": snapshot, **({"park": park} if park else {})}
    return f"http://127.0.0.1:{port}/big_screen?{urllib.parse.urlencode(query)}"


def screen_png(url: str) -> bytes:
    from playwright.sync_api import sync_playwright  # only a click needs the browser

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            page = browser.new_page(viewport=SIZE, locale="zh-CN")
            page.goto(url)
            wait_until_drawn(page)
            return page.screenshot(type="png")
        finally:
            browser.close()


def sidebar_button(f, park_name: str) -> None:
    """The download button of the big-screen view of the filters `f`: their park (or the zone), date
    and language."""
    lang = f.lang
    url = screen_url(int(st.get_option("server.port")), f.park_id, f.as_of, lang)
    st.download_button(
        t("slide_png", lang, scope=park_name),
        lambda: screen_png(url),
        f"big_screen_{f.park_id or 'zone'}_{f.as_of}.png",
        "image/png",
        key="slide_png",
        icon=":material/slideshow:",
        on_click="ignore",
        help=t("slide_png_help", lang),
    )
