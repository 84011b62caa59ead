"""Messages of the site pages, the mkdocs plugin and qunma build: part of the catalogue in i18n.py."""

from __future__ import annotations

PAGE_MESSAGES: dict[str, tuple[str, str]] = {
    # --- site pages, qunma build / serve (issue 4) -------------------------------------------------
    "page_hint": ("长按识别二维码加入群聊", "Press and hold the QR code to join the group"),
    "page_contact_hint": ("长按识别二维码添加客服", "Press and hold the QR code to add customer service"),
    "page_valid_until": ("{when} 前有效", "Valid until {when}"),
    "page_valid_forever": ("长期有效", "Does not expire"),
    "page_date": ("{month}月{day}日 {time}", "{mon} {day}, {time}"),
    "page_date_year": ("{year}年{month}月{day}日 {time}", "{mon} {day}, {year}, {time}"),
    "page_qr_alt": ("{name}的群二维码", "QR code of {name}"),
    "page_contact_alt": ("客服二维码", "Customer service QR code"),
    "page_benefits": ("进群福利", "What you get"),
    "page_welcome": ("入群欢迎语", "Welcome message"),
    "page_rules_link": ("查看群规", "Group rules"),
    "page_nickname": ("新朋友", "friend"),
    "page_this_group": ("本群", "the group"),
    "page_state_empty": ("暂时没有可加入的群", "No group is open right now"),
    "page_state_not-started": ("活动将于 {when} 开始", "This campaign starts on {when}"),
    "page_state_ended": ("活动已结束", "This campaign has ended"),
    "page_state_archived": ("活动已结束", "This campaign has ended"),
    "rules_title": ("{title} · 群规", "{title} · group rules"),
    "rules_who": ("我们是谁", "Who we are"),
    "rules_gains": ("入群能得到什么", "What members get"),
    "rules_admins": ("谁在管理", "Who runs the group"),
    "rules_rules": ("群规", "Rules"),
    "rules_penalties": ("违规处理", "If a rule is broken"),
    "rules_nickname": ("群昵称格式", "Nickname format"),
    "rules_announcement": ("群公告（可直接复制到群里）", "Group announcement (ready to paste)"),
    "rules_copy": ("复制群公告", "Copy the announcement"),
    "rules_copied": ("已复制", "Copied"),
    "rules_back": ("返回进群页", "Back to the group page"),
    "index_campaigns": ("进行中的活动", "Campaigns"),
    "plugin_bad_now": (
        "“{value}”不是 ISO 8601 时间：请写成 2026-11-23T10:00+08:00 这样"
        "（mkdocs.yml 的 plugins → qunma → now，或环境变量 QUNMA_NOW）",
        '"{value}" is not an ISO 8601 time: write e.g. 2026-11-23T10:00+08:00 (plugins → qunma → now in '
        "mkdocs.yml, or the environment variable QUNMA_NOW)",
    ),
    "plugin_replaced": (
        "{file} 和 qunma 生成的页面网址相同，已被生成的页面替换：请改名或删掉 {file}",
        "{file} has the address of a page qunma generates and was replaced by it: rename or remove {file}",
    ),
    "build_no_plugin": (
        "{file} 没有启用 qunma 插件，生成的网站里不会有进群页：请在 plugins 下加一行“- qunma”",
        '{file} does not enable the qunma plugin, so the site would have no group pages: add "- qunma" '
        "under plugins",
    ),
    "build_config_missing": (
        "找不到配置文件 {file}：请检查 --config-file 的路径，或者去掉它用 campaigns.yml 旁边的 mkdocs.yml",
        "the config file {file} does not exist: check the --config-file path, or leave it out to use the "
        "mkdocs.yml beside campaigns.yml",
    ),
    "build_failed": (
        "网站生成失败（{detail}），原来的 {dir} 没有改动",
        "the site build failed ({detail}); the previous {dir} was left unchanged",
    ),
    "build_done": ("✓ 网站已生成：{dir}（{pages} 个进群页）", "✓ site built in {dir} ({pages} group pages)"),
}
