"""Who may read what: the roles of `access.toml`, the principal of a run, and the rule each query declares.

Every `queries/*.sql` file says what it exposes in a header line:

    -- access: aggregate                      counts and sums by park, grid level, month...: every role
    -- access: rows                           enterprise names, case ids, plot names: analyst, park, admin
    -- access: aggregate; rows where depth >= 4   aggregate, but the rows matching are row-level ones

The runner asks `admit` before it reads and `trim` after (`runner.run`), so a page cannot show what its
user may not see even by mistake: `public` and `viewer` get no row-level query (AccessDenied), and a park
user gets its own park forced (a query for the zone is answered for the park; one for another park is
refused), and only its park's rows of the queries that list every park.

The principal of a Streamlit run is set by the frame (`ui/auth.py`) in the session state; outside
Streamlit (the tools, the query tests, the benchmark) the runner serves everything (SYSTEM).
"""

import contextlib
import contextvars
import functools
import os
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from queries import manifest

ROOT = Path(__file__).resolve().parent.parent
POLICY_FILE = ROOT / "access.toml"  # $JEDZ_ACCESS_FILE names another
ROLES = ("public", "viewer", "park", "analyst", "admin")  # least to most
PARK_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
SESSION_KEY = "_principal"
RULE = re.compile(r"^--\s*access:\s*(.+?)\s*$", re.MULTILINE)
ROWS_WHERE = re.compile(r"^rows where ([a-z_][a-z0-9_]*) (>=|=) (-?\d+)$")


class PolicyError(ValueError):
    """`access.toml` cannot be used; the message says what is wrong."""


class AccessDenied(PermissionError):
    """A query the principal may not run; `reason` is a strings key (`access_denied_rows`,
    `access_denied_park`), `params` its values."""

    def __init__(self, reason: str, query: str, **params):
        super().__init__(f"{reason}: {query} {params}")
        self.reason, self.query, self.params = reason, query, params


@dataclass(frozen=True)
class Principal:
    """Who runs a page: a role of ROLES, the park of a park user, and who they are (for the audit log
    and the sidebar only: never in a URL or the server's log)."""

    role: str
    park_id: str | None = None
    user: str = ""  # email, preferred_username or sub of a logged-in user
    logged_in: bool = False
    demo_only: bool = False  # this role holds on demo snapshots only; on any other it is public

    def serving(self, snapshot) -> "Principal":
        """The principal for reading `snapshot`: public instead of a demo-only role on a snapshot whose
        manifest does not say `demo` (reported, or its source not recorded)."""
        if self.demo_only and manifest.record(snapshot.path, snapshot.fingerprint).source != "demo":
            return PUBLIC
        return self

    @property
    def rank(self) -> int:
        return ROLES.index(self.role)

    @property
    def rows(self) -> bool:
        """May see enterprise names, case ids and other row-level tables."""
        return self.role in ("park", "analyst", "admin")

    @property
    def downloads(self) -> bool:
        """May download tables (of what it sees: aggregates only for a viewer)."""
        return self.role != "public"

    @property
    def admin(self) -> bool:
        return self.role == "admin"

    @property
    def label(self) -> str:
        return f"park:{self.park_id}" if self.role == "park" else self.role


PUBLIC = Principal("public")
SYSTEM = Principal("admin", user="system")  # outside Streamlit: tools, query tests, benchmark
OPEN = Principal("analyst", demo_only=True)  # nobody logged in and no login configured: demo data is open


@dataclass(frozen=True)
class Policy:
    claim: str
    park_prefix: str
    mapping: dict = field(default_factory=dict, hash=False)

    def role_of(self, value: str) -> Principal | None:
        """The principal one claim value gives, or None for a value the policy does not know."""
        role = self.mapping.get(value)
        if role is None and self.park_prefix and value.startswith(self.park_prefix):
            role = "park:" + value[len(self.park_prefix) :]
            if not PARK_ID.match(role[5:]):
                return None
        return None if role is None else _principal(role)

    def principal(self, claims: dict) -> Principal:
        """The principal of a logged-in user from their token's claims: the highest role its claim
        values map to; public when none does (or the claim is missing or not a list of strings)."""
        values = claims.get(self.claim)
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list | tuple):
            values = []
        found = [p for p in (self.role_of(v) for v in values if isinstance(v, str)) if p is not None]
        best = max(found, key=lambda p: p.rank, default=PUBLIC)
        user = next((str(claims[k]) for k in ("email", "preferred_username", "sub") if claims.get(k)), "")
        return Principal(best.role, best.park_id, user=user[:120], logged_in=True)


def _principal(role: str) -> Principal:
    if role.startswith("park:"):
        return Principal("park", role[5:])
    return Principal(role)


def _valid_role(role) -> bool:
    if not isinstance(role, str):
        return False
    if role.startswith("park:"):
        return bool(PARK_ID.match(role[5:]))
    return role in ROLES and role != "park"


def policy_file() -> Path:
    return Path(os.environ.get("JEDZ_ACCESS_FILE") or POLICY_FILE)


