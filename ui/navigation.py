"""The pages of the dashboard, in the order of the navigation."""

# (file, title key, icon, url path); the first page is the default
PAGES = (
    ("app_pages/overview.py", "page_overview", ":material/dashboard:", "overview"),
    ("app_pages/grid_coverage.py", "page_grids", ":material/account_tree:", "grid_coverage"),
    ("app_pages/economy.py", "page_economy", ":material/monitoring:", "economy"),
    ("app_pages/labor_disputes.py", "page_disputes", ":material/handshake:", "labor_disputes"),
    ("app_pages/park_maps.py", "page_maps", ":material/map:", "park_maps"),
    ("app_pages/compare.py", "page_compare", ":material/compare_arrows:", "compare"),
    ("app_pages/big_screen.py", "page_screen", ":material/tv:", "big_screen"),
)
# pages listed in the menu for admin only; others who open their URL get the page's own notice
ADMIN_PAGES = (
    ("app_pages/data_admin.py", "page_data", ":material/upload_file:", "data_admin"),
    ("app_pages/audit_log.py", "page_audit", ":material/policy:", "audit_log"),
)


def pages(principal) -> list[tuple[str, str, str, str, str]]:
    """Every page with its visibility in the menu for `principal` ("visible" or "hidden")."""
    admin = "visible" if principal.admin else "hidden"
    return [(*page, "visible") for page in PAGES] + [(*page, admin) for page in ADMIN_PAGES]
