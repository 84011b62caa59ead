"""The loader's messages (reading campaigns.yml): part of the one catalogue in generator/messages/__init__.py.

Every message says what is wrong and what to write instead. Chinese first, then English. This module
holds the messages about the file, its YAML syntax, keys and types; those about values, cross-checks
and qunma check's summary are in i18n_load_values.py. LOAD_MESSAGES is all of them.
"""

from __future__ import annotations

from generator.messages.load_values import LOAD_VALUE_MESSAGES

LOAD_SYNTAX_MESSAGES: dict[str, tuple[str, str]] = {
    # --- the file --------------------------------------------------------------------------------
    "file_missing": (
        "找不到这个文件：请检查路径，或用 --campaigns 指定 campaigns.yml 的位置（当前文件夹是 {cwd}）",
        "this file does not exist: check the path, or name campaigns.yml with --campaigns (the current "
        "folder is {cwd})",
    ),
    "file_missing_here": (
        "当前文件夹（{cwd}）里没有 {name}：要在这里新建一个网站，运行 qunma init；"
        "已有的网站请到它的文件夹里运行，或用 --campaigns 指定它的 campaigns.yml",
        "there is no {name} here ({cwd}): to start a new site here, run qunma init; for an existing site, "
        "run this in its folder or name its campaigns.yml with --campaigns",
    ),
    "file_is_folder": (
        "这是一个文件夹，不是文件：请写出文件的路径，例如 {example}",
        "this is a folder, not a file: give the path of the file, e.g. {example}",
    ),
    "file_unreadable": (
        "读不了这个文件（{detail}）：请检查文件权限",
        "this file cannot be read ({detail}): check its permissions",
    ),
    "file_not_regular": (
        "这不是一个普通文件（可能是管道、设备或特殊文件）：请写出 YAML 文件本身的路径",
        "this is not a regular file (a pipe, a device or another special file): give the path of the YAML "
        "file itself",
    ),
    "file_too_large": (
        "文件太大（超过 {limit} MB）：这不像是 qunma 的输入文件，请检查路径",
        "the file is too large (over {limit} MB): this does not look like an input of qunma; check the path",
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
    "invisible_space": (
        "这里有一个{what}（{code}）：看起来像空格，YAML 却不把它当空格。请把它换成半角空格"
        "（英文输入法下的空格），或者删掉",
        "there is a {what} ({code}) here: it looks like a space, but YAML does not read it as one. "
        "Replace it with an ordinary space (typed with an English keyboard layout), or delete it",
    ),
    "invisible_zero_width": (
        "这里有一个看不见的{what}（{code}），多半是从网页或聊天记录复制时带进来的：请删掉它"
        "（可以把这个值删掉后重新输入）",
        "there is an invisible {what} ({code}) here, most likely pasted in from a web page or a chat: "
        "delete it (retype the value)",
    ),
    "invisible_line_break": (
        "这里有一个看不见的{what}（{code}）：编辑器里看不出来，YAML 却在这里换行，"
        "之后每一行的行号都会对不上。请删掉它，需要换行就直接按回车",
        "there is an {what} ({code}) here: editors do not show it, but YAML starts a new line there, and "
        "every line number after it would be off. Delete it; press Enter where a new line is meant",
    ),
    "char_fullwidth_space": ("全角空格", "full-width space"),
    "char_nbsp": ("不换行空格", "no-break space"),
    "char_space": ("特殊宽度的空格", "special-width space"),
    "char_zero_width": ("零宽字符", "zero-width character"),
    "char_bom": ("字节顺序标记 BOM", "byte-order mark"),
    "char_line_break": ("特殊换行符", "unusual line break"),
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
    "bool_quoted": (
        '"{value}" 加了引号就是一段文字，不是开关：请去掉引号，写成 {fixed}',
        '"{value}" in quotes is text, not a switch: remove the quotes and write {fixed}',
    ),
    "bool_word": (
        "“{value}”在这里不算开关：只认 true（是）和 false（否），不加引号",
        '"{value}" is not a switch here: write true or false, without quotes',
    ),
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
    "noun_messages": ("页面文字 messages ", "messages"),
    "noun_defaults": ("默认值 defaults ", "defaults"),
    "noun_rule_set": ("群规", "the rule set"),
    "noun_campaign": ("这个活动", "this campaign"),
    "noun_channel": ("这个渠道", "this channel"),
    "noun_group": ("这个群", "this group"),
    "noun_faq": ("这条自动回复", "this auto-reply"),
    "noun_schedule": ("这条日程", "this schedule item"),
}

LOAD_MESSAGES: dict[str, tuple[str, str]] = {**LOAD_SYNTAX_MESSAGES, **LOAD_VALUE_MESSAGES}
