"""CSV and Excel downloads of the table a page shows."""

import io

import pandas as pd
import streamlit as st

from ui.strings import t


def csv_bytes(frame: pd.DataFrame) -> bytes:
    # UTF-8 with a byte-order mark, so Excel in China opens the Chinese text correctly
    return frame.to_csv(index=False).encode("utf-8-sig")


def excel_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()


def buttons(frame: pd.DataFrame, name: str, lang: str, key: str) -> None:
    """Two download buttons side by side; `name` is the file name without extension."""
    with st.container(horizontal=True):
        st.download_button(
            t("download_csv", lang),
            lambda: csv_bytes(frame),
            f"{name}.csv",
            "text/csv",
            key=f"{key}_csv",
            icon=":material/download:",
            on_click="ignore",
        )
        st.download_button(
            t("download_excel", lang),
            lambda: excel_bytes(frame, name),
            f"{name}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}_xlsx",
            icon=":material/table_view:",
            on_click="ignore",
        )
