"""Who sees what, page by page: a bad policy closes the dashboard; without login the demo data is open
and the zone's reported data public; a park user sees its park only; and what a role may not see is
never sent to its browser (a map's JSON, a table, a tooltip, a download)."""

import datetime

import pytest

from queries import access, runner
from tests.pages.access_helpers import VISITOR, everything, open_as, row_values, tables_shown, user
from tests.pages.access_helpers import downloads as downloads_shown
from tools import ingest
from ui import downloads, navigation

PAGES = [path.removeprefix("app_pages/") for path, *_ in navigation.PAGES]
DEMO = runner.ROOT / "data" / "snapshots" / "2022-09-30"
REPORTED_ON = "2022-12-31"


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    """The example export ingested as the zone's reported data (the newest snapshot of its folder)."""
    data = tmp_path_factory.mktemp("reported")
    example = runner.ROOT / "data" / "examples" / "ingest"
    assert ingest.main([str(example), "--as-of", REPORTED_ON, "--data-dir", str(data), "-q"]) == 0
    return data


@pytest.fixture
def on_reported(reported, monkeypatch):
    monkeypatch.setenv("JEDZ_DATA_DIR", str(reported))
    return reported / "snapshots" / REPORTED_ON


@pytest.fixture(scope="module")
def secrets_of(reported):
    """What a role may not see, of the reported snapshot: enterprise names and case ids."""
    folder = reported / "snapshots" / REPORTED_ON
    return row_values(folder, "enterprises", "name_zh") | row_values(folder, "labor_disputes", "case_id")


def sidebar_text(at) -> str:
    return "\n".join(c.value for c in at.sidebar.caption)


def leaked(at, secrets: set[str]) -> list[str]:
    shown = everything(at)
    return sorted(s for s in secrets if s in shown)[:5]


# --- the policy file -------------------------------------------------------------------------------


def test_a_bad_policy_file_closes_the_dashboard_with_an_error(tmp_path, monkeypatch):
    bad = tmp_path / "access.toml"
    bad.write_text('[map]\nleaders = "superuser"\n', encoding="utf-8")
    monkeypatch.setenv("JEDZ_ACCESS_FILE", str(bad))
    at = open_as("labor_disputes.py")
    [error] = at.error
    assert "access.toml" in error.value and "'superuser' is not a role" in error.value
    assert not at.metric and not at.dataframe  # no page was drawn


# --- no login configured ---------------------------------------------------------------------------


def test_without_login_the_demo_data_is_open_to_everyone():
    at = open_as("park_maps.py")
    assert "演示数据对所有人开放" in sidebar_text(at)
    names = row_values(DEMO, "enterprises", "name_zh")
    assert names & set(tables_shown(at)[0]["name_zh"])  # the enterprise table, as before
    assert downloads_shown(at)


@pytest.mark.parametrize("page", PAGES)
def test_without_login_reported_data_is_public_on_every_page(page, on_reported, secrets_of):
    at = open_as(page, names="1")  # names=1 too: honoured for logged-in analysts only
    assert not leaked(at, secrets_of), leaked(at, secrets_of)
    assert not downloads_shown(at)
    if page != "big_screen.py":
        assert "请在 .streamlit/secrets.toml 中配置 [auth]" in sidebar_text(at)
        assert "登录后可下载数据表" in "\n".join(c.value for c in at.main.caption) or not at.dataframe


def test_public_on_the_disputes_page_gets_the_count_and_a_notice(on_reported):
    at = open_as("labor_disputes.py")
    assert "您当前的角色只能查看汇总数据" in "\n".join(i.value for i in at.info)
    assert "案件编号" not in everything(at)  # not even the table's header
    assert any(m.label == "调处劳动纠纷" for m in at.metric)


# --- login configured ------------------------------------------------------------------------------


def test_a_visitor_is_public_even_on_demo_data_when_login_is_configured():
    at = open_as("park_maps.py", who=VISITOR, login=True)
    assert "未登录" in sidebar_text(at)
    assert [b.label for b in at.sidebar.button] == ["登录"]
    assert not leaked(at, row_values(DEMO, "enterprises", "name_zh"))


def test_a_logged_in_user_with_unknown_groups_is_public():
    at = open_as("labor_disputes.py", who=user("staff", "park:../wuli"), login=True)
    assert "访客" in sidebar_text(at)
    assert not leaked(at, row_values(DEMO, "labor_disputes", "case_id"))


