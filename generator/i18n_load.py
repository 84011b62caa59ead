"""The loader's messages (reading campaigns.yml): part of the one catalogue in generator/i18n.py.

Every message says what is wrong and what to write instead. Chinese first, then English.
"""

from __future__ import annotations

LOAD_MESSAGES: dict[str, tuple[str, str]] = {
    # --- the file --------------------------------------------------------------------------------
    "file_missing": (
        "找不到这个文件：请检查路径，或用 --campaigns 指定 campaigns.yml 的位置（当前文件夹是 {cwd}）",
        "this file does not exist: check the path, or name campaigns.yml with --campaigns (the current "
        "folder is {cwd})",
    ),
    "file_is_folder": (
        "这是一个文件夹，不是文件：请写出文件的路径，例如 {example}",
        "this is a folder, not a file: give the path of the file, e.g. {example}",
    ),
    "file_unreadable": (
        "读不了这个文件（{detail}）：请检查文件权限",
        "this file cannot be read ({detail}): check its permissions",
    ),
    "file_not_utf8": (
        "文件不是 UTF-8 编码（常见于用 GBK/ANSI 保存的文件）：请用 UTF-8 重新保存（记事本："
        "另存为 → 编码选 UTF-8）",
        "the file is not UTF-8 (often a GBK/ANSI file): save it again as UTF-8",
    ),
    "file_empty": (
        "文件是空的：请至少写上 site:（title、base_url）和 campaigns:，可以照着示例 campaigns.yml 写",
        "the file is empty: write at least site: (title, base_url) and campaigns:, following the example "
        "campaigns.yml",
    ),
    "file_not_mapping": (
        "文件的最外层应该是“键: 值”，从 site: 和 campaigns: 开始，而不是一个列表或一段文字",
        'the top of the file must be "key: value" pairs starting with site: and campaigns:, not a list or '
        "text",
    ),
    "status_is_folder": (
        "pool-status.yml 是一个文件夹：请删掉它，或换成 pool-status.yml 文件",
        "pool-status.yml is a folder: remove it or replace it with a pool-status.yml file",
    ),
    # --- YAML syntax -----------------------------------------------------------------------------
    "yaml_syntax": (
        "YAML 格式错误（{detail}）：请检查这一行的缩进、冒号和引号",
        "YAML syntax error ({detail}): check the indentation, colons and quotes on this line",
    ),
    "yaml_tab": (
        "这里有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成两个空格",
        "there is a tab here: YAML indents with spaces only; replace the tab with two spaces",
    ),
    "yaml_bad_char": (
        "这里的字符“{char}”不能出现在开头：如果这是文字内容，请用英文双引号把整段括起来",
        'the character "{char}" cannot start a value: put the whole text in double quotes',
    ),
    "yaml_reserved": (
        'YAML 里不能用“{char}”开头：请用英文双引号把整段文字括起来，例如 "{char}…"',
        'a value cannot start with "{char}" in YAML: put the whole text in double quotes, e.g. "{char}…"',
    ),
    "yaml_colon": (
        "这里不该出现冒号：文字里有“: ”时请用英文双引号把整段括起来；也可能是上一行少了冒号或缩进不对",
        'a colon is not allowed here: quote text that contains ": "; or the line above lacks its colon '
        "or is indented differently",
    ),
    "yaml_fullwidth_colon": (
        "这一行用了中文冒号“：”：键和值之间要用英文冒号加空格，写成“键: 值”",
        'this line uses a full-width colon "：": write "key: value" with an ASCII colon and a space',
    ),
    "yaml_indent": (
        "缩进没有对齐：同一层的键要用同样多的空格开头，列表项以“- ”开头",
        "the indentation does not line up: keys of one level start with the same number of spaces, list "
        'items with "- "',
    ),
    "yaml_missing_colon": (
        "缺少冒号：写成“键: 值”，冒号后面要有一个空格",
        'a colon is missing: write "key: value" with a space after the colon',
    ),
    "yaml_alias": (
        "别名（&名字 / *名字）用错了：*名字 之前必须先用 &名字 定义，名字不能重复",
        "an alias (&name / *name) is wrong: define &name before using *name, and use each name once",
    ),
    "yaml_dash": (
        "列表项“- ”要另起一行并缩进，不能和“键:”写在同一行；如果这是文字，请用英文双引号括起来",
        'a list item "- " starts its own, indented line, not the line of "key:"; or quote the text',
    ),
    "yaml_alias_char": (
        '以 * 或 & 开头的文字在 YAML 里是别名：请用英文双引号把整段括起来，例如 "*仅限会员*"',
        'text that starts with * or & is an alias in YAML: put it in double quotes, e.g. "*members only*"',
    ),
    "yaml_directive": (
        "以 % 开头的行在 YAML 里是指令：如果这是文字内容，请缩进到它所属的键下面，并用英文双引号括起来",
        "a line starting with % is a YAML directive: indent text under its key and put it in double quotes",
    ),
    "yaml_tag": (
        "以 ! 开头的写法在 YAML 里是类型标签：如果这是文字内容，请用英文双引号把整段括起来",
        "a value starting with ! is a YAML tag: if it is text, put the whole of it in double quotes",
    ),
    "yaml_block_indicator": (
        "“|”或“>”后面只能换行：多行文字从下一行开始写并缩进；如果这是一段文字，请用英文双引号括起来",
        '"|" or ">" must end the line: start the text on the next line, indented; or quote the text',
    ),
    "yaml_alias_loop": (
        "别名引用了它自己（&名字 里面又用了 *名字）：请直接写出内容",
        "an alias refers to itself (*name inside &name): write the content out instead",
    ),
    "yaml_escape": (
        "双引号里的反斜杠“\\”后面跟了不认识的字符：要写反斜杠本身请写成“\\\\”，或改用单引号",
        'an unknown escape after a backslash inside double quotes: write "\\\\" for a backslash, or use '
        "single quotes",
    ),
    "yaml_flow": (
        "方括号 [ ] 或花括号 {{ }} 没有配对：检查这里开始的括号是否都关上了，项之间用英文逗号分隔",
        "a bracket [ ] or brace {{ }} that starts here is not closed: close it, and separate items with "
        "commas",
    ),
    "yaml_quote": (
        "引号没有配对：一段文字以英文引号开头，就要以同样的引号结尾",
        "a quote is not closed: text that starts with a quote must end with the same quote",
    ),
    "yaml_control_char": (
        "这里有一个看不见的控制字符（{code}），多半是复制粘贴带进来的：请删掉它",
        "there is an invisible control character ({code}) here, most likely pasted in: delete it",
    ),
    "yaml_many_documents": (
        "文件里只能有一个文档：请删掉这里的“---”及其后面的内容，或把它们合并到上面",
        'the file may hold one document only: remove this "---" and what follows, or merge it above',
    ),
    "yaml_too_big": (
        "文件展开后超过 {limit} 个条目，多半是别名（*名字）层层引用造成的：请直接写出内容，不要嵌套别名",
        "the file expands to more than {limit} entries, most likely through nested aliases (*name): "
        "write the content out instead",
    ),
    "yaml_too_deep": (
        "嵌套超过 {limit} 层：campaigns.yml 用不到这么深的结构，请检查括号和缩进",
        "nested more than {limit} levels deep: campaigns.yml never needs that; check the brackets and "
        "indentation",
    ),
    "duplicate_key": (
        "“{key}”写了两次（第一次在第 {line} 行）：请删掉其中一个，或合并成一个",
        '"{key}" is written twice (first on line {line}): remove one of them or merge them',
    ),
    "merge_not_mapping": (
        "<<: 后面要写一个键值对的别名（如 <<: *默认值），这里不是",
        "<<: must be followed by an alias of a mapping (e.g. <<: *defaults)",
    ),
    "merge_too_deep": (
        "<<: 合并套了超过 {limit} 层：请直接写出内容",
        "<<: merges nest more than {limit} levels: write the content out instead",
    ),
    # --- keys and types --------------------------------------------------------------------------
    "unknown_key_suggest": (
        "未知的键“{key}”：你是不是想写“{suggestion}”？",
        'unknown key "{key}": did you mean "{suggestion}"?',
    ),
    "unknown_key": (
        "未知的键“{key}”：{owner}里可以写的键有 {allowed}",
        'unknown key "{key}": the keys of {owner} are {allowed}',
    ),
    "key_not_text": ("键必须是一个简单的名字，例如 title", "a key must be a plain name, e.g. title"),
    "missing_key": (
        "{owner}缺少“{key}”：请加上一行 {key}: {example}",
        '{owner} lacks "{key}": add a line {key}: {example}',
    ),
    "empty_value": (
        "“{key}”后面没有填写内容：请写上，例如 {key}: {example}；不需要就删掉这一行",
        '"{key}" has no value: write one, e.g. {key}: {example}, or delete the line',
    ),
    "color_empty": (
        '“{key}”后面没有内容：# 后面的文字会被当成注释，颜色要加引号，写成 {key}: "#8b5a2b"',
        '"{key}" has no value: everything after # is a comment, so quote the colour: {key}: "#8b5a2b"',
    ),
    "empty_item": (
        "列表里这一项是空的：写上内容，或删掉这个“-”",
        'this list item is empty: write something or delete the "-"',
    ),
    "wrong_type": ("这里应该是{expected}，但写的是{found}", "expected {expected} here, found {found}"),
    "found_mapping": ("键值对（“键: 值”）", 'a mapping ("key: value")'),
    "found_list": ("列表（“- ”开头的项）", 'a list ("- " items)'),
    "found_value": ("“{value}”", '"{value}"'),
    "expect_text": ("一段文字", "text"),
    "expect_mapping": ("键值对（下一行缩进写“键: 值”）", 'a mapping (indented "key: value" lines)'),
    "expect_list": ("列表（下一行缩进，以“- ”开头）", 'a list (indented lines starting with "- ")'),
    "expect_int": ("一个整数（如 200）", "a whole number (e.g. 200)"),
    "expect_bool": ("true 或 false", "true or false"),
    "expect_rules": (
        "rule_sets 里的一个名字（如 standard），或直接写出的群规（who、rules、penalties…）",
        "the name of a rule set (e.g. standard) or inline rules (who, rules, penalties, …)",
    ),
    "fullwidth_colon": (
        "这里用了中文冒号“：”：键和值之间要用英文冒号加空格，写成“键: 值”",
        'a full-width colon "：" is used here: write "key: value" with an ASCII colon and a space',
    ),
    "text_is_bool": (
        '“{value}”会被当成真假值：作为文字请加引号，写成 "{value}"',
        '"{value}" reads as a boolean: quote it as text, "{value}"',
    ),
    "text_empty": (
        "这里的文字是空的：请填写内容，或删掉这一行",
        "this text is empty: write something or delete the line",
    ),
    "list_too_short": ("这个列表至少要有 {minimum} 项", "this list needs at least {minimum} item(s)"),
    "list_too_long": (
        "这个列表最多 {maximum} 项，现在有 {count} 项：从这一项起请删掉或合并",
        "this list takes at most {maximum} items and has {count}: remove or merge from this item on",
    ),
    "noun_document": ("文件最外层", "the top level"),
    "noun_site": ("网站设置 site ", "site"),
    "noun_brand": ("品牌 brand ", "brand"),
    "noun_contact": ("客服 ", "the contact"),
    "noun_defaults": ("默认值 defaults ", "defaults"),
    "noun_rule_set": ("群规", "the rule set"),
    "noun_campaign": ("这个活动", "this campaign"),
    "noun_channel": ("这个渠道", "this channel"),
    "noun_group": ("这个群", "this group"),
    "noun_faq": ("这条自动回复", "this auto-reply"),
    "noun_schedule": ("这条日程", "this schedule item"),
    # --- values ----------------------------------------------------------------------------------
    "int_quoted": ("数字不要加引号：写成 {value}", "write the number without quotes: {value}"),
    "int_too_small": (
        "{value} 太小了：这里至少要写 {minimum}",
        "{value} is too small: write at least {minimum}",
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
    "slug_reserved": (
        "id“{value}”已被网站自己的页面占用（{reserved}）：请换一个，例如 {value}-1",
        'the id "{value}" is taken by the site\'s own pages ({reserved}): choose another, e.g. {value}-1',
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
    # --- qunma check -----------------------------------------------------------------------------
    "warning_label": ("警告：", "warning: "),
    "check_ok_warnings": (
        "✓ {file}：{campaigns} 个活动，{groups} 个群，没有错误；有 {warnings} 个警告，请看上面",
        "✓ {file}: {campaigns} campaign(s), {groups} group(s), no errors; {warnings} warning(s) above",
    ),
    "check_ok": (
        "✓ {file}：{campaigns} 个活动，{groups} 个群，没有发现问题",
        "✓ {file}: {campaigns} campaign(s), {groups} group(s), no problems found",
    ),
}
