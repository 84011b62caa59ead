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
    "page_rules_link": ("查看群规", "Group rules"),
    "page_help": ("无法识别？添加客服", "Can't scan it? Add customer service"),
    "page_members": ("已有 {count} 人加入", "{count} people have joined"),
    "page_meta": ("扫码加入{title}。", "Scan the code to join {title}."),
    "page_state_empty": ("暂时没有可加入的群", "No group is open right now"),
    "page_state_not-started": ("活动将于 {when} 开始", "This campaign starts on {when}"),
    "page_state_ended": ("活动已结束", "This campaign has ended"),
    "page_state_archived": ("活动已结束", "This campaign has ended"),
    "page_text_empty": (
        "新群马上开放，请稍后再扫这个码。",
        "A new group opens soon: scan this code again later.",
    ),
    "page_text_not-started": (
        "活动开始后，再扫这个码就能进群。",
        "Scan this code again once the campaign has started to join its group.",
    ),
    "page_text_ended": ("感谢参与，敬请期待下一次活动。", "Thank you for taking part. See you next time."),
    "page_noscript": (
        "此页生成于 {when}。浏览器没有运行脚本，看到的可能不是最新的二维码。",
        "This page was made on {when}. With scripts off, the code shown may be out of date.",
    ),
    "page_noscript_help": ("进不了群请点上面的“{help}”。", "If you cannot join, tap “{help}” above."),
    "page_noscript_contact": ("进不了群请联系{name}。", "If you cannot join, contact {name}."),
    "page_avatar_unreadable": (
        "群头像 {path} 无法读取（{detail}）：请换成 PNG 或 JPG 图片",
        "the group avatar {path} cannot be read ({detail}): use a PNG or JPG image",
    ),
    "rules_title": ("{title} · 群规", "{title} · group rules"),
    "rules_meta": (
        "{title}的群规：入群须知和违规处理。",
        "The rules of {title}, and what happens if one is broken.",
    ),
    "rules_who": ("我们是谁", "Who we are"),
    "rules_gains": ("入群能得到什么", "What members get"),
    "rules_admins": ("谁在管理", "Who runs the group"),
    "rules_rules": ("群规", "Rules"),
    "rules_penalties": ("违规处理", "If a rule is broken"),
    "rules_nickname": ("群昵称格式", "Nickname format"),
    "rules_back": ("返回进群页", "Back to the group page"),
    "index_campaigns": ("进行中的活动", "Campaigns"),
    "index_lead": ("扫描活动的二维码，就能进入对应的群。", "Scan a campaign's code to join its group."),
    "index_none": ("现在没有进行中的活动。", "No campaign is running right now."),
    "index_starts": ("{when} 开始", "Starts {when}"),
    "notfound_title": ("找不到这个页面", "Page not found"),
    "notfound_text": (
        "链接可能输错了，或者二维码印得不清楚。",
        "The link may be mistyped, or the printed code damaged.",
    ),
    "notfound_contact": (
        "添加客服，我们帮你找到要进的群。",
        "Add customer service and we will find your group.",
    ),
    "notfound_home": ("返回首页", "Go to the home page"),
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
