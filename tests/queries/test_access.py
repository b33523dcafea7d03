"""Who may read what, enforced where the data is read: the policy file, the roles of a token's claims,
and the runner refusing or trimming what a role may not see."""

import pytest

from queries import access, runner

LATEST = "2022-09-30"
ANDONG = access.Principal("park", "andong", user="alice", logged_in=True)


@pytest.fixture
def policy_file(tmp_path, monkeypatch):
    """A policy file of the test's own, named by $JEDZ_ACCESS_FILE; write its text."""
    path = tmp_path / "access.toml"
    monkeypatch.setenv("JEDZ_ACCESS_FILE", str(path))

    def write(text: str):
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_the_shipped_policy_maps_groups_to_roles():
    policy = access.load_policy(access.POLICY_FILE)
    assert policy.claim == "groups"
    assert policy.principal({"sub": "a", "groups": ["/jedz/analysts"]}).role == "analyst"
    assert policy.principal({"sub": "a", "groups": ["viewer", "admin"]}).role == "admin"  # the highest
    bob = policy.principal({"sub": "bob", "groups": ["park:andong"]})
    assert (bob.role, bob.park_id, bob.user, bob.logged_in) == ("park", "andong", "bob", True)


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": "x"},  # no claim
        {"sub": "x", "groups": ["staff", "jedz"]},  # values the policy does not know
        {"sub": "x", "groups": "nonsense"},
        {"sub": "x", "groups": [1, None, {"admin": True}]},  # not strings
        {"sub": "x", "groups": ["park:../wuli", "park:WULI", "park:" + "a" * 60]},  # hostile park ids
        {"sub": "x", "roles": ["admin"]},  # another claim than the policy's
    ],
)
def test_unknown_claims_are_public(claims):
    assert access.load_policy(access.POLICY_FILE).principal(claims).role == "public"


def test_the_claim_is_configurable(policy_file):
    policy_file('claim = "roles"\n[map]\n"jedz-analyst" = "analyst"\n')
    policy = access.load_policy()
    assert policy.principal({"roles": ["jedz-analyst"]}).role == "analyst"
    assert policy.principal({"groups": ["jedz-analyst"]}).role == "public"


@pytest.mark.parametrize(
    "text, says",
    [
        ("claim = [", "not valid TOML"),
        ('[map]\nleaders = "superuser"\n', "'superuser' is not a role"),
        ('[map]\nleaders = "park:Wu Li"\n', "is not a role"),
        ('claim = "groups"\nopen = true\n', "unknown setting open"),
        ("claim = 3\n", "claim must name a token claim"),
        ('map = "admin"\n', "[map] must be a table"),
    ],
)
def test_a_bad_policy_file_is_refused_with_what_is_wrong(policy_file, text, says):
    policy_file(text)
    with pytest.raises(access.PolicyError) as refused:
        access.load_policy()
    assert says in str(refused.value)


def test_a_missing_policy_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("JEDZ_ACCESS_FILE", str(tmp_path / "nowhere.toml"))
    with pytest.raises(access.PolicyError, match="cannot be read"):
        access.load_policy()


def test_every_query_declares_its_rule():
    for name, sql in runner.QUERIES.items():
        assert access.RULE.search(sql), f"{name}.sql has no '-- access:' line"
        access.rule_of(sql)  # parses
    rows = {name for name, sql in runner.QUERIES.items() if access.rule_of(sql).rows}
    assert rows == {
        "disputes_open_overdue",
        "expansion_project_list",
        "grids_enterprises",
        "maps_enterprise",
        "maps_enterprises",
    }


@pytest.mark.parametrize("principal", [access.PUBLIC, access.Principal("viewer", logged_in=True)])
@pytest.mark.parametrize(
    "name, params",
    [
        ("maps_enterprises", {"park_id": None, "limit": 10}),
        ("disputes_open_overdue", {"park_id": None, "limit_days": 30}),
        ("grids_enterprises", {"park_id": None, "node_id": None}),
        ("expansion_project_list", {"park_id": "andong"}),
        ("maps_enterprise", {"enterprise_id": "x"}),
    ],
)
def test_public_and_viewer_get_no_row_query(principal, name, params):
    with access.acting_as(principal), pytest.raises(access.AccessDenied) as denied:
        runner.run(name, LATEST, **params)
    assert denied.value.reason == "access_denied_rows"


def test_public_gets_aggregates_without_their_row_level_rows():
    with access.acting_as(access.PUBLIC):
        assert runner.run("dispute_totals", LATEST, park_id=None).at[0, "case_count"] == 470
        assert runner.run("maps_grids", LATEST, level=3, park_id=None).empty  # plots bear enterprise names
        tree = runner.run("grids_drill_tree", LATEST, park_id="andong", node_id=None)
        assert not tree.empty and tree["depth"].max() < 4
    assert not runner.run("maps_grids", LATEST, level=3, park_id=None).empty  # the system sees them


def test_a_park_user_reads_its_own_park_only():
    andong = runner.run("dispute_totals", LATEST, park_id="andong").at[0, "case_count"]
    wuli = runner.run("maps_enterprises", LATEST, park_id="wuli", limit=1).at[0, "enterprise_id"]
    wuli_grid = runner.run("grids_drill_tree", LATEST, park_id="wuli", node_id=None)["node_id"].iloc[-1]
    with access.acting_as(ANDONG):
        # the zone's totals are the park's
        assert runner.run("dispute_totals", LATEST, park_id=None).at[0, "case_count"] == andong
        assert set(runner.run("disputes_by_park", LATEST)["park_id"]) == {"andong"}
        assert set(runner.run("parks", LATEST)["park_id"]) == {"andong"}
        firms = runner.run("maps_enterprises", LATEST, park_id=None, limit=100_000)
        assert set(firms["park_id"]) == {"andong"}
        for asked in ("wuli", "'; DROP TABLE parks; --", ""):
            with pytest.raises(access.AccessDenied) as denied:
                runner.run("maps_enterprises", LATEST, park_id=asked, limit=10)
            assert denied.value.reason == "access_denied_park"
        # an enterprise of another park, asked by its id, is not found
        assert runner.run("maps_enterprise", LATEST, enterprise_id=wuli).empty
        # a drill into another park's grid finds nothing
        assert runner.run("grids_drill_tree", LATEST, park_id=None, node_id=wuli_grid).empty


def test_open_demo_access_is_public_on_a_snapshot_not_marked_demo(tmp_path):
    demo = runner.resolve(LATEST)
    assert access.OPEN.serving(demo) is access.OPEN
    unrecorded = type(demo)(demo.date, tmp_path, demo.fingerprint)  # a folder with no manifest
    assert access.OPEN.serving(unrecorded) is access.PUBLIC
    assert ANDONG.serving(unrecorded) is ANDONG  # a logged-in role holds on any snapshot
