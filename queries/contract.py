"""The data contract: the tables of a snapshot, their columns and the rules their rows obey.

One place for the generator, the snapshot validator and the ingest command to agree on.
Column types are DuckDB type names; `required` columns must be present, others are welcome extras.
queries/validate.py derives every check of a column from its declaration here: emptiness, sign,
closed vocabulary, dates (a DATE column lies between 2000-01-01 and the snapshot date), references
to another table's key, the park of what a row hangs on, and WGS-84 coordinates within China.
A new table or column declared here is checked with no edit to the validator.

The parks are data, not code: a snapshot's `parks` table lists them, in its `sort_order`.
"""

from dataclasses import dataclass, field

ROLES = ("网格长", "网格员", "安全专员", "创城专员", "党建专员", "综治专员", "防疫专员")
SPECIALIST_ROLES = ROLES[2:]
STAGES = ("事前", "事中", "事后")
INDICATORS = ("industrial_output", "fixed_asset_investment", "above_quota_sales", "retail_sales")

# the dispute vocabularies of the article's closed loop (事前 / 事中 / 事后)
DISPUTE_CATEGORIES = ("欠薪", "加班费", "社保", "工伤", "解除劳动合同", "经济补偿", "其他")
DISPUTE_SOURCES = ("网格员上报", "职工求助", "企业报告", "预警排查", "12345转办")
OPEN_OUTCOMES = ("待调处", "调解中")  # waiting, being mediated
DEFUSED_OUTCOME = "预警化解"  # a warning defused at source, closed without mediation (事前)
CLOSED_OUTCOMES = ("调解成功", "达成和解", "转劳动仲裁", "撤回")
DISPUTE_OUTCOMES = (OPEN_OUTCOMES[0], DEFUSED_OUTCOME, OPEN_OUTCOMES[1], *CLOSED_OUTCOMES)  # the loop's order


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # VARCHAR, BIGINT, INTEGER, DOUBLE, BOOLEAN, DATE
    nullable: bool = False
    non_negative: bool = False
    allowed: tuple = ()  # closed set of values, when the column is a category
    references: str = ""  # "table.column": every value is a key of that table
    same_park: bool = False  # with `references`: the row's park_id is the park of the row it references
    coordinate: str = ""  # "lon" or "lat": WGS-84 degrees, within China


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    extras: tuple[Column, ...] = field(default=())  # optional columns the generator writes
    noun: str = ""  # what one row is, in messages about rows that hang on it ("grid")

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def all_columns(self) -> tuple[Column, ...]:
        return self.columns + self.extras


def referenced(column: Column) -> tuple[str, str]:
    """(table, column) a column's `references` names."""
    table, _, key = column.references.partition(".")
    return table, key


