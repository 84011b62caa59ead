"""Messages of pool-status.yml, pool health and qunma status: part of the catalogue in i18n.py."""

from __future__ import annotations

STATUS_MESSAGES: dict[str, tuple[str, str]] = {
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
    "status_no_group_suggest": (
        "campaigns.yml 里没有“{name}”这个群：你是不是想写“{suggestion}”？",
        'campaigns.yml has no group "{name}": did you mean "{suggestion}"?',
    ),
    "status_stale_campaign": (
        "“{name}”的活动已经不在 campaigns.yml 里：这一项不再起作用，请从 pool-status.yml 删掉"
        "（qunma sync 写入时也会去掉它）",
        'the campaign of "{name}" is no longer in campaigns.yml: this entry does nothing; delete it from '
        "pool-status.yml (qunma sync leaves it out when it writes)",
    ),
    "status_stale_group": (
        "“{name}”这个群已经不在 campaigns.yml 里：这一项不再起作用，请从 pool-status.yml 删掉"
        "（qunma sync 写入时也会去掉它）",
        'the group "{name}" is no longer in campaigns.yml: this entry does nothing; delete it from '
        "pool-status.yml (qunma sync leaves it out when it writes)",
    ),
    "status_stale_archived": (
        "“{name}”所在的活动已下线（archived: true），不再展示任何群：这一项不再起作用，"
        "请从 pool-status.yml 删掉（qunma sync 写入时也会去掉它）",
        'the campaign of "{name}" is archived and shows no group: this entry does nothing; delete it from '
        "pool-status.yml (qunma sync leaves it out when it writes)",
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
    "status_members_too_big": (
        "members（{value}）太大了：人数最多写 {maximum}，请检查数字",
        "members ({value}) is too large: write at most {maximum}; check the number",
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
    "status_future": (
        "pool-status.yml 的 updated（{updated}）比现在（{now}）还晚 {ahead}：看不出人数是什么时候的，"
        "过时了也不会提醒。请改成人数实际更新的时间（多半是年份或时区写错了；qunma sync 会自动写对）",
        "pool-status.yml's updated ({updated}) is {ahead} later than now ({now}): the age of the counts is "
        "unknown and no warning would say when they are out of date. Write the time the counts were taken "
        "(most likely the year or the time zone is wrong; qunma sync writes it right)",
    ),
    "status_no_updated": (
        "pool-status.yml 没有写 updated（更新时间），看不出人数是否过时：请加一行 updated: 2026-11-23 08:00",
        "pool-status.yml has no updated (time of the counts), so their age is unknown: "
        "add a line such as updated: 2026-11-23 08:00",
    ),
    "age_minutes": ("{count} 分钟", "{count} min"),
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
    "status_col_expiry": ("停止展示", "shown until"),
    "status_col_expires": ("二维码过期", "code expires"),
    "status_col_health": ("状态", "health"),
    "status_default_page": ("（默认页）", "(default)"),
    "status_state_empty": ("（兜底）", "(fallback)"),
    "status_state_not-started": ("（未开始）", "(not started)"),
    "status_state_ended": ("（已结束）", "(ended)"),
    "status_state_archived": ("（已下线）", "(archived)"),
    "status_health_ok": ("正常", "ok"),
    "status_health_low": ("偏低", "low"),
    "status_health_empty": ("无群", "empty"),
    "status_low_seats": ("偏低：名额少", "low: few seats"),
    "status_low_expiring": ("偏低：快过期", "low: codes run out"),
    "status_low_none": ("偏低：将没有群", "low: no group"),
    "status_never": ("永久", "never"),
    "status_summary": (
        "{pages} 个页面：{ok} 个正常，{low} 个偏低，{empty} 个无群（按 {now} 计算）",
        "{pages} pages: {ok} ok, {low} low, {empty} empty (as of {now})",
    ),
    "status_fingerprint": ("顾客可见状态指纹：{fingerprint}", "customer-visible fingerprint: {fingerprint}"),
}
