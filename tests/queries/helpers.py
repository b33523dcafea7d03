"""Load snapshots as a server start would, and see where their tables are."""

from queries import loading, runner, upkeep


def load(folder):
    """Load as a fresh start of the server would, and wait until its checked copy (if any) is kept."""
    forget(folder)
    snapshot = runner.snapshot_at(folder)
    upkeep.wait()
    return snapshot


def forget(folder):
    """As if the process had restarted: the folder's snapshot neither loaded nor attached."""
    loading.forget(folder)


def attached(catalog: str) -> bool:
    cur = runner.connection().cursor()
    found = cur.execute("SELECT count(*) FROM duckdb_databases() WHERE database_name = $c", {"c": catalog})
    n = found.fetchone()[0]
    cur.close()
    return n == 1


def attached_from(snapshot) -> str | None:
    cur = runner.connection().cursor()
    found = cur.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = $c", {"c": snapshot.catalog}
    ).fetchone()
    cur.close()
    return found[0] if found else None
