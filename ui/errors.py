"""An unexpected error in a page: the user gets our own message, the server log gets the details.

`client.showErrorDetails = "none"` (.streamlit/config.toml) already keeps tracebacks off the page;
this adds what failed and what to do, in the user's language, with a reference to the log line.
"""

import uuid

import streamlit as st
from streamlit.logger import get_logger

from ui.strings import t

_LOG = get_logger("jedz.errors")


def run_page(page, lang: str) -> None:
    """Run the navigation's current page; an exception from it is logged and shown as a notice.

    Streamlit's own control flow (st.stop, st.rerun, st.switch_page) is not an Exception and passes.
    """
    try:
        page.run()
    except Exception:
        reference = uuid.uuid4().hex[:8]
        _LOG.exception("page %r failed (reference %s)", page.url_path or "overview", reference)
        st.error(t("page_failed", lang, page=page.title, reference=reference), icon=":material/error:")