def test_the_login_button_says_when_the_identity_service_is_unreachable():
    at = open_as("overview.py", who=VISITOR, login=True)  # [auth] names a port nothing listens on
    at.sidebar.button[0].click().run()
    assert "统一身份认证服务暂时无法连接" in "\n".join(w.value for w in at.sidebar.warning)
    assert at.metric and not at.exception  # the public view still works


def test_log_out_leaves_a_visitor():
    at = open_as("overview.py", who=user("analyst"), login=True)
    assert "已登录 · 角色:分析员" in sidebar_text(at)
    assert "alice" not in everything(at)  # no personal detail on the page
    at.sidebar.button[0].click().run()
    assert at.user == {"is_logged_in": False}


def test_an_analyst_sees_rows_and_downloads_them(on_reported, secrets_of):
    at = open_as("labor_disputes.py", who=user("analyst"), login=True)
    assert leaked(at, secrets_of)  # the case list, with its ids
    assert "分析员" in sidebar_text(at)
    assert downloads_shown(at)


@pytest.mark.parametrize("page", PAGES)
def test_a_viewer_sees_every_page_at_aggregate_level_with_its_downloads(page, on_reported, secrets_of):
    at = open_as(page, who=user("viewer"), login=True, names="1")
    assert not leaked(at, secrets_of), leaked(at, secrets_of)
    assert len(downloads_shown(at)) == 2 * len(at.dataframe)  # every table it is shown, CSV and Excel


ROW_PAGES = {"grid_coverage.py": False, "economy.py": True, "labor_disputes.py": True, "park_maps.py": True}


@pytest.mark.parametrize("page", sorted(ROW_PAGES))
def test_an_analyst_gets_the_rows_of_every_page(page, on_reported, secrets_of):
    at = open_as(page, who=user("analyst"), login=True)
    assert bool(leaked(at, secrets_of)) == ROW_PAGES[page]  # the drill's enterprises are one click away
    assert "您当前的角色只能查看汇总数据" not in everything(at)


def deck_json(at) -> str:
    return "\n".join(chart.proto.json for chart in at.get("deck_gl_json_chart"))


def test_the_big_screen_sends_enterprise_names_only_with_names_1_to_an_analyst(on_reported, secrets_of):
    analyst = user("analyst")
    plain = open_as("big_screen.py", who=analyst, login=True, park="andong", rotate="0")
    named = open_as("big_screen.py", who=analyst, login=True, park="andong", rotate="0", names="1")
    assert '"enterprises"' in deck_json(plain)  # the dots are drawn...
    assert not leaked(plain, secrets_of)  # ...without their names in the map's data
    assert any(name in deck_json(named) for name in secrets_of)


# --- a park user -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def other_parks():
    """Enterprise names and case ids of every park but 安东园, in the shipped newest snapshot."""
    names = row_values(DEMO, "enterprises", "name_zh", "park_id <> 'andong'")
    return names | row_values(DEMO, "labor_disputes", "case_id", "park_id <> 'andong'")


@pytest.mark.parametrize("page", PAGES)
def test_a_park_user_sees_only_its_park_whatever_the_url_says(page, other_parks):
    at = open_as(page, who=user("park:andong"), login=True, park="wuli", names="1", selected="park:wuli")
    assert not leaked(at, other_parks), leaked(at, other_parks)
    shown = everything(at)
    assert "安东园" in shown
    for other in ("五里园", "综合保税区", "食品园", "三创园"):  # not in the filter, the charts or the maps
        assert other not in shown, other
    if page != "big_screen.py":
        assert "您只能查看本园区" in "\n".join(w.value for w in at.warning)
        assert "全区数字均为该园区的数字" in sidebar_text(at)
        assert at.sidebar.selectbox[0].options == ["安东园"]
    else:
        header = next(h.proto.body for h in at.get("html") if "jedz-screen-header" in h.proto.body)
        assert '<span class="jedz-screen-scope">安东园</span>' in header  # the screen names its park


@pytest.fixture(scope="module")
def wuli_ids():
    """A wuli enterprise and level-2 grid, for links that try to reach into another park."""
    enterprise = sorted(row_values(DEMO, "enterprises", "enterprise_id", "park_id = 'wuli'"))[0]
    grid = sorted(row_values(DEMO, "grids", "grid_id", "park_id = 'wuli' AND level = 2"))[0]
    return enterprise, grid


