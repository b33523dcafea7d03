"""An unexpected error in a page: the user gets our own message, the server log gets the details.

`client.showErrorDetails = "none"` (.streamlit/config.toml) already keeps tracebacks off the page;
this adds what failed and what to do, in the user's language, with a reference to the log line.
"""

import contextlib
import uuid

import streamlit as st
from streamlit.logger import get_logger

from queries import access
from ui import auth
from ui.strings import t

_LOG = get_logger("jedz.errors")


@contextlib.contextmanager
def caught(where: str, title: str, lang: str):
    """Run the block; an exception from it is logged (as `where`, with a reference) and shown as our
    notice naming `title`. Streamlit's own control flow (st.stop, st.rerun, st.switch_page) is not an
    Exception and passes."""
    try:
        yield
    except access.AccessDenied as denial:  # the runner refused a query: a notice, never the rows
        auth.denied(denial, lang)
    except Exception:
        reference = uuid.uuid4().hex[:8]
        _LOG.exception("page %r failed (reference %s)", where, reference)
        st.error(t("page_failed", lang, page=title, reference=reference), icon=":material/error:")


def run_page(page, lang: str) -> None:
    """Run the navigation's current page; an exception from it is logged and shown as a notice. (A
    fragment's exception does not reach here: Streamlit handles it in the fragment, so a fragment's
    body runs under `caught` itself.)"""
    with caught(page.url_path or "overview", page.title, lang):
        page.run()