def load_policy(path: Path | None = None) -> Policy:
    """The policy in `path` (default: `policy_file()`), checked; a PolicyError names what is wrong.
    Read once per version of the file."""
    path = path or policy_file()
    try:
        stat = path.stat()
    except OSError as error:
        raise PolicyError(f"{path.name} cannot be read ({error.strerror})") from None
    return _load_policy(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _load_policy(path: Path, _mtime: int, _size: int) -> Policy:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PolicyError(f"{path.name} is not valid TOML ({str(error).splitlines()[0][:120]})") from None
    unknown = sorted(set(data) - {"claim", "park_prefix", "map"})
    if unknown:
        raise PolicyError(f"{path.name}: unknown setting {', '.join(unknown)} (known: claim, park_prefix, map)")
    claim = data.get("claim", "groups")
    if not isinstance(claim, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.:-]{0,63}", claim):
        raise PolicyError(f'{path.name}: claim must name a token claim such as "groups" or "roles", not {claim!r}')
    prefix = data.get("park_prefix", "park:")
    if not isinstance(prefix, str):
        raise PolicyError(f"{path.name}: park_prefix must be a string")
    mapping = data.get("map", {})
    if not isinstance(mapping, dict):
        raise PolicyError(f"{path.name}: [map] must be a table of claim value = role")
    for value, role in mapping.items():
        if not _valid_role(role):
            raise PolicyError(
                f"{path.name}: [map] {value!r} = {role!r} is not a role "
                "(public, viewer, analyst, admin or park:<park_id>)"
            )
    return Policy(claim, prefix, dict(mapping))


# --- the principal of the current run ----------------------------------------------------------------

_current: contextvars.ContextVar[Principal | None] = contextvars.ContextVar("principal", default=None)


@contextlib.contextmanager
def acting_as(principal: Principal):
    """Run the queries inside as `principal` (tests and tools; pages get theirs from the frame)."""
    token = _current.set(principal)
    try:
        yield principal
    finally:
        _current.reset(token)


def viewing(snapshot) -> Principal:
    """The principal the queries of this run serve over `snapshot` (see `Principal.serving`)."""
    return current().serving(snapshot)


def current() -> Principal:
    """The principal the queries of this run serve: set by `acting_as`, else the one the frame put in
    the session state; a Streamlit run the frame did not set (a page run on its own) is public."""
    explicit = _current.get()
    if explicit is not None:
        return explicit
    if "streamlit" not in sys.modules:
        return SYSTEM
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return SYSTEM
    found = ctx.session_state[SESSION_KEY] if SESSION_KEY in ctx.session_state else None
    return found if isinstance(found, Principal) else PUBLIC


# --- the rule of each query --------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    rows: bool  # the whole result is row-level
    rows_where: tuple[str, str, int] | None = None  # (column, op, value): the row-level rows of an aggregate


@functools.lru_cache(maxsize=256)
def rule_of(sql: str) -> Rule:
    """A query's `-- access:` header; a query without one counts as row-level (the safe side)."""
    found = RULE.search(sql)
    if found is None:
        return Rule(rows=True)
    parts = [p.strip() for p in found.group(1).split(";")]
    if parts == ["rows"]:
        return Rule(rows=True)
    if parts[0] != "aggregate" or len(parts) > 2:
        raise ValueError(f"unknown access rule: {found.group(1)!r}")
    if len(parts) == 1:
        return Rule(rows=False)
    where = ROWS_WHERE.match(parts[1])
    if where is None:
        raise ValueError(f"unknown access rule: {found.group(1)!r}")
    return Rule(rows=False, rows_where=(where.group(1), where.group(2), int(where.group(3))))


def admit(name: str, sql: str, params: dict, principal: Principal) -> dict:
    """The parameters `principal` may run query `name` with (a park user's park forced), or AccessDenied."""
    rule = rule_of(sql)
    if rule.rows and not principal.rows:
        raise AccessDenied("access_denied_rows", name)
    if principal.role == "park" and "park_id" in params:
        asked = params["park_id"]
        if asked is not None and asked != principal.park_id:
            raise AccessDenied("access_denied_park", name, park=str(asked)[:40])
        params = {**params, "park_id": principal.park_id}
    return params


def trim(sql: str, params: dict, frame: pd.DataFrame, principal: Principal) -> pd.DataFrame:
    """What of a query's result `principal` may see: no row-level rows for public and viewer, and for a
    park user only its park's rows of a query that lists every park (one not taking `$park_id`)."""
    rule = rule_of(sql)
    if rule.rows_where is not None and not principal.rows and rule.rows_where[0] in frame.columns:
        column, op, value = rule.rows_where
        values = frame[column]
        frame = frame[~(values >= value if op == ">=" else values == value)].reset_index(drop=True)
    if principal.role == "park" and "park_id" not in params and "park_id" in frame.columns:
        frame = frame[frame["park_id"] == principal.park_id].reset_index(drop=True)
    return frame