@pytest.mark.parametrize(
    "page, query",
    [
        ("park_maps.py", {"maps_selected": "enterprise:{enterprise}", "maps_level": "3"}),
        ("park_maps.py", {"maps_selected": "grid:{grid}", "park": "all"}),
        ("grid_coverage.py", {"grids_node": "{grid}", "grids_table": "enterprises"}),
        ("grid_coverage.py", {"grids_node": "wuli", "park": "wuli' OR 1=1 --"}),
        ("labor_disputes.py", {"park": "<script>wuli</script>", "snapshot": "../2022-06-30", "lang": "en"}),
        ("park_maps.py", {"snapshot": "2022-06-30", "park": "bonded", "maps_layer": "enterprises"}),
        ("big_screen.py", {"park": "wuli", "rotate": "1", "names": "1", "paused": "1"}),
    ],
)
def test_tampered_links_reach_no_other_park(page, query, wuli_ids, other_parks):
    enterprise, grid = wuli_ids
    query = {key: value.format(enterprise=enterprise, grid=grid) for key, value in query.items()}
    at = open_as(page, who=user("park:andong"), login=True, **query)
    shown = everything(at)
    for value in query.values():  # a notice may quote the link's own value back: that is not data
        shown = shown.replace(value, "")
    secret = other_parks | {enterprise, grid}
    assert not [s for s in secret if s in shown], [s for s in secret if s in shown][:5]
    assert "五里园" not in shown and "Wuli" not in shown


def test_a_park_user_whose_park_is_not_in_the_data_sees_nothing():
    at = open_as("overview.py", who=user("park:nowhere"), login=True)
    assert "您的账号所属园区“nowhere”不在当前数据中" in "\n".join(w.value for w in at.warning)
    assert not at.metric and not at.dataframe
    assert [b.label for b in at.sidebar.button] == ["退出登录"]


def test_a_park_users_figures_are_its_parks(other_parks):
    andong = runner.run("dispute_totals", "2022-09-30", park_id="andong").at[0, "case_count"]
    at = open_as("overview.py", who=user("park:andong"), login=True)
    assert {m.label: m.value for m in at.metric}["调处劳动纠纷"] == f"{andong}起"


# --- the audit log ---------------------------------------------------------------------------------


def test_an_admin_reads_logins_denials_and_downloads_in_the_audit_log():
    open_as("labor_disputes.py", who=user("park:andong", sub="audit-bob"), login=True, park="wuli")
    principal = access.Principal("analyst", user="audit-carol", logged_in=True)
    made = downloads.recorded(lambda: b"rows", principal, "enterprises_zone", "zone@2022-09-30", "csv", 12)
    assert made() == b"rows"  # the download's data, built when clicked, and written down then
    at = open_as("audit_log.py", who=user("admin", sub="audit-admin"), login=True)
    log = at.dataframe[0].value
    bob = log[log["user"] == "audit-bob@example.org"]
    assert set(bob["event"]) >= {"login", "denial"}
    assert "wuli" in set(bob["asked"].dropna())
    carol = log[log["user"] == "audit-carol"].iloc[0]
    assert (carol["event"], carol["table"], carol["scope"], carol["format"]) == (
        "download",
        "enterprises_zone",
        "zone@2022-09-30",
        "csv",
    )
    assert downloads_shown(at)  # the admin can download the log
    at.multiselect(key="audit_events").set_value(["download"]).run()
    assert set(at.dataframe[0].value["event"]) == {"download"}
    at.multiselect(key="audit_events").set_value([]).run()
    long_ago = datetime.date(2020, 1, 1)
    at.date_input(key="audit_days").set_value((long_ago, long_ago)).run()
    assert at.date_input(key="audit_days").value == (long_ago, long_ago), at.date_input(key="audit_days").value
    assert not at.dataframe  # nothing logged that day


@pytest.mark.parametrize("who", [user("viewer"), user("analyst"), user("park:andong"), None])
def test_the_audit_log_is_for_admin_only(who):
    at = open_as("audit_log.py", who=who, login=who is not None)
    assert "此页面仅限管理员访问" in "\n".join(w.value for w in at.warning)
    assert not at.dataframe and not downloads_shown(at)
