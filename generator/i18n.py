"""Every sentence a marketer or customer reads, in Chinese first and English, in one catalogue.

`t(lang, key, **values)` picks the language ("zh" unless "en") and fills the placeholders.
"""

from __future__ import annotations

from generator.i18n_load import LOAD_MESSAGES

MESSAGES: dict[str, tuple[str, str]] = {
    # --- qunma sync (issue 6) ------------------------------------------------------------------
    "sync_missing_env": (
        "没有设置环境变量 {names}：请填入企业微信的企业 ID（WECOM_CORP_ID）"
        "和“客户联系”的 Secret（WECOM_SECRET），"
        "在 GitHub 上放在仓库的 Settings → Secrets and variables → Actions 里",
        "the environment variable(s) {names} are not set: provide the WeCom corp id (WECOM_CORP_ID) and the "
        "customer-contact secret (WECOM_SECRET); on GitHub, under Settings → Secrets and variables → Actions",
    ),
    "sync_bad_base": (
        "环境变量 {name} 的值“{value}”不是网址："
        "请写成 https://qyapi.weixin.qq.com 这样的地址，或者删掉它用默认值",
        'the environment variable {name} is "{value}", not an address: '
        "write e.g. https://qyapi.weixin.qq.com or unset it to use the default",
    ),
    "sync_group_failed": (
        "群“{name}”（{ref}，chat_id {chat_id}）的人数读取失败：{reason}。{hint}。pool-status.yml 没有改动",
        'reading the member count of group "{name}" ({ref}, chat_id {chat_id}) failed: {reason}. {hint}. '
        "pool-status.yml was left unchanged",
    ),
    "sync_reason_errcode": ("企业微信返回错误 {code}（{msg}）", "WeCom answered errcode {code} ({msg})"),
    "sync_reason_tries": ("试了 {tries} 次仍然失败：{reason}", "still failing after {tries} tries: {reason}"),
    "sync_hint_later": (
        "企业微信繁忙或限流，过几分钟再运行 qunma sync（CI 的下一次定时运行会自动再试）",
        "WeCom is busy or rate-limiting: run qunma sync again in a few minutes "
        "(CI's next scheduled run retries)",
    ),
    "sync_hint_credentials": (
        "请检查 WECOM_CORP_ID（企业 ID）和 WECOM_SECRET（“客户联系”的 Secret）是否填对",
        "check WECOM_CORP_ID (the corp id) and WECOM_SECRET (the customer-contact secret)",
    ),
    "sync_hint_token": (
        "换了新的 access_token 仍被拒绝：请确认 WECOM_SECRET 没有在别处被重置",
        "WeCom rejected a fresh access_token too: make sure WECOM_SECRET was not reset elsewhere",
    ),
    "sync_hint_permission": (
        "这个 Secret 没有读取客户群的权限：请使用“客户联系”的 Secret，或把应用加到客户联系的“可调用应用”，"
        "并让群主在应用的可见范围内",
        "this secret may not read customer groups: use the customer-contact secret, or add the app to the "
        "customer-contact API's callable apps with the group owner in its visible range",
    ),
    "sync_hint_ip": (
        "企业微信只接受“企业可信 IP”发来的请求：请把运行 qunma sync 的机器的 IP 加进应用的企业可信 IP",
        "WeCom accepts calls only from the app's trusted IPs: add the IP of the machine running qunma sync",
    ),
    "sync_hint_base": (
        "请检查网络，以及 WECOM_API_BASE（不设时是 https://qyapi.weixin.qq.com）",
        "check the network and WECOM_API_BASE (default https://qyapi.weixin.qq.com)",
    ),
    "sync_hint_errcode": (
        "请按错误信息里的链接查看原因；如果 chat_id 写错了，请改正 campaigns.yml 里这个群的 chat_id",
        "follow the link in the error message; if the chat_id is wrong, correct it in campaigns.yml",
    ),
    "sync_group_line": (
        "  {name}（{ref}）：{before} → {after} 人",
        "  {name} ({ref}): {before} → {after} members",
    ),
    "sync_done": ("✓ 已读取 {count} 个群的人数，写入 {file}", "✓ read {count} group(s), wrote {file}"),
    "sync_nothing": (
        "没有写 chat_id 的企业微信群，不需要同步；pool-status.yml 没有改动",
        "no group has a chat_id: nothing to sync; pool-status.yml was left unchanged",
    ),
    # --- published manifest / check --published (issue 6) ------------------------------------------
    "published_campaign_missing": (
        "活动“{campaign}”已经发布（{url}），印出去的码还指向它：不要删除或改 id。"
        "请把它放回 campaigns.yml，要下线就写 archived: true（页面会显示活动已结束）",
        'campaign "{campaign}" is published ({url}) and printed codes point at it: '
        "do not delete it or change its id. Put it back in campaigns.yml and set archived: true "
        "to retire it (its page then says it has ended)",
    ),
    "published_channel_missing": (
        "渠道“{channel}”已经发布（{url}），印出去的码还指向它：不要从活动“{campaign}”里删除或改 id。"
        "请把它加回 channels；整个活动要下线就写 archived: true",
        'channel "{channel}" is published ({url}) and printed codes point at it: '
        'do not delete it from campaign "{campaign}" or change its id. '
        "Put it back under channels; to retire the campaign set archived: true",
    ),
    "published_unreadable": (
        "读不到已发布的清单 {source}（{detail}）：请检查网址或文件路径（CI 里是仓库变量 QUNMA_SITE_URL）",
        "cannot read the published manifest {source} ({detail}): check the address or path "
        "(in CI, the repository variable QUNMA_SITE_URL)",
    ),
    "published_invalid": (
        "{source} 不是 qunma 的发布清单（{detail}）：请指向已发布网站的 /qunma-manifest.json",
        "{source} is not a qunma manifest ({detail}): point at the published site's /qunma-manifest.json",
    ),
    "published_none": (
        "{source} 还没有发布清单（第一次部署）：没有需要保留的网址",
        "{source} has no published manifest yet (first deploy): no address to keep",
    ),
    "published_ok": (
        "✓ 已发布的 {count} 个网址在 campaigns.yml 里都还在",
        "✓ all {count} published addresses are still in campaigns.yml",
    ),
    # --- CI: deploy decision and job summary (issue 6) ---------------------------------------------------
    "ci_deploy_first": (
        "部署：线上还没有发布清单（第一次部署），指纹 {built}",
        "deploy: nothing is published yet (first deploy), fingerprint {built}",
    ),
    "ci_deploy_forced": (
        "部署：推送到 main 或手动要求部署（指纹 {live} → {built}）",
        "deploy: a push to main or a manual request (fingerprint {live} → {built})",
    ),
    "ci_deploy_changed": (
        "部署：顾客看到的内容变了（指纹 {live} → {built}）",
        "deploy: what customers see has changed (fingerprint {live} → {built})",
    ),
    "ci_deploy_same": (
        "不部署：顾客看到的内容和线上一样（指纹 {built}）",
        "no deploy: customers would see the same as the live site (fingerprint {built})",
    ),
    "ci_summary_title": ("## 群池状态（{now}）", "## Pool health ({now})"),
    "ci_col_page": ("页面", "page"),
    "ci_col_open": ("可用群", "open groups"),
    "ci_col_reason": ("说明", "why"),
    "ci_sync_success": ("企业微信人数：已同步", "WeCom member counts: synced"),
    "ci_sync_failure": (
        "企业微信人数同步失败：本次用仓库里的 pool-status.yml 生成（原因见 Sync 步骤的日志）",
        "WeCom sync failed: this build used the committed pool-status.yml (see the Sync step's log)",
    ),
    "ci_sync_skipped": (
        "企业微信人数：未同步（没有设置 WECOM_CORP_ID / WECOM_SECRET）",
        "WeCom member counts: not synced (WECOM_CORP_ID / WECOM_SECRET are not set)",
    ),
    "ci_no_status": (
        "没有拿到 qunma status --json 的结果：群池状态见 Pool health summary 步骤的日志",
        "qunma status --json gave no result: see the Pool health summary step's log",
    ),
    "ci_annotation_empty": ("{page} 没有可加入的群", "{page} has no open group"),
    "ci_annotation_low": ("{page} 群池快用完了", "{page} is running low"),
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
    "poster_written": ("✓ 已生成 {count} 张海报，在 {folder}", "✓ wrote {count} poster(s) to {folder}"),
    "staff_title": ("{title} · 运营工具包", "{title} · staff kit"),
    "staff_notice": (
        "仅供群管理员使用：本页不在网站导航里，也不会被搜索引擎收录，请不要发给顾客。按 {time} 的状态生成。",
        "For the people running the groups only: this page is not in the site navigation or search engines; "
        "do not send it to customers. State as of {time}.",
    ),
    "staff_page_open": ("活动页正在展示：{group}", "The campaign page shows: {group}"),
    "staff_page_empty": ("没有可加入的群：活动页正在显示客服码", "No group is open: the page shows the contact code"),
    "staff_page_not-started": ("活动还没开始：活动页显示开始时间和客服码", "Not started: the page shows the contact code"),
    "staff_page_ended": ("活动已结束：活动页显示客服码", "Ended: the page shows the contact code"),
    "staff_page_archived": ("活动已归档：活动页显示“活动已结束”", "Archived: the page says the campaign has ended"),
    "staff_health_ok": ("群池充足：还能进 {seats} 人", "Pool ok: {seats} seats left"),
    "staff_health_low": ("群池偏少，请补群：{reason}", "Pool low, add groups: {reason}"),
    "staff_health_empty": ("群池空了，请马上补群：{reason}", "Pool empty, add groups now: {reason}"),
    "staff_welcome": ("入群欢迎语", "Welcome message"),
    "staff_welcome_wecom": (
        "企业微信版，可直接粘贴：%NICKNAME% 会自动换成顾客昵称；群名以“{group}”为例，用于其他群时请换成那个群的名字",
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
    "staff_faq_none": ("没有设置自动回复：在活动里加上 faq", "No auto-replies: add faq to the campaign"),
    "staff_keywords": ("关键词", "Keywords"),
    "staff_answer": ("回复", "Answer"),
    "staff_schedule": ("每日运营安排", "Daily schedule"),
    "staff_schedule_none": ("没有设置每日安排：在活动里加上 schedule", "No schedule: add schedule to the campaign"),
    "staff_time": ("时间", "Time"),
    "staff_content": ("内容", "Content"),
    "staff_naming": ("群命名", "Group names"),
    "staff_naming_pattern": ("命名规则：{pattern}（{{n}} 是序号）", "Pattern: {pattern} ({{n}} is the number)"),
    "staff_naming_next": ("下一个新群请命名为：{name}", "Name the next new group: {name}"),
    "staff_naming_none": ("没有设置命名规则：在活动里加上 naming，例如“福利{{n}}群”", "No pattern: add naming"),
    "staff_entries": ("永久入口码（印刷用，永远不变）", "Permanent entry codes (for print; they never change)"),
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
    # --- pool-status.yml, rotation, pool health, qunma status (issue 3) ----------------------------
    "status_not_utf8": (
        "pool-status.yml 不是 UTF-8 编码：请用 UTF-8 重新保存",
        "pool-status.yml is not UTF-8: save it again as UTF-8",
    ),
    "status_not_mapping": (
        "pool-status.yml 的最外层要写成“updated: 更新时间”和“groups:”两项，例如 updated: 2026-11-23 08:00",
        'pool-status.yml must hold "updated: <time>" and "groups:" at the top, '
        "e.g. updated: 2026-11-23 08:00",
    ),
    "status_unknown_key": (
        "pool-status.yml 里不认识“{name}”：最外层只能写 updated（更新时间）和 groups（各群人数）",
        'pool-status.yml has an unknown key "{name}": the top level takes only updated and groups',
    ),
    "status_bad_time": (
        "“{value}”不是时间：请写成 2026-11-23 08:00（按 site.timezone）或 2026-11-23T08:00+08:00",
        '"{value}" is not a time: write 2026-11-23 08:00 (in site.timezone) or 2026-11-23T08:00+08:00',
    ),
    "status_groups_not_mapping": (
        "groups 下面一行写一个群“活动id/群id:”，例如 autumn/g1:，再在下一层写 members: 186",
        'under groups write one "<campaign id>/<group id>:" per group, e.g. autumn/g1:, '
        "then members: 186 below it",
    ),
    "status_bad_key": (
        "“{name}”不是“活动id/群id”：请写成例如 autumn/g1（活动 id 和群 id 之间用 / 隔开）",
        '"{name}" is not "<campaign id>/<group id>": write e.g. autumn/g1',
    ),
    "status_no_campaign": (
        "campaigns.yml 里没有 id 为“{campaign}”的活动：请改成已有的活动 id（{known}），或删掉这一项",
        'campaigns.yml has no campaign with id "{campaign}": '
        "use an existing id ({known}) or remove this entry",
    ),
    "status_no_group": (
        "活动“{campaign}”里没有 id 为“{group}”的群：请改成已有的群 id（{known}），或删掉这一项",
        'campaign "{campaign}" has no group with id "{group}": '
        "use an existing id ({known}) or remove this entry",
    ),
    "status_entry_not_mapping": (
        "“{name}”下面要写 members: 人数 和/或 full: true，例如 members: 186",
        'under "{name}" write members: <count> and/or full: true, e.g. members: 186',
    ),
    "status_entry_empty": (
        "“{name}”下面什么都没写：请写 members: 人数 或 full: true，或者删掉这一项",
        'nothing is written under "{name}": write members: <count> or full: true, or remove the entry',
    ),
    "status_entry_unknown": (
        "“{name}”里不认识“{field}”：只能写 members（当前人数）和 full（true 表示已满）",
        '"{name}" has an unknown key "{field}": '
        "write only members (the member count) and full (true when full)",
    ),
    "status_bad_members": (
        "members 要写成不小于 0 的整数人数，例如 members: 186，而不是“{value}”",
        'members must be a whole number of members, 0 or more, e.g. members: 186, not "{value}"',
    ),
    "status_bad_full": (
        "full 只能写 true（已满，不再展示）或 false，而不是“{value}”",
        'full must be true (full, no longer shown) or false, not "{value}"',
    ),
    "status_stale": (
        "pool-status.yml 是 {age}前更新的（{updated}），超过了 {limit}：人数可能已经变了。"
        "请运行 qunma sync，或手工更新人数和 updated",
        "pool-status.yml was updated {age} ago ({updated}), more than {limit}: "
        "the counts may be out of date. Run qunma sync or update the counts and updated by hand",
    ),
    "status_no_updated": (
        "pool-status.yml 没有写 updated（更新时间），看不出人数是否过时：请加一行 updated: 2026-11-23 08:00",
        "pool-status.yml has no updated (time of the counts), so their age is unknown: "
        "add a line such as updated: 2026-11-23 08:00",
    ),
    "age_hours": ("{count} 小时", "{count} h"),
    "age_days": ("{count} 天", "{count} days"),
    "health_empty": (
        "现在没有可展示的群，顾客看到的是兜底内容（{details}）：请新建群并把二维码加到 campaigns.yml",
        "no group can be shown now and customers see the fallback ({details}): "
        "create a group and add its code to campaigns.yml",
    ),
    "health_starts_empty": (
        "活动 {when} 开始时没有可展示的群（{details}）：请在开始前新建群并把二维码加到 campaigns.yml",
        "when the campaign starts at {when} no group can be shown ({details}): "
        "create a group and add its code to campaigns.yml before then",
    ),
    "health_low_seats": (
        "可展示的群只剩 {seats} 个名额（提醒线 {threshold}）：请新建群并把二维码加到 campaigns.yml",
        "the open groups have only {seats} seats left (threshold {threshold}): "
        "create a group and add its code to campaigns.yml",
    ),
    "health_runs_dry": (
        "{when} 起没有可展示的群（最后一个码到期，没有接替的群）："
        "请在那之前新建群并把二维码加到 campaigns.yml",
        "from {when} no group can be shown (the last open code expires with no successor): "
        "create a group and add its code to campaigns.yml before then",
    ),
    "health_reason_sep": ("；", "; "),
    "health_list_sep": ("，", ", "),
    "health_no_groups": ("这个页面没有分配任何群", "no group serves this page"),
    "health_more_groups": ("另有 {count} 个群也不可用", "{count} more groups are closed too"),
    "health_group_paused": ("{group} 已暂停", "{group} is paused"),
    "health_group_full": (
        "{group} 在 pool-status.yml 里标记为已满",
        "{group} is marked full in pool-status.yml",
    ),
    "health_group_switched": (
        "{group} 已有 {members} 人（到 {switch_at} 人换群）",
        "{group} has {members} members (switch_at {switch_at})",
    ),
    "health_group_later": ("{group} 的码 {when} 才生效", "{group}'s code takes effect only at {when}"),
    "health_group_expired": (
        "{group} 的码已于 {when} 停止展示（已过期或快过期）",
        "{group}'s code is no longer shown since {when} (expired or about to)",
    ),
    "status_col_campaign": ("活动", "campaign"),
    "status_col_channel": ("渠道", "channel"),
    "status_col_group": ("展示的群", "shown group"),
    "status_col_seats": ("剩余名额", "seats left"),
    "status_col_expiry": ("下次到期", "next expiry"),
    "status_col_health": ("状态", "health"),
    "status_default_page": ("（默认页）", "(default)"),
    "status_state_empty": ("（兜底）", "(fallback)"),
    "status_state_not-started": ("（未开始）", "(not started)"),
    "status_state_ended": ("（已结束）", "(ended)"),
    "status_state_archived": ("（已下线）", "(archived)"),
    "status_health_ok": ("正常", "ok"),
    "status_health_low": ("偏低", "low"),
    "status_health_empty": ("无群", "empty"),
    "status_never": ("永久", "never"),
    "status_summary": (
        "{pages} 个页面：{ok} 个正常，{low} 个偏低，{empty} 个无群（按 {now} 计算）",
        "{pages} pages: {ok} ok, {low} low, {empty} empty (as of {now})",
    ),
    "status_fingerprint": ("顾客可见状态指纹：{fingerprint}", "customer-visible fingerprint: {fingerprint}"),
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

# The loader's messages (campaigns.yml: syntax, keys, values, cross-checks) live in i18n_load.py.
MESSAGES.update(LOAD_MESSAGES)


def t(lang: str, key: str, /, **values: object) -> str:
    """The message `key` in `lang` ("en" for English, Chinese otherwise), placeholders filled."""
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**values)
