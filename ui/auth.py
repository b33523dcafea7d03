"""Login through Streamlit's own OpenID Connect (`st.login`, `st.user`, `st.logout`) and the principal
each run serves.

The identity provider is configured in `[auth]` of `.streamlit/secrets.toml` (see the README); the
roles come from `access.toml` (`queries/access.py`). Streamlit keeps the login in a signed cookie: no
token, password or personal detail goes into a URL or the server's log.

- Login configured: a logged-in user gets the role of their claims; a visitor not logged in is public.
- No login configured: a visitor sees demo snapshots whole and any other (reported, or source not
  recorded) at public level, and the sidebar says how to configure login.
"""

import json
import logging
import urllib.request

import streamlit as st

from queries import access, audit, manifest, runner
from ui import filters
from ui.strings import t

UNREACHABLE_KEY = "_auth_unreachable"
LOGGED_KEY = "_audit_logged_in"
DISCOVERY_TIMEOUT_S = 3.0

log = logging.getLogger(__name__)


def _auth_section() -> dict:
    try:
        section = st.secrets.get("auth")
    except Exception:  # no secrets file at all, or one that is not TOML: login is not configured
        return {}
    return section.to_dict() if hasattr(section, "to_dict") else dict(section or {})


def provider() -> tuple[str | None, str | None]:
    """The provider to log in with (None for Streamlit's default, the flat `[auth]`) and its discovery
    URL; (None, None) when login is not configured."""
    section = _auth_section()
    if section.get("server_metadata_url"):
        return None, str(section["server_metadata_url"])
    for name, value in section.items():
        if isinstance(value, dict) and value.get("server_metadata_url"):
            return name, str(value["server_metadata_url"])
    return None, None


def configured() -> bool:
    return provider()[1] is not None


def logged_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except Exception:  # st.user unreadable (a cookie from another secret): treat as not logged in
        return False


def identify() -> access.Principal:
    """Who this run serves before a snapshot is chosen, stored for the runner (`access.current`);
    a bad `access.toml` stops the run with an error on the page."""
    try:
        policy = access.load_policy()
    except access.PolicyError as error:
        st.session_state[access.SESSION_KEY] = access.PUBLIC
        st.error(t("auth_policy_error", "zh", error=error) + "\n\n" + t("auth_policy_error", "en", error=error))
        st.stop()
    if logged_in():
        principal = policy.principal(st.user.to_dict())
    elif configured():
        principal = access.PUBLIC
    else:
        principal = access.OPEN
    st.session_state[access.SESSION_KEY] = principal
    return principal


def settle(principal: access.Principal, snapshot: runner.Snapshot) -> access.Principal:
    """The principal for the chosen snapshot (a demo-only role is public on reported data; the runner
    applies the same rule to every snapshot it reads); a login is written to the audit log once per session."""
    principal = principal.serving(snapshot)
    if principal.logged_in and st.session_state.get(LOGGED_KEY) != principal.user:
        if record("login", principal):
            st.session_state[LOGGED_KEY] = principal.user
    return principal


def record(event: str, principal: access.Principal, **details) -> bool:
    """An audit entry; False (and a line in the server log, naming no user) when it cannot be written."""
    try:
        audit.record(event, principal.user, principal.label, data_dir=runner.data_dir(), **details)
        return True
    except (OSError, ValueError) as error:
        log.warning("the audit log cannot be written (%s)", type(error).__name__)
        return False


def pin_park(principal: access.Principal) -> bool:
    """A park user's park filter is their park: set before the sidebar draws it. True when the link
    asked for another park (the page then says it was refused, and the audit log has it)."""
    if principal.role != "park":
        return False
    asked = st.query_params.get(filters.PARK_KEY)
    st.session_state[filters.PARK_KEY] = principal.park_id
    if asked is None or asked == principal.park_id:
        return False
    record("denial", principal, what="park", asked=str(asked)[:40])
    return True


def denied(denial: access.AccessDenied, lang: str) -> None:
    """Where the runner refused a query: a notice saying which rule, never the rows; and an audit entry."""
    principal = access.current()
    record("denial", principal, what=denial.query, reason=denial.reason, **denial.params)
    st.warning(t(denial.reason, lang, own=principal.park_id or ""), icon=":material/lock:")


def unknown_park(principal: access.Principal) -> None:
    """A park user whose park the data does not hold: a notice, and the run stops (they may see no
    other park); the sidebar still offers logout."""
    lang = st.session_state.get(filters.LANG_KEY, "zh")
    st.warning(t("access_unknown_park", lang, park=principal.park_id), icon=":material/lock:")
    with st.sidebar:
        sidebar(principal, None, {}, lang)
    st.stop()


def role_name(principal: access.Principal, park_names: dict, lang: str) -> str:
    if principal.role == "park":
        return t("role_park", lang, park=park_names.get(principal.park_id, principal.park_id))
    return t(f"role_{principal.role}", lang)


def sidebar(principal: access.Principal, snapshot: runner.Snapshot, park_names: dict, lang: str) -> None:
    """Who is logged in and the login or logout button; without login, what a visitor sees and how to
    configure login."""
    if principal.role == "park":
        st.caption(t("access_park_only", lang, park=park_names.get(principal.park_id, principal.park_id)))
    if logged_in():
        st.caption(t("auth_signed_in", lang, role=role_name(principal, park_names, lang)))  # no personal detail
        if st.button(t("auth_logout", lang), key="auth_logout", icon=":material/logout:"):
            record("logout", principal)
            st.session_state.pop(LOGGED_KEY, None)
            st.logout()
        return
    if configured():
        st.caption(t("auth_visitor", lang))
        if st.button(t("auth_login", lang), key="auth_login", icon=":material/login:"):
            login()
        if st.session_state.get(UNREACHABLE_KEY):
            st.warning(t("auth_unreachable", lang), icon=":material/cloud_off:")
        return
    demo = manifest.record(snapshot.path, snapshot.fingerprint).source == "demo"
    st.caption(t("auth_open_demo" if demo else "auth_not_configured", lang))


def login() -> None:
    """Start Streamlit's login, unless the identity provider cannot be reached: then a notice says so
    (Streamlit's own route would answer a bare "Authentication error")."""
    name, url = provider()
    if not reachable(url):
        st.session_state[UNREACHABLE_KEY] = True
        return
    st.session_state.pop(UNREACHABLE_KEY, None)
    st.login(name) if name else st.login()


def reachable(url: str | None) -> bool:
    """The provider answers its discovery document (OpenID Connect's `.well-known/openid-configuration`)."""
    if not url or not url.startswith(("http://", "https://")):
        return False
    try:
        with urllib.request.urlopen(url, timeout=DISCOVERY_TIMEOUT_S) as response:
            return "authorization_endpoint" in json.loads(response.read(1 << 20))
    except (OSError, ValueError):
        return False
