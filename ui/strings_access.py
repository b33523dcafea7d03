"""Words of login, roles, access notices and the audit log, in Chinese and English."""

STRINGS: dict[str, dict[str, str]] = {
    "page_audit": {"zh": "审计日志", "en": "Audit log"},
    # the sidebar
    "auth_login": {"zh": "登录", "en": "Log in"},
    "auth_logout": {"zh": "退出登录", "en": "Log out"},
    "auth_signed_in": {"zh": "已登录 · 角色:{role}", "en": "Logged in · role: {role}"},
    "auth_visitor": {
        "zh": "未登录 · 访客(公开)权限:仅显示汇总数据。",
        "en": "Not logged in · visitor (public) access: aggregates only.",
    },
    "auth_open_demo": {
        "zh": "未配置登录:演示数据对所有人开放。",
        "en": "Login is not configured: the demo data is open to everyone.",
    },
    "auth_not_configured": {
        "zh": "未配置登录:本快照仅以公开级别(汇总数据)显示。请在 .streamlit/secrets.toml 中配置 [auth](统一身份认证,"
        "OpenID Connect),详见 README 的“Login and roles”一节。",
        "en": "Login is not configured, so this snapshot is shown at public level (aggregates) only. Configure [auth] "
        "(OpenID Connect) in .streamlit/secrets.toml: see “Login and roles” in the README.",
    },
    "auth_unreachable": {
        "zh": "统一身份认证服务暂时无法连接,请稍后再试。您仍可以访客身份浏览公开数据。",
        "en": "The identity service cannot be reached just now; try again later. "
        "You can still browse the public view as a visitor.",
    },
    "auth_policy_error": {
        "zh": "访问策略文件 access.toml 有误,看板已停止服务,以免越权访问。请管理员修正:{error}",
        "en": "The access policy access.toml is not valid, so the dashboard is closed rather than open to all. "
        "The administrator must fix it: {error}",
    },
    "role_public": {"zh": "访客", "en": "public"},
    "role_viewer": {"zh": "浏览者", "en": "viewer"},
    "role_analyst": {"zh": "分析员", "en": "analyst"},
    "role_admin": {"zh": "管理员", "en": "admin"},
    "role_park": {"zh": "{park}网格长", "en": "{park} grid leader"},
    # notices where something is withheld
    "access_denied_rows": {
        "zh": "此处为企业或案件明细,您当前的角色只能查看汇总数据。",
        "en": "This is enterprise or case detail; your role may see aggregates only.",
    },
    "access_denied_park": {
        "zh": "您只能查看本园区({own})的数据,其他园区的请求已拒绝。",
        "en": "You may see your own park ({own}) only; the request for another park was refused.",
    },
    "access_park_only": {
        "zh": "您的账号限于{park}:全区数字均为该园区的数字。",
        "en": "Your account is limited to {park}: zone figures are that park's only.",
    },
    "access_unknown_park": {
        "zh": "您的账号所属园区“{park}”不在当前数据中,无法显示数据。请联系管理员核对账号的园区。",
        "en": "Your account's park “{park}” is not in the data, so nothing can be shown. "
        "Ask the administrator to check your account's park.",
    },
    "access_no_downloads": {
        "zh": "登录后可下载数据表。",
        "en": "Log in to download tables.",
    },
    "access_admin_only": {
        "zh": "此页面仅限管理员访问。",
        "en": "This page is for administrators only.",
    },
    "access_plots_hidden": {
        "zh": "三级网格(企业地块)以企业命名,仅向分析员显示;请选择一级或二级网格。",
        "en": "Level-3 plots are named after their enterprises and shown to analysts only; choose level 1 or 2.",
    },
    # the audit log page
    "audit_title": {"zh": "审计日志", "en": "Audit log"},
    "audit_caption": {
        "zh": "登录、下载与数据报送记录(只追加,不可修改) · {path}",
        "en": "Logins, downloads and data deliveries (append-only) · {path}",
    },
    "audit_event": {"zh": "事件", "en": "Event"},
    "audit_user": {"zh": "用户", "en": "User"},
    "audit_days": {"zh": "日期范围", "en": "Days"},
    "audit_empty": {"zh": "审计日志中还没有记录。", "en": "The audit log has no entries yet."},
    "audit_unavailable": {
        "zh": "审计日志无法读取:{error}",
        "en": "The audit log cannot be read: {error}",
    },
}
