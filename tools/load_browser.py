"""Real chromium sessions beside `tools.load`'s protocol sessions: the check that its figures hold in a browser.

Each is a tab of Debian's chromium (Playwright, one browser, a context each, so each has its own sticky
cookie and session) that clicks through the same page mix as a user would: a page's link in the sidebar,
then a park in the sidebar's park selectbox. A click's time runs from the click to the app drawn again:
the browser received the run's `script_finished` and shows it (script state notRunning, no element still
loading). That is what the user waits for, and more than the protocol sessions measure: the browser also
draws what it received. `Run.script_s` is theirs: from the browser sending its rerun message to the
run's `script_finished` reaching it.

The big screen is left out of the mix: it hides the sidebar a user clicks in.
"""

import asyncio
import random
import time

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tools.browser import CHROMIUM, CHROMIUM_FLAGS
from tools.load import PAGE_MIX, PARK_CHOICES, RUN_TIMEOUT_S, Budget, Run

MIX = {page: weight for page, weight in PAGE_MIX.items() if page != "big_screen"}

DRAWN = """
() => document.querySelector('[data-testid=stApp][data-test-connection-state=CONNECTED]')
  && document.querySelector('[data-testid=stApp][data-test-script-state=notRunning]')
  && !document.querySelector('[data-testid=stSkeleton]')
"""
FINISHED = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR)


class Finished:
    """The script runs a tab's websocket reported finished (`script_finished`, as the protocol sessions
    wait for), read from the frames the browser receives: a fast run's "running" may never reach the page."""

    def __init__(self, tab):
        self.count, self.at, self.received = 0, 0.0, 0
        self.sent_at: float | None = None  # when the browser sent its first message after `expect_send`
        self.changed = asyncio.Event()
        tab.on("websocket", self._socket)

    def _socket(self, ws) -> None:
        ws.on("framereceived", self._frame)
        ws.on("framesent", self._sent)

    def expect_send(self) -> None:
        self.sent_at = None

    def _sent(self, payload) -> None:
        if self.sent_at is None and isinstance(payload, bytes | bytearray):
            self.sent_at = time.monotonic()

    def _frame(self, payload) -> None:
        if isinstance(payload, bytes | bytearray):
            self.received += len(payload)
            msg = ForwardMsg.FromString(bytes(payload))
            if msg.WhichOneof("type") == "script_finished" and msg.script_finished in FINISHED:
                self.count, self.at = self.count + 1, time.monotonic()
                self.changed.set()

    async def after(self, count: int, timeout: float) -> None:
        async with asyncio.timeout(timeout):
            while self.count <= count:
                self.changed.clear()
                await self.changed.wait()


async def _click_and_wait(tab, finished: Finished, click, page: str) -> Run:
    before, received = finished.count, finished.received
    finished.expect_send()
    started = time.monotonic()
    result = Run(page, 0.0, False)
    try:
        await click()
        await finished.after(before, RUN_TIMEOUT_S)
        result.script_s = finished.at - (finished.sent_at or started)
        result.received = finished.received - received
        await tab.wait_for_function(DRAWN, timeout=RUN_TIMEOUT_S * 1000, polling=50)
        result.ok = True
        result.exceptions = await tab.locator("[data-testid=stException]").all_inner_texts()
    except Exception as error:  # noqa: BLE001 - a click that never drew is this run's error
        result.exceptions = [f"{type(error).__name__}: {str(error)[:200]}"]
    result.seconds = time.monotonic() - started
    return result


class Tabs:
    """`count` chromium tabs, each in a context of its own (its own cookie and session), opened on the app
    before the measured run starts: `async with Tabs(url, 3) as tabs: await tabs.click_through(...)`."""

    def __init__(self, base_url: str, count: int):
        self.base_url, self.count = base_url, count
        self.tabs = []

    async def __aenter__(self) -> "Tabs":
        from playwright.async_api import async_playwright  # noqa: PLC0415 - only when browsers are asked for

        self._playwright = await async_playwright().start()
        self._browser = await self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for _ in range(self.count):
            context = await self._browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
            tab = await context.new_page()
            finished = Finished(tab)
            await tab.goto(self.base_url + "/", timeout=RUN_TIMEOUT_S * 1000)
            await finished.after(0, RUN_TIMEOUT_S)
            await tab.wait_for_function(DRAWN, timeout=RUN_TIMEOUT_S * 1000)
            self.tabs.append((tab, finished))
        return self

    async def __aexit__(self, *_exc) -> None:
        await self._browser.close()
        await self._playwright.stop()

    async def click_through(self, seed: int, budget: Budget, runs: list[Run]) -> None:
        """Every tab clicks through the mix until `budget` is spent; their runs go to `runs`."""
        await asyncio.gather(
            *(_user(*tab, random.Random(seed * 7919 + i), budget, runs) for i, tab in enumerate(self.tabs))
        )


async def _user(tab, finished: Finished, rng: random.Random, budget: Budget, runs: list[Run]) -> None:
    current = "overview"
    pages, weights = zip(*MIX.items(), strict=True)
    links = tab.locator("[data-testid=stSidebarNavLink]")
    selectbox = tab.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first

    async def choose(index: int) -> None:
        await selectbox.click()
        options = tab.get_by_role("option")
        chosen = [await o.get_attribute("aria-selected") for o in await options.all()]
        if chosen[index % len(chosen)] == "true":  # the park already shown (a page's link keeps the park)
            index += 1
        await options.nth(index % len(chosen)).click()

    while budget.take():
        page, wanted = rng.choices(pages, weights)[0], rng.randrange(PARK_CHOICES)
        if page != current:
            # the overview's link is the first: the root
            link = links.first if page == "overview" else links.and_(tab.locator(f"[href$='/{page}']"))
            runs.append(await _click_and_wait(tab, finished, link.click, page))
            current = page
        else:
            runs.append(await _click_and_wait(tab, finished, lambda index=wanted: choose(index), page))