PARK = "parks.park_id"
GRID = "grids.grid_id"
ENTERPRISE = "enterprises.enterprise_id"


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "parks",
            "park",
            ("park_id",),
            (
                Column("park_id", "VARCHAR"),
                Column("name_zh", "VARCHAR"),
                Column("name_en", "VARCHAR"),
                Column("lon", "DOUBLE", coordinate="lon"),
                Column("lat", "DOUBLE", coordinate="lat"),
            ),
            # the order the parks are listed in everywhere (a park without one comes last, by park_id)
            (Column("sort_order", "INTEGER", nullable=True),),
            noun="park",
        ),
        Table(
            "grids",
            "grid at any level",
            ("grid_id",),
            (
                Column("grid_id", "VARCHAR"),
                Column("level", "INTEGER", allowed=(1, 2, 3)),
                Column("parent_id", "VARCHAR", nullable=True),
                Column("park_id", "VARCHAR", references=PARK),
                Column("name_zh", "VARCHAR"),
            ),
            (
                Column("service_group", "VARCHAR", nullable=True),
                Column("lon", "DOUBLE", nullable=True, coordinate="lon"),
                Column("lat", "DOUBLE", nullable=True, coordinate="lat"),
            ),
            noun="grid",
        ),
        Table(
            "enterprises",
            "enterprise",
            ("enterprise_id",),
            (
                Column("enterprise_id", "VARCHAR"),
                Column("name_zh", "VARCHAR"),
                Column("park_id", "VARCHAR", references=PARK),
                Column("grid_id", "VARCHAR", references=GRID, same_park=True),
                Column("industry", "VARCHAR"),
                Column("employees", "INTEGER", non_negative=True),
                Column("lon", "DOUBLE", coordinate="lon"),
                Column("lat", "DOUBLE", coordinate="lat"),
            ),
            noun="enterprise",
        ),
        Table(
            "grid_staff",
            "person serving a grid",
            ("staff_id",),
            (
                Column("staff_id", "VARCHAR"),
                Column("grid_id", "VARCHAR", references=GRID),
                Column("role", "VARCHAR", allowed=ROLES),
                Column("is_party_member", "BOOLEAN"),
                Column("is_enterprise_employee", "BOOLEAN"),
            ),
            (Column("appointed_on", "DATE", nullable=True),),
        ),
        Table(
            "party_orgs",
            "party organisation in an enterprise or grid",
            ("org_id",),
            (
                Column("org_id", "VARCHAR"),
                Column("park_id", "VARCHAR", references=PARK),
                Column("grid_id", "VARCHAR", nullable=True, references=GRID),
                Column("enterprise_id", "VARCHAR", nullable=True, references=ENTERPRISE),
                Column("members", "INTEGER", non_negative=True),
            ),
            (
                Column("org_type", "VARCHAR", nullable=True),
                Column("first_batch", "BOOLEAN", nullable=True),
            ),
            noun="party organisation",
        ),
        Table(
            "party_member_links",
            "first-batch party member linked to enterprise workers",
            ("member_id",),
            (
                Column("member_id", "VARCHAR"),
                Column("org_id", "VARCHAR", references="party_orgs.org_id", same_park=True),
                Column("park_id", "VARCHAR", references=PARK),
                Column("linked_workers", "INTEGER", non_negative=True),
                Column("responsibility_area", "VARCHAR"),
            ),
            (Column("linked_on", "DATE", nullable=True),),
        ),
        Table(
            "economy_monthly",
            "park x month x indicator",
            ("park_id", "month", "indicator"),
            (
                Column("park_id", "VARCHAR", references=PARK),
                Column("month", "DATE"),
                Column("indicator", "VARCHAR", allowed=INDICATORS),
                Column("value_yuan", "BIGINT", non_negative=True),
                Column("prior_year_value_yuan", "BIGINT", non_negative=True),
            ),
        ),
        Table(
            "expansion_projects",
            "enterprise expansion",
            ("project_id",),
            (
                Column("project_id", "VARCHAR"),
                Column("enterprise_id", "VARCHAR", references=ENTERPRISE, same_park=True),
                Column("park_id", "VARCHAR", references=PARK),
                Column("added_floor_area_m2", "BIGINT", non_negative=True),
                Column("planned_investment_yuan", "BIGINT", non_negative=True),
            ),
            (
                Column("project_name", "VARCHAR", nullable=True),
                Column("started_on", "DATE", nullable=True),
                Column("status", "VARCHAR", nullable=True),
            ),
        ),
        Table(
            "labor_disputes",
            "dispute case",
            ("case_id",),
            (
                Column("case_id", "VARCHAR"),
                Column("park_id", "VARCHAR", references=PARK),
                Column("grid_id", "VARCHAR", references=GRID, same_park=True),
                Column("enterprise_id", "VARCHAR", references=ENTERPRISE, same_park=True),
                Column("category", "VARCHAR", allowed=DISPUTE_CATEGORIES),
                Column("workers_involved", "INTEGER", non_negative=True),
                Column("amount_yuan", "BIGINT", non_negative=True),
                Column("stage", "VARCHAR", allowed=STAGES),
                Column("outcome", "VARCHAR", allowed=DISPUTE_OUTCOMES),
                Column("reported_on", "DATE"),
                Column("closed_on", "DATE", nullable=True),
            ),
            (
                Column("source", "VARCHAR", nullable=True, allowed=DISPUTE_SOURCES),
                Column("followed_up_on", "DATE", nullable=True),
            ),
        ),
    )
}
