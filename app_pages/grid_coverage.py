"""Placeholder until the page is built (issue 3)."""

import streamlit as st

from ui import filters
from ui.strings import t

st.title(t("page_grids", filters.current().lang))
