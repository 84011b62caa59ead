"""Messages of posters, fonts and the staff kit: part of the catalogue in generator/messages/__init__.py."""

from __future__ import annotations

STAFF_MESSAGES: dict[str, tuple[str, str]] = {
    # --- posters, fonts, staff kit (issue 5) -----------------------------------------------------
    "font_missing": (
        "找不到字体文件 {path}：请检查 --font 或环境变量 {env} 里写的路径",
        "the font file {path} does not exist: check the path given with --font or in ${env}",
    ),
    "font_no_cjk": (
        "字体 {path} 里没有中文字形，海报上的中文会变成方框：请换一个中文字体（如 wqy-microhei.ttc）",
        "the font {path} has no Chinese glyphs, so Chinese text would print as boxes: "
        "use a CJK font (e.g. wqy-microhei.ttc)",
    ),
    "font_none": (
        "没有找到中文字体，无法生成海报：请安装 Debian 包 fonts-wqy-microhei"
        "（sudo apt-get install fonts-wqy-microhei），或用 --font / 环境变量 {env} 指定一个中文字体文件",
        "no CJK font found, so posters cannot be drawn: install the Debian package fonts-wqy-microhei "
        "(sudo apt-get install fonts-wqy-microhei), or name a CJK font file with --font or ${env}",
    ),
    "poster_cta": ("微信扫码 加入福利群", "Scan with WeChat to join the group"),
    "poster_cta_not-started": (
        "活动 {when} 开始\n届时微信扫码 加入福利群",
        "Starts {when}\nScan with WeChat then to join the group",
    ),
    "poster_date": ("{month}月{day}日", "{mon} {day}"),
    "poster_date_year": ("{year}年{month}月{day}日", "{mon} {day}, {year}"),
    "poster_campaign_over": (
        "活动“{campaign}”已结束（或已归档），不再生成海报：扫码只会看到“活动已结束”。"
        "如果活动要重新开始，请先在 campaigns.yml 里改 ends 或去掉 archived: true",
        'campaign "{campaign}" has ended (or is archived), so no poster is made: its code would only say '
        "that the campaign has ended. To run it again, change ends or remove archived: true in campaigns.yml",
    ),
    "poster_too_much_text": (
        "{page} 的 {size} 海报放不下这么多文字（标题或福利太长）：请缩短 title 或 benefits",
        "the {size} poster of {page} cannot hold this much text (title or benefits too long): "
        "shorten title or benefits",
    ),
    "poster_logo_unreadable": (
        "品牌 logo {path} 无法读取（{detail}）：请换成 PNG 或 JPG 图片",
        "the brand logo {path} cannot be read ({detail}): use a PNG or JPG image",
    ),
    "poster_unknown_campaign": (
        "没有 id 为“{value}”的活动：可选的有 {choices}",
        'there is no campaign with id "{value}": choose one of {choices}',
    ),
    "poster_unknown_channel": (
        "活动“{campaign}”没有 id 为“{value}”的渠道：可选的有 {choices}",
        'campaign "{campaign}" has no channel with id "{value}": choose one of {choices}',
    ),
    "poster_written": (
        "✓ 已生成 {count} 个海报文件（PNG 供屏幕；PDF 供印刷，带 3 毫米出血和裁切线），在 {folder}",
        "✓ wrote {count} poster file(s) to {folder} (PNG for screens; PDF for print, with 3 mm bleed and "
        "crop marks)",
    ),
    "staff_title": ("{title} · 运营工具包", "{title} · staff kit"),
    "staff_meta": (
        "{title}的运营工具包：欢迎语、群公告、群池（内部页面）",
        "{title}: the staff kit (internal)",
    ),
    "staff_notice": (
        "仅供群管理员使用：本页不在网站导航里，也不会被搜索引擎收录，请不要发给顾客。按 {time} 的状态生成。",
        "For the people running the groups only: this page is not in the site navigation or search engines; "
        "do not send it to customers. State as of {time}.",
    ),
    "staff_page_open": ("活动页正在展示：{group}", "The campaign page shows: {group}"),
    "staff_page_empty": (
        "没有可加入的群：活动页正在显示客服码",
        "No group is open: the page shows the contact code",
    ),
    "staff_page_not-started": (
        "活动还没开始：活动页显示开始时间和客服码",
        "Not started: the page shows the contact code",
    ),
    "staff_page_ended": ("活动已结束：活动页显示客服码", "Ended: the page shows the contact code"),
    "staff_page_archived": (
        "活动已归档：活动页显示“活动已结束”",
        "Archived: the page says the campaign has ended",
    ),
    "staff_health_ok": ("群池充足：还能进 {seats} 人", "Pool ok: {seats} seats left"),
    "staff_health_low": ("群池偏少，请补群：{reason}", "Pool low, add groups: {reason}"),
    "staff_health_empty": ("群池空了，请马上补群：{reason}", "Pool empty, add groups now: {reason}"),
    "staff_welcome": ("入群欢迎语", "Welcome message"),
    "staff_welcome_wecom": (
        "企业微信版，可直接粘贴：%NICKNAME% 会自动换成顾客昵称；"
        "群名以“{group}”为例，用于其他群时请换成那个群的名字",
        'Paste-ready for WeCom: %NICKNAME% becomes the customer\'s nickname; the group name is "{group}" '
        "here, change it for other groups",
    ),
    "staff_welcome_raw": (
        "原文（{{nickname}} 是顾客昵称，{{group_name}} 是群名）",
        "As written ({{nickname}} is the customer's nickname, {{group_name}} the group name)",
    ),
    "staff_welcome_size": (
        "长度 {size} / {limit} 字节（企业微信入群欢迎语的上限，一个汉字算 3 字节）",
        "Length {size} / {limit} bytes (WeCom's limit for welcome messages; a Chinese character is 3 bytes)",
    ),
    "staff_welcome_too_long": (
        "超出企业微信上限 {over} 字节，粘贴后会发不出去：请缩短 campaigns.yml 里的 welcome",
        "{over} bytes over WeCom's limit, it will not be accepted: shorten welcome in campaigns.yml",
    ),
    "staff_welcome_none": ("还没有写入群欢迎语：在活动里加上 welcome", "No welcome message yet: add welcome"),
    "staff_announcement": ("群公告", "Group announcement"),
    "staff_ann_head": ("【群公告】{title}", "[Announcement] {title}"),
    "staff_ann_gains": ("进群福利：", "What members get: "),
    "staff_ann_admins": ("管理员：", "Admins: "),
    "staff_ann_rules": ("群规：", "Rules:"),
    "staff_ann_penalties": ("违规处理：", "If a rule is broken:"),
    "staff_ann_nickname": ("群昵称格式：", "Nickname format: "),
    "staff_faq": ("自动回复（关键词 → 回复）", "Auto-replies (keywords → answer)"),
    "staff_faq_count": (
        "共 {count} 条规则；企业微信最多 {max_rules} 条规则，每条最多 {max_keywords} 个关键词",
        "{count} rule(s); WeCom allows at most {max_rules} rules of at most {max_keywords} keywords",
    ),
    "staff_faq_none": (
        "没有设置自动回复：在活动里加上 faq",
        "No auto-replies: add faq to the campaign",
    ),
    "staff_keywords": ("关键词", "Keywords"),
    "staff_answer": ("回复", "Answer"),
    "staff_schedule": ("每日运营安排", "Daily schedule"),
    "staff_schedule_none": (
        "没有设置每日安排：在活动里加上 schedule",
        "No schedule: add schedule to the campaign",
    ),
    "staff_time": ("时间", "Time"),
    "staff_content": ("内容", "Content"),
    "staff_naming": ("群命名", "Group names"),
    "staff_naming_pattern": (
        "命名规则：{pattern}（{{n}} 是序号）",
        "Pattern: {pattern} ({{n}} is the number)",
    ),
    "staff_naming_next": ("下一个新群请命名为：{name}", "Name the next new group: {name}"),
    "staff_naming_none": (
        "没有设置命名规则：在活动里加上 naming，例如“福利{{n}}群”",
        "No pattern: add naming",
    ),
    "staff_entries": (
        "永久入口码（印刷用，永远不变）",
        "Permanent entry codes (for print; they never change)",
    ),
    "staff_entry_main": ("活动主页", "Campaign page"),
    "staff_page": ("页面", "Page"),
    "staff_address": ("网址", "Address"),
    "staff_code": ("二维码", "Code"),
    "staff_pool": ("群池", "Group pool"),
    "staff_col_id": ("群 id", "Id"),
    "staff_col_name": ("群名", "Name"),
    "staff_col_state": ("状态", "State"),
    "staff_col_members": ("人数/上限", "Members/capacity"),
    "staff_col_seats": ("剩余名额", "Seats left"),
    "staff_col_expires": ("二维码到期（{timezone}）", "Code expires ({timezone})"),
    "staff_col_link": ("入群链接", "Join link"),
    "staff_state_shown": ("正在展示", "shown"),
    "staff_state_open": ("候补", "open"),
    "staff_state_full": ("已满", "full"),
    "staff_state_paused": ("已暂停", "paused"),
    "staff_state_expired": ("已过期", "expired"),
    "staff_state_not-yet-issued": ("未生效", "not yet issued"),
    "staff_permanent": ("永久", "never"),
    "staff_unknown": ("未知", "unknown"),
    "staff_link_hidden": ("展示时才公开", "shown when its turn comes"),
    "staff_copy": ("复制", "Copy"),
    "staff_copied": ("已复制", "Copied"),
}
