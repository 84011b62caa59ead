"""The loader's messages about values and cross-checks, and qunma check's summary: part of LOAD_MESSAGES."""

from __future__ import annotations

LOAD_VALUE_MESSAGES: dict[str, tuple[str, str]] = {
    # --- values ----------------------------------------------------------------------------------
    "int_quoted": ("数字不要加引号：写成 {value}", "write the number without quotes: {value}"),
    "int_too_small": (
        "{value} 太小了：这里至少要写 {minimum}",
        "{value} is too small: write at least {minimum}",
    ),
    "int_too_big": (
        "{value} 太大了：这里最多写 {maximum}，请检查数字",
        "{value} is too large: write at most {maximum}; check the number",
    ),
    "valid_days_too_big": (
        "{value} 天太长了：二维码有效天数最多写 {maximum}（10 年）；"
        "永远不过期的企业微信码请在群里写 expires: never",
        "{value} days is too long: qr_valid_days is at most {maximum} (ten years); for a WeCom code that "
        "never expires write expires: never in the group",
    ),
    "enum_suggest": (
        "“{value}”不是可选的值：你是不是想写“{suggestion}”？可以写 {choices}",
        '"{value}" is not a choice: did you mean "{suggestion}"? Choose {choices}',
    ),
    "enum_bad": ("“{value}”不是可选的值：可以写 {choices}", '"{value}" is not a choice: choose {choices}'),
    "slug_bad": (
        "id“{value}”会出现在网址里，只能用小写字母、数字和“-”：可以写成“{suggestion}”",
        'the id "{value}" is part of a URL and may use lowercase letters, digits and "-" only: write '
        '"{suggestion}"',
    ),
    "slug_bad_no_latin": (
        "id“{value}”会出现在网址里，只能用小写字母、数字和“-”：请用拼音或英文，例如 mendian、store",
        'the id "{value}" is part of a URL and may use lowercase letters, digits and "-" only: '
        "use Latin letters, e.g. store",
    ),
    "slug_too_long": (
        "id“{value}”太长了（{count} 个字符）：id 会出现在网址和文件名里，最多 {maximum} 个字符，请改短",
        'the id "{value}" is too long ({count} characters): ids are parts of URLs and file names, at most '
        "{maximum} characters; make it shorter",
    ),
    "slug_reserved": (
        "id“{value}”已被网站自己的页面占用（{reserved}）：请换一个，例如 {value}-1",
        'the id "{value}" is taken by the site\'s own pages ({reserved}): choose another, e.g. {value}-1',
    ),
    "curly_quotes": (
        "{value} 两边是中文引号：YAML 只认英文引号，请改成 {fixed}",
        "{value} is in Chinese quotation marks, which YAML takes as part of the value: write {fixed}",
    ),
    "color_bad": (
        '“{value}”不是颜色：请写成 #rrggbb 并加引号，例如 "#8b5a2b"',
        '"{value}" is not a colour: write #rrggbb in quotes, e.g. "#8b5a2b"',
    ),
    "clock_bad": (
        '“{value}”不是时刻：请写成 "09:00" 这样的 时:分',
        '"{value}" is not a time of day: write "09:00" (hours:minutes)',
    ),
    "time_bad": (
        "“{value}”不是时间：请写成 2026-11-20 或 2026-11-20 10:00（按 site.timezone），"
        "也可以带时区，如 2026-11-20T10:00:00+08:00",
        '"{value}" is not a time: write 2026-11-20 or 2026-11-20 10:00 (in site.timezone), '
        "or with an offset, e.g. 2026-11-20T10:00:00+08:00",
    ),
    "time_bad_or_never": (
        "“{value}”不是时间：请写成 2026-11-27 10:00；企业微信的永久码写 never",
        '"{value}" is not a time: write 2026-11-27 10:00, or never for a permanent WeCom code',
    ),
    "time_out_of_range": (
        "“{value}”超出了能用的时间范围：时间要在 {first}-01-01 到 {last}-12-31 之间（换算成 UTC 也要在内），"
        "请检查年份",
        '"{value}" is out of range: times lie between {first}-01-01 and {last}-12-31 (in UTC as well); '
        "check the year",
    ),
    "issued_too_late": (
        "issued 加上二维码有效期（{days} 天）就超过了 {last} 年，算不出过期时间：请检查年份；"
        "永远不过期的企业微信码写 expires: never",
        "issued plus the code's life ({days} days) is past the year {last}, so it has no expiry: check the "
        "year; for a WeCom code that never expires write expires: never",
    ),
    "date_bad_month": (
        "{value} 这个日期不存在：没有 {month} 月，月份是 1–12",
        "{value} does not exist: there is no month {month} (1–12)",
    ),
    "date_bad_day": (
        "{value} 这个日期不存在：{year} 年 {month} 月只有 {days} 天",
        "{value} does not exist: month {month} of {year} has {days} days",
    ),
    "clock_impossible": (
        "{value} 这个时间不存在：小时是 0–23，分钟和秒是 0–59",
        "{value} does not exist: hours are 0–23, minutes and seconds 0–59",
    ),
    "offset_bad": (
        "时区偏移“{value}”不对：请写成 +08:00 这样的形式",
        'the offset "{value}" is wrong: write it like +08:00',
    ),
    "duration_bare_number": (
        "“{value}”没有单位：请写成 {value}h（{value} 小时）或 {value}d（{value} 天）",
        '"{value}" has no unit: write {value}h ({value} hours) or {value}d ({value} days)',
    ),
    "duration_too_long": (
        "“{value}”太长了：时长最多写 {maximum}（{days} 天），请检查数字",
        '"{value}" is too long: a duration is at most {maximum} ({days} days); check the number',
    ),
    "duration_bad": (
        "“{value}”不是时长：请写成 12h（12 小时）、30m（30 分钟）、2d（2 天）或 1d12h",
        '"{value}" is not a duration: write 12h (12 hours), 30m (30 minutes), 2d (2 days) or 1d12h',
    ),
    "url_http": (
        "链接“{value}”不是 https：请改成 https:// 开头（微信和企业微信的链接都是 https）",
        'the link "{value}" is not https: make it start with https:// (WeChat and WeCom links all are)',
    ),
    "url_no_scheme": (
        "链接“{value}”缺少开头的 https://：请写成完整的链接，如 https://weixin.qq.com/g/…",
        'the link "{value}" lacks https:// at the start: write the whole link, e.g. '
        "https://weixin.qq.com/g/…",
    ),
    "url_no_host": (
        "链接“{value}”缺少网址：https:// 后面要写域名",
        'the link "{value}" has no host after https://',
    ),
    "url_space": (
        "链接“{value}”里有空格：请删掉空格，或重新复制完整的链接",
        'the link "{value}" contains spaces: remove them or copy the link again',
    ),
    "url_not_web": (
        "“{value}”不是网页链接：这里只能写 https:// 开头的链接",
        '"{value}" is not a web link: only https:// links are allowed here',
    ),
    "url_base_query": (
        "base_url“{value}”不能带 ? 或 #：只写网站的地址，如 https://qun.example.com/",
        'base_url "{value}" may not contain ? or #: write the site\'s address only, e.g. '
        "https://qun.example.com/",
    ),
    "timezone_bad": (
        "“{value}”不是时区名：请写 IANA 时区，如 {suggestion}",
        '"{value}" is not a time zone: write an IANA zone name such as {suggestion}',
    ),
    "image_missing": (
        "找不到图片 {path}（找的是 {where}）："
        "图片路径相对于 campaigns.yml 所在的文件夹，请检查文件名和文件夹",
        "the image {path} does not exist (looked for {where}): "
        "paths are relative to the folder of campaigns.yml",
    ),
    "image_missing_suggest": (
        "找不到图片 {path}：你是不是想写 {suggestion}？",
        "the image {path} does not exist: did you mean {suggestion}?",
    ),
    "image_backslash": (
        "找不到图片 {path}：路径里的文件夹要用 / 隔开，不能用 Windows 的 \\，请写成 {fixed}",
        "the image {path} does not exist: separate folders with /, not Windows' \\; write {fixed}",
    ),
    "image_is_folder": (
        "{path} 是一个文件夹：请写出图片文件，例如 {path}/g1.png",
        "{path} is a folder: name the image file, e.g. {path}/g1.png",
    ),
    "image_unreadable": (
        "{path} 打不开，不是图片：请换成 PNG 或 JPG 图片",
        "{path} cannot be opened as an image: use a PNG or JPG file",
    ),
    "qr_none": (
        "图片 {path} 里没有能识别的二维码：请在微信里重新保存群二维码（原图，不要裁剪或压缩），或改写 url",
        "no readable QR code in {path}: save the group QR code again from WeChat (uncropped, uncompressed), "
        "or write url instead",
    ),
    "qr_several": (
        "图片 {path} 里有 {count} 个不同的二维码：请换成只有一个群二维码的图片",
        "{path} holds {count} different QR codes: use an image with only the group's code",
    ),
    "qr_not_https": (
        "图片 {path} 里的二维码是“{value}”，不是 https 链接：请换成微信群或企业微信的二维码",
        '{path} holds "{value}", not an https link: use the QR code of a WeChat or WeCom group',
    ),
    "qr_url_differ": (
        "图片 {path} 里的链接是 {link}，和 url 写的 {url} 不一样：请改成同一个群的链接（或删掉 url，"
        "只用图片）",
        "{path} holds {link} but url says {url}: make them the same group (or delete url and keep the image)",
    ),
    "placeholder_suggest": (
        "不认识的占位符 {{{name}}}：你是不是想写 {{{suggestion}}}？可以用的有 {allowed}",
        "unknown placeholder {{{name}}}: did you mean {{{suggestion}}}? Allowed: {allowed}",
    ),
    "placeholder_bad": (
        "不认识的占位符 {{{name}}}：可以用的只有 {allowed}",
        "unknown placeholder {{{name}}}: only {allowed} are allowed",
    ),
    # --- across the file -------------------------------------------------------------------------
    "group_needs_link": (
        "这个群缺少进群方式：请写 url: https://weixin.qq.com/g/…（二维码里的链接），"
        "或 qr: qr/群码.png（从微信保存的图片）",
        "this group has no way in: write url: https://weixin.qq.com/g/… (the link in its QR code) "
        "or qr: qr/group.png (the image saved from WeChat)",
    ),
    "group_needs_expiry": (
        "这个群缺少有效期：写 issued: 2026-11-20 10:00（二维码生成的时间，7 天后过期），"
        "企业微信永久码写 expires: never",
        "this group has no validity: write issued: 2026-11-20 10:00 (when its QR code was made; it lives 7 "
        "days), "
        "or expires: never for a permanent WeCom code",
    ),
    "group_no_channel": (
        "这个群没有任何渠道可用（channels 是空的）：要给所有渠道用就删掉这一行，否则写上渠道 id，如 [store]",
        "this group is served by no channel (channels is empty): delete the line to serve every channel, "
        "or list channel ids, e.g. [store]",
    ),
    "group_channel_unknown_suggest": (
        "活动里没有渠道“{value}”：你是不是想写“{suggestion}”？",
        'the campaign has no channel "{value}": did you mean "{suggestion}"?',
    ),
    "group_channel_unknown": (
        "活动里没有渠道“{value}”：可以写 {known}，或者先在活动的 channels 里加上它",
        'the campaign has no channel "{value}": use one of {known}, or declare it under the campaign\'s '
        "channels",
    ),
    "group_channel_none_declared": (
        "活动里没有渠道“{value}”：请先在活动里加上 channels:（- id: {value}，name: 渠道名）",
        'the campaign has no channel "{value}": first add it under the campaign\'s channels: (- id: '
        "{value}, name: …)",
    ),
    "duplicate_id": (
        "id“{value}”重复了（第 {line} 行已经用过）：{owner}要换一个 id",
        'the id "{value}" is already used on line {line}: give {owner} another id',
    ),
    "duplicate_chat_id": (
        "chat_id“{value}”重复了（第 {line} 行已经用过）：每个企业微信群的 chat_id 都不一样，"
        "请检查是否复制错了",
        'chat_id "{value}" is already used on line {line}: each WeCom group has its own; check for a '
        "copy-paste slip",
    ),
    "duplicate_link": (
        "这个链接和第 {line} 行的群一样：每个群的链接都不一样，请检查是否复制错了",
        "this link is the same as the group's on line {line}: each group has its own; check for a "
        "copy-paste slip",
    ),
    "rules_missing": (
        "这个活动缺少“rules”（群规）：请加上一行 rules: {name}（rule_sets 里有 {known}），或直接写出群规",
        'this campaign lacks "rules" (its group rules): add a line rules: {name} (rule_sets has {known}), '
        "or write the rules inline",
    ),
    "rules_missing_no_sets": (
        "这个活动缺少“rules”（群规），文件里也还没有 rule_sets：请加上一行 rules: {{rules: [禁止发布广告]}}"
        "（直接写出群规，可以再加 who、gains、penalties），或在最外层写 rule_sets: 定义一套群规再写它的名字",
        'this campaign lacks "rules" (its group rules), and the file has no rule_sets yet: add a line '
        "rules: {{rules: [No ads]}} (the rules inline; who, gains and penalties may follow), or define a "
        "set under a top-level rule_sets: and write its name",
    ),
    "rule_set_unknown_suggest": (
        "没有叫“{name}”的群规：你是不是想写“{suggestion}”？",
        'there is no rule set "{name}": did you mean "{suggestion}"?',
    ),
    "rule_set_unknown": (
        "没有叫“{name}”的群规：rule_sets 里有 {known}；也可以在这里直接写出群规",
        'there is no rule set "{name}": rule_sets has {known}; or write the rules here inline',
    ),
    "switch_above_capacity": (
        "switch_at（{switch_at}）不能大于 capacity（{capacity}）：人数到 switch_at 就换群，"
        "请把它改成不超过 {capacity} 的数",
        "switch_at ({switch_at}) may not exceed capacity ({capacity}): lower it to {capacity} or less",
    ),
    "margin_too_long": (
        "expiry_margin（{margin}）不短于二维码的有效期（{days} 天）：这样码一次也不会展示，请改小，如 12h",
        "expiry_margin ({margin}) is not shorter than a code's life ({days} days): no code would ever show; "
        "make it shorter, e.g. 12h",
    ),
    "ends_before_starts": (
        "结束时间 ends 早于开始时间 starts：请检查这两个日期",
        "ends is before starts: check both dates",
    ),
    "expires_before_issued": (
        "过期时间 expires 早于生成时间 issued：请检查这两个时间",
        "expires is before issued: check both times",
    ),
    "group_expired": (
        "群 {group} 的二维码已在 {expires} 过期：请换上新码（改 url 或 qr，并更新 issued），"
        "或写 paused: true",
        "the code of group {group} expired at {expires}: put in a new code (url or qr, and issued) "
        "or set paused: true",
    ),
    "group_issued_future": (
        "群 {group} 的 issued 在未来：请检查日期（二维码生成的时间不会晚于现在）",
        "group {group} was issued in the future: check the date",
    ),
    "now_out_of_range": (
        "“{value}”超出了能用的时间范围：生成时间（--now）要在 {first} 到 {last} 之间",
        '"{value}" is out of range: the build time (--now) lies between {first} and {last}',
    ),
    # --- qunma check -----------------------------------------------------------------------------
    "warning_label": ("警告：", "warning: "),
    "check_ok_warnings": (
        "✓ {file}：{campaigns} 个活动，{groups} 个群，没有错误；有 {warnings} 个警告，请看上面",
        "✓ {file}: {campaigns} campaign(s), {groups} group(s), no errors; {warnings} warning(s) above",
    ),
    "campaign_no_groups": (
        "活动 {campaign} 正在进行，但一个群也没有：它的每个页面都只显示兜底的客服。请在 groups: 下加群"
        "（每个群写 id、name、url 或 qr、issued），或给活动写 archived: true 下线",
        "campaign {campaign} is running but has no group: each of its pages shows only the fallback contact. "
        "Add groups under groups: (each with id, name, url or qr, issued), or retire it with archived: true",
    ),
    "check_pinned": (
        "按 mkdocs.yml 里固定的时间 {now} 检查（qunma 插件的 now:，示例网站用；"
        "真实网站不要写，按当前时间检查）",
        "checked as of {now}, the time mkdocs.yml pins (the qunma plugin's now:, for the example site; "
        "a real site pins none and is checked as of now)",
    ),
    "check_ok": (
        "✓ {file}：{campaigns} 个活动，{groups} 个群，没有发现问题",
        "✓ {file}: {campaigns} campaign(s), {groups} group(s), no problems found",
    ),
}
