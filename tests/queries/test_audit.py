"""The audit log: one JSON line per event, appended, outside the snapshots, readable as a table."""

import json

import pytest

from queries import audit


@pytest.fixture
def audit_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("JEDZ_AUDIT_DIR", str(tmp_path / "audit"))
    return tmp_path / "audit"


def test_entries_are_appended_and_read_back_oldest_first(audit_dir):
    audit.record("login", "alice@example.org", "park:andong")
    audit.record("download", "alice@example.org", "park:andong", table="enterprises", scope="andong@2022-09-30")
    lines = (audit_dir / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["event"] for line in lines] == ["login", "download"]
    log = audit.entries()
    assert list(log["event"]) == ["login", "download"]
    assert log.at[1, "table"] == "enterprises" and log.at[1, "scope"] == "andong@2022-09-30"
    assert log.at[0, "at"].endswith("+00:00")  # UTC


def test_a_torn_line_is_skipped_and_the_rest_kept(audit_dir):
    audit.record("login", "a", "viewer")
    with open(audit_dir / "audit.jsonl", "a", encoding="utf-8") as f:
        f.write('{"event": "login", "us')  # a crashed writer's half line
    audit.record("logout", "a", "viewer")
    assert list(audit.entries()["event"]) == ["login", "logout"]


def test_no_user_is_anonymous_and_an_unknown_event_is_refused(audit_dir):
    assert audit.record("denial", "", "public", what="park")["user"] == "anonymous"
    with pytest.raises(ValueError, match="unknown audit event"):
        audit.record("delete", "a", "admin")


def test_the_log_may_not_lie_among_the_snapshots(tmp_path, monkeypatch):
    monkeypatch.setenv("JEDZ_AUDIT_DIR", str(tmp_path / "snapshots" / "2022-09-30"))
    with pytest.raises(audit.AuditError, match="among the snapshots"):
        audit.record("login", "a", "admin", data_dir=tmp_path)
