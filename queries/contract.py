"""The data contract: the tables of a snapshot, their columns and the rules their rows obey.

One place for the generator, the snapshot validator and the ingest command to agree on.
Column types are DuckDB type names; `required` columns must be present, others are welcome extras.
"""

from dataclasses import dataclass, field

PARK_IDS = ("wuli", "andong", "food", "sanchuang", "bonded")

ROLES = ("网格长", "网格员", "安全专员", "创城专员", "党建专员", "综治专员", "防疫专员")
SPECIALIST_ROLES = ROLES[2:]
STAGES = ("事前", "事中", "事后")
INDICATORS = ("industrial_output", "fixed_asset_investment", "above_quota_sales", "retail_sales")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # VARCHAR, BIGINT, INTEGER, DOUBLE, BOOLEAN, DATE
    nullable: bool = False
    non_negative: bool = False
    allowed: tuple = ()  # closed set of values, when the column is a category


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    extras: tuple[Column, ...] = field(default=())  # optional columns the generator writes

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "parks",
            "park",
            ("park_id",),
            (
                Column("park_id", "VARCHAR", allowed=PARK_IDS),
                Column("name_zh", "VARCHAR"),
                Column("name_en", "VARCHAR"),
                Column("lon", "DOUBLE"),
                Column("lat", "DOUBLE"),
            ),
        ),
        Table(
            "grids",
            "grid at any level",
            ("grid_id",),
            (
                Column("grid_id", "VARCHAR"),
                Column("level", "INTEGER", allowed=(1, 2, 3)),
                Column("parent_id", "VARCHAR", nullable=True),
                Column("park_id", "VARCHAR"),
                Column("name_zh", "VARCHAR"),
            ),
            (
                Column("service_group", "VARCHAR", nullable=True),
                Column("lon", "DOUBLE", nullable=True),
                Column("lat", "DOUBLE", nullable=True),
            ),
        ),
        Table(
            "enterprises",
            "enterprise",
            ("enterprise_id",),
            (
                Column("enterprise_id", "VARCHAR"),
                Column("name_zh", "VARCHAR"),
                Column("park_id", "VARCHAR"),
                Column("grid_id", "VARCHAR"),
                Column("industry", "VARCHAR"),
                Column("employees", "INTEGER", non_negative=True),
                Column("lon", "DOUBLE"),
                Column("lat", "DOUBLE"),
            ),
        ),
        Table(
            "grid_staff",
            "person serving a grid",
            ("staff_id",),
            (
                Column("staff_id", "VARCHAR"),
                Column("grid_id", "VARCHAR"),
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
                Column("park_id", "VARCHAR"),
                Column("grid_id", "VARCHAR", nullable=True),
                Column("enterprise_id", "VARCHAR", nullable=True),
                Column("members", "INTEGER", non_negative=True),
            ),
            (
                Column("org_type", "VARCHAR", nullable=True),
                Column("first_batch", "BOOLEAN", nullable=True),
            ),
        ),
        Table(
            "party_member_links",
            "first-batch party member linked to enterprise workers",
            ("member_id",),
            (
                Column("member_id", "VARCHAR"),
                Column("org_id", "VARCHAR"),
                Column("park_id", "VARCHAR"),
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
                Column("park_id", "VARCHAR"),
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
                Column("enterprise_id", "VARCHAR"),
                Column("park_id", "VARCHAR"),
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
                Column("park_id", "VARCHAR"),
                Column("grid_id", "VARCHAR"),
                Column("enterprise_id", "VARCHAR"),
                Column("category", "VARCHAR"),
                Column("workers_involved", "INTEGER", non_negative=True),
                Column("amount_yuan", "BIGINT", non_negative=True),
                Column("stage", "VARCHAR", allowed=STAGES),
                Column("outcome", "VARCHAR"),
                Column("reported_on", "DATE"),
                Column("closed_on", "DATE", nullable=True),
            ),
            (
                Column("source", "VARCHAR", nullable=True),
                Column("followed_up_on", "DATE", nullable=True),
            ),
        ),
    )
}
