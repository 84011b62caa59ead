"""Messages of `qunma notify`, the to-do list it shares with the dashboard, pool-history.json and the
dashboard page itself (issue 16)."""

from __future__ import annotations

NOTIFY_MESSAGES: dict[str, tuple[str, str]] = {
    # --- pool-history.json ---------------------------------------------------------------------------
    "history_damaged": (
        "{file} 读不懂（{detail}），当作没有记录；下一次 qunma sync 会重新开始记录",
        "{file} could not be read ({detail}) and counts as empty; the next qunma sync starts it afresh",
    ),
    "history_write_failed": (
        "⚠ 人数已写入，但人数记录 {file} 没能写入：{detail}",
        "⚠ the counts were written, but the count history {file} could not be: {detail}",
    ),
    # --- the to-do list (plan/todo.py): notifications and the dashboard ----------------------------
    "todo_span_minutes": ("不到 1 小时", "less than an hour"),
    "todo_span_hours": ("约 {count} 小时", "about {count} h"),
    "todo_span_days": ("约 {count} 天", "about {count} days"),
    "todo_list_sep": ("、", ", "),
    "todo_default_page": ("主页面", "main page"),
    "todo_empty_what": (
        "现在没有可加入的群，顾客看到的是客服：{details}",
        "no group can be joined now and customers see the contact: {details}",
    ),
    "todo_low_what": (
        "可加入的群（{groups}）只剩 {seats} 个名额（提醒线 {threshold}）",
        "the open groups ({groups}) have only {seats} seats left (threshold {threshold})",
    ),
    "todo_expiring_what": (
        "{group}的码 {when} 停止展示（还有{left}），之后没有接替的群，页面会换成客服",
        "{group}'s code stops being shown at {when} (in {left}) and no other group takes over: "
        "the page will show the contact",
    ),
    "todo_expiring_do": (
        "请在 {when} 前上传{group}的新二维码：在微信里重新生成，换掉 campaigns.yml 里 {campaign} → {id} "
        "的 qr 和 issued（或者加一个新群）",
        "upload a new code for {group} before {when}: regenerate it in WeChat and replace qr and issued of "
        "{campaign} → {id} in campaigns.yml (or add a new group)",
    ),
    "todo_renew_do": (
        "上传{group}的新二维码：在微信里重新生成，换掉 campaigns.yml 里 {campaign} → {id} 的 qr 和 issued"
        "（或者在活动 {campaign} 里加一个新群）",
        "upload a new code for {group}: regenerate it in WeChat and replace qr and issued of "
        "{campaign} → {id} in campaigns.yml (or add a new group to campaign {campaign})",
    ),
    "todo_add_group_do": (
        "新建一个群，把它的二维码加到 campaigns.yml 里活动 {campaign} 的 groups 下",
        "create a group and add its code under groups of campaign {campaign} in campaigns.yml",
    ),
    "todo_forecast_what": (
        "按最近{span}的进群速度（每小时约 {rate} 人），剩下的 {seats} 个名额{left}后用完",
        "at the recent rate (about {rate} joins an hour, measured over {span}) the {seats} seats left "
        "run out in {left}",
    ),
    "todo_sync_where": ("企业微信人数同步", "WeCom member sync"),
    "todo_sync_what": (
        "{when} 的 qunma sync 失败（错误码 {code}）：{reason}",
        "qunma sync at {when} failed (errcode {code}): {reason}",
    ),
    "todo_sync_ip_do": (
        "60020 表示运行 qunma sync 的机器的 IP 不在企业微信的“企业可信 IP”名单里：在企业微信管理后台 → "
        "应用管理 → 这个应用 → 企业可信 IP 里加上它的固定 IP。GitHub 的运行机器没有固定 IP："
        "请在有固定 IP 的机器（或 self-hosted runner）上运行 qunma sync，再提交 pool-status.yml",
        "60020 means the IP of the machine running qunma sync is not in WeCom's trusted IPs: add its "
        "fixed IP under WeCom admin → App Management → this app → Trusted IPs. GitHub's runners have no "
        "fixed IP: run qunma sync on a machine with one (or a self-hosted runner) and commit pool-status.yml",
    ),
    "todo_sync_do": (
        "按上面的原因检查 WECOM_CORP_ID、WECOM_SECRET 和群的 chat_id；企业微信繁忙时下一次运行会自动再试",
        "check WECOM_CORP_ID, WECOM_SECRET and the groups' chat_id as the reason says; when WeCom is busy, "
        "the next run tries again by itself",
    ),
    "todo_never": ("长期有效", "never expires"),
    "todo_inbox_where": ("二维码收件箱 qr/inbox/", "the QR inbox qr/inbox/"),
    "todo_inbox_applied_what": (
        "已换上 {image} 里的新二维码，有效到 {until}",
        "the new code from {image} is in use, valid until {until}",
    ),
    "todo_inbox_refused_what": ("{image} 没有用上：{reason}", "{image} was not used: {reason}"),
    "todo_inbox_refused_do": (
        "按原因换一张从微信保存的群二维码图片放进 qr/inbox/，或者删掉这张图片",
        "put a better image saved from WeChat into qr/inbox/ as the reason says, or delete this one",
    ),
    "todo_deploy_where": ("网站 {site} 的部署", "deploying the site {site}"),
    "todo_deploy_what": (
        "部署失败：{reason}。顾客看到的还是上一次部署的页面",
        "the deploy failed: {reason}. Customers still see the pages of the last deploy",
    ),
    "todo_deploy_do": (
        "打开 GitHub 的 Actions 页面看这次运行的日志；修好后下一次运行会重新部署",
        "open this run's log on GitHub's Actions page; once fixed, the next run deploys again",
    ),
    # --- qunma notify: the messages ------------------------------------------------------------------
    "notify_title": ("群码提醒 · {site}", "qunma alert · {site}"),
    "notify_title_digest": ("群码每日汇总 · {site}", "qunma daily digest · {site}"),
    "notify_count_new": ("新提醒 {count} 条", "{count} new"),
    "notify_count_resolved": ("已解决 {count} 条", "{count} resolved"),
    "notify_summary_digest": (
        "{when} · 待办 {open} 条 · {pages} 个页面：正常 {ok}，偏低 {low}，无群 {empty}",
        "{when} · {open} open · {pages} pages: {ok} ok, {low} low, {empty} empty",
    ),
    "notify_section_new": ("新提醒（{count}）", "New ({count})"),
    "notify_section_still": ("仍待处理（{count}）", "Still open ({count})"),
    "notify_section_resolved": ("已解决（{count}）", "Resolved ({count})"),
    "notify_worse": ("（更严重了）", " (worse)"),
    "notify_open_page": ("打开页面", "open the page"),
    "notify_open_dashboard": ("打开看板", "open the dashboard"),
    "notify_all_clear": ("✅ 所有群池正常，现在没有要做的事。", "✅ Every pool is fine: nothing to do now."),
    "notify_more": (
        "……还有 {count} 条没有列出：请打开看板查看",
        "… and {count} more not listed here: see the dashboard",
    ),
    "notify_resolved_empty": ("页面又有可加入的群了", "the page has an open group again"),
    "notify_resolved_low": ("名额恢复正常", "seats are fine again"),
    "notify_resolved_expiring": ("已有可接替的码", "a code takes over now"),
    "notify_resolved_forecast": ("按现在的速度名额够用", "at the current rate the seats last"),
    "notify_resolved_sync": ("企业微信人数同步恢复正常", "the WeCom member sync works again"),
    "notify_resolved_deploy": ("部署恢复正常", "deploying works again"),
    "notify_resolved_inbox-refused": ("这张图片已处理", "this image was dealt with"),
    "notify_robot_wecom": ("企业微信机器人（{variable}）", "the WeCom robot ({variable})"),
    "notify_robot_feishu": ("飞书机器人（{variable}）", "the Feishu robot ({variable})"),
    "notify_robot_dingtalk": ("钉钉机器人（{variable}）", "the DingTalk robot ({variable})"),
    "notify_sent": (
        "✓ {robot}：发送了 {messages} 条消息（新提醒 {new} 条，已解决 {resolved} 条）",
        "✓ {robot}: sent {messages} message(s) ({new} new, {resolved} resolved)",
    ),
    "notify_sent_digest": (
        "✓ {robot}：发送了每日汇总，{messages} 条消息（新提醒 {new} 条，已解决 {resolved} 条）",
        "✓ {robot}: sent the daily digest, {messages} message(s) ({new} new, {resolved} resolved)",
    ),
    "notify_nothing": ("{robot}：没有新情况，没有发送", "{robot}: nothing new, nothing sent"),
    "notify_failed": (
        "✗ {robot}：{reason}。没有送到的内容下一次运行会再发",
        "✗ {robot}: {reason}. What did not arrive is sent by the next run",
    ),
    "notify_failed_net": ("连接失败：{detail}", "could not be reached: {detail}"),
    "notify_failed_rate": (
        "对方说发送太频繁（{code}：{msg}），这次先不发了",
        "it says messages come too often ({code}: {msg}); no more this run",
    ),
    "notify_failed_long": (
        "对方说消息太长（{code}：{msg}）",
        "it says the message is too long ({code}: {msg})",
    ),
    "notify_failed_sign": (
        "签名校验失败（{code}：{msg}）：请确认 {secret} 是机器人安全设置里“签名校验 / 加签”的密钥，"
        "并且这台机器的时钟准确（误差要在 1 小时以内）",
        "the signature was refused ({code}: {msg}): check that {secret} is the robot's signing secret and "
        "that this machine's clock is right (within an hour)",
    ),
    "notify_failed_refused": (
        "对方拒绝了消息（{code}：{msg}）：请检查 {variable} 是不是机器人的 webhook 地址，"
        "以及机器人的安全设置（关键词、IP 白名单）",
        "it refused the message ({code}: {msg}): check that {variable} is the robot's webhook and the "
        "robot's security settings (keywords, IP allowlist)",
    ),
    "notify_bad_webhook": (
        "环境变量 {name} 不是网址：请填机器人设置里复制的 webhook 地址（https://…）",
        "the environment variable {name} is not an address: use the webhook copied from the robot's settings "
        "(https://…)",
    ),
    "notify_no_robot": (
        "没有设置机器人，没有发送：请设置 {names} 中的至少一个（GitHub 上放在仓库的 Secrets 里）",
        "no robot is set up, nothing was sent: set at least one of {names} "
        "(on GitHub, as repository secrets)",
    ),
    "notify_dry_default": (
        "（没有设置机器人：下面按企业微信的格式显示）",
        "(no robot is set up: shown as WeCom would get it)",
    ),
    "notify_dry_header": (
        "=== {robot}：{count} 条消息（--dry-run：没有发送）===",
        "=== {robot}: {count} message(s) (--dry-run: not sent) ===",
    ),
    "notify_state_damaged": (
        "{file} 读不懂（{detail}），从头开始记录：这一次会把所有待办再发一遍",
        "{file} could not be read ({detail}) and starts afresh: every open item is sent once more",
    ),
    "notify_state_write_failed": (
        "⚠ 没能写入 {file}：下一次运行可能会重复发送这次的消息",
        "⚠ {file} could not be written: the next run may send these messages again",
    ),
    "notify_report_unreadable": (
        "读不到收件箱报告 {file}（不存在，或者不是普通文件，或者大于 1 MB）",
        "the inbox report {file} cannot be read (missing, not a regular file, or over 1 MB)",
    ),
    "notify_report_bad": (
        "收件箱报告 {file} 的格式不对（{detail}）",
        "the inbox report {file} is not in the expected shape ({detail})",
    ),
    "notify_both_deploy_flags": (
        "--deploy-failed、--deployed 和 --deploy-result 只能用一个",
        "use one of --deploy-failed, --deployed and --deploy-result",
    ),
    # --- the dashboard (render/dashboard.py) ----------------------------------------------------------
    "dash_title": ("群码看板 · {site}", "qunma dashboard · {site}"),
    "dash_meta": (
        "{site}的群池看板：未来 7 天的轮换、剩余名额和现在要做的事（内部页面）",
        "{site}: the pool dashboard, the next 7 days' rotation, seats and what to do now (internal)",
    ),
    "dash_generated": (
        "{time} 生成（网站每次部署时更新；只给运营同学看，不要转发给顾客）",
        "made at {time} (updated with every deploy; for the staff only, do not share with customers)",
    ),
    "dash_summary": (
        "{pages} 个页面：正常 {ok}，偏低 {low}，无群 {empty}",
        "{pages} pages: {ok} ok, {low} low, {empty} empty",
    ),
    "dash_todo": ("现在要做的事（{count}）", "What to do now ({count})"),
    "dash_more_todos": ("……还有 {count} 条没有列出", "… and {count} more not listed"),
    "dash_staff_kit": ("员工页", "staff kit"),
    "dash_sev_3": ("紧急", "urgent"),
    "dash_sev_2": ("注意", "warning"),
    "dash_sev_1": ("留意", "notice"),
    "dash_do": ("要做：", "To do: "),
    "dash_next_days": ("接下来 {days} 天", "The next {days} days"),
    "dash_timeline_title": (
        "{pool}：接下来 {days} 天展示哪个群",
        "{pool}: which group shows over the next {days} days",
    ),
    "dash_as_text": ("用文字看", "as text"),
    "dash_col_what": ("展示", "shows"),
    "dash_col_from": ("从", "from"),
    "dash_col_until": ("到", "until"),
    "dash_row_fallback": ("客服（没有可加入的群）", "the contact (no open group)"),
    "dash_row_quiet": ("未开始 / 已结束", "not started / ended"),
    "dash_expires": ("码 {when} 过期", "code expires {when}"),
    "dash_state_empty": ("客服（没有可加入的群）", "the contact (no open group)"),
    "dash_state_not-started": ("活动未开始", "not started"),
    "dash_state_ended": ("活动已结束", "ended"),
    "dash_state_archived": ("活动已下线", "archived"),
    "dash_state_open": ("群码", "a group's code"),
    "dash_open_end": ("之后", "on"),
    "dash_seats": ("剩余名额", "Seats left"),
    "dash_seats_title": (
        "最近 {days} 天的剩余名额和预测",
        "seats left over the last {days} days, and the forecast",
    ),
    "dash_seats_steady": (
        "剩余名额：最早记录 {first}，现在 {seats}；最近没有人进群，名额暂时用不完",
        "seats left: {first} at the first record, {seats} now; nobody joined lately, they do not run out",
    ),
    "dash_seats_runs_out": (
        "剩余名额：最早记录 {first}，现在 {seats}；按最近的进群速度约 {when} 用完（红色虚线）",
        "seats left: {first} at the first record, {seats} now; at the recent rate they run out about {when} "
        "(the dashed red line)",
    ),
    "dash_no_history": (
        "还没有人数记录：用 qunma sync 从企业微信同步人数后，这里会画出名额的变化和预测",
        "no member counts recorded yet: once qunma sync reads them from WeCom, the seats and the forecast "
        "show here",
    ),
    "dash_now": ("现在", "now"),
    "dash_more_names": ("……还有 {count} 个", "… and {count} more"),
    "dash_more_pools": (
        "另外 {count} 个群池（详见各活动的员工页）",
        "{count} more pools (see each campaign's staff kit)",
    ),
}
