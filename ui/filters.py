"""The filters every page shares (park, snapshot date, language), kept in the URL.

A copied link reopens the same view on any page: on a session's first run each filter takes its
value from the query string, afterwards the widget owns it and every run writes it back (a value
equal to the default is left out, so a link without `snapshot` always opens the newest data).
URL values are untrusted: a value that is not one of the options is dropped, with a notice.

Streamlit's own `bind="query-params"` would do the syncing, but it writes a selectbox's formatted
label (安东园) into the URL rather than its value (andong), which would make links depend on the
language.
"""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from queries import runner
from ui import briefing, strings
from ui.strings import t

ALL = "all"
PARK_KEY, SNAPSHOT_KEY, LANG_KEY = "park", "snapshot", "lang"
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
CHECKING_POLL_S = 2.0  # how often the sidebar asks whether snapshots still being checked are done


@dataclass(frozen=True)
class Filters:
    park_id: str | None  # None for the whole zone
    snapshot: runner.Snapshot
    lang: str

    @property
    def as_of(self) -> str:
        return self.snapshot.date


def from_url(key: str, options: list[str], default: str) -> str | None:
    """Seed a widget's state from the URL once per session; return the URL value if it was refused."""
    if key in st.session_state and st.session_state[key] in options:
        return None
    value = st.query_params.get(key)
    st.session_state[key] = value if value in options else default
    return value if value is not None and value not in options else None


def to_url(key: str, value: str, default: str) -> None:
    if value == default:
        st.query_params.pop(key, None)
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def sidebar(
    snapshots: list[runner.Snapshot], parks: pd.DataFrame, checking: list[str] = (), fixed_park: str | None = None
) -> tuple[Filters, list[str]]:
    """Draw the shared filters in the sidebar; return their values and notices about refused URL values.

    `snapshots` are the valid ones, newest first; `parks` has park_id, name_zh and name_en;
    `checking` the dates of snapshots still being checked (offered once they pass); `fixed_park`
    the one park a park user may choose (no whole-zone option then).
    """
    dates = [s.date for s in snapshots]
    names = {lang: dict(zip(parks["park_id"], parks[f"name_{lang}"], strict=True)) for lang in strings.LANGUAGES}
    park_options = [fixed_park] if fixed_park else [ALL, *names["zh"]]
    defaults = {PARK_KEY: park_options[0], SNAPSHOT_KEY: dates[0], LANG_KEY: strings.DEFAULT_LANGUAGE}
    options = {PARK_KEY: park_options, SNAPSHOT_KEY: dates, LANG_KEY: list(strings.LANGUAGES)}
    refused = [(key, from_url(key, options[key], defaults[key])) for key in (LANG_KEY, PARK_KEY, SNAPSHOT_KEY)]

    lang = st.session_state[LANG_KEY]
    with st.sidebar:
        # a radio, not a segmented control: a button group's first Chinese label makes Streamlit
        # compile its emoji catalog (0.16 s), which would hold up the first page after a start
        lang = st.radio(
            t("language", lang),
            options[LANG_KEY],
            key=LANG_KEY,
            format_func=LANGUAGE_NAMES.get,
            horizontal=True,
            label_visibility="collapsed",
        )
        park = st.selectbox(
            t("park", lang),
            park_options,
            key=PARK_KEY,
            format_func=lambda p: t("all_parks", lang) if p == ALL else names[lang][p],
        )
        date = st.selectbox(t("snapshot", lang), dates, key=SNAPSHOT_KEY)
        if checking:
            checking_note(len(checking), lang)
    for key, value in ((PARK_KEY, park), (SNAPSHOT_KEY, date), (LANG_KEY, lang)):
        to_url(key, value, defaults[key])

    labels = {PARK_KEY: t("park", lang), SNAPSHOT_KEY: t("snapshot", lang), LANG_KEY: t("language", lang)}
    notices = [t("bad_url_value", lang, param=labels[k], value=v[:40]) for k, v in refused if v is not None]
    snapshot = next(s for s in snapshots if s.date == date)
    return Filters(None if park == ALL else park, snapshot, lang), notices


@st.fragment(run_every=CHECKING_POLL_S)
def checking_note(count: int, lang: str) -> None:
    """How many snapshots are still being checked; once any is done, the app runs again to offer it
    (no click needed)."""
    if len(runner.ready_snapshots()[1]) < count:
        st.rerun()
    st.caption(t("snapshots_checking", lang, n=count))


def url_choice(widget, label: str, options: list[str], *, key: str, default: str, lang: str, **kwargs) -> str:
    """A page's own choice widget (selectbox, segmented_control, pills, radio) kept in the URL under `key`.

    Options must be strings (they travel in the URL). A URL value that is not an option is refused
    with a notice. Pass `required=True` to segmented_control and pills so a choice is always made.
    """
    refused = from_url(key, options, default)
    if refused is not None:
        st.warning(t("bad_url_value", lang, param=label, value=refused[:40]), icon=":material/link_off:")
    value = widget(label, options, key=key, **kwargs)
    to_url(key, value, default)
    briefing.choice(label, value, kwargs.get("format_func"))
    return value


def current() -> Filters:
    """The filters the frame chose for this run; pages call this."""
    return st.session_state["_filters"]
