"""Every sentence a marketer or customer reads, in Chinese first and English, in one catalogue.

`t(lang, key, **values)` picks the language ("zh" unless "en") and fills the placeholders.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
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
        "这里有 YAML 不认识的字符（{detail}）：如果这是文字内容，请用英文双引号把整段括起来",
        "a character YAML cannot read here ({detail}): put the whole text in double quotes",
    ),
    "yaml_colon": (
        "这里不该出现冒号：文字里有“: ”时请用英文双引号把整段括起来，否则请检查上一行的缩进",
        'a colon is not allowed here: quote text that contains ": ", or check the indentation of the line above',
    ),
    "yaml_indent": (
        "缩进没有对齐：同一层的键要用同样多的空格开头，列表项以“- ”开头",
        'the indentation does not line up: keys of one level start with the same number of spaces, list items with "- "',
    ),
    "yaml_missing_colon": (
        "缺少冒号：写成“键: 值”，冒号后面要有一个空格",
        'a colon is missing: write "key: value" with a space after the colon',
    ),
    "yaml_alias": (
        "别名（&名字 / *名字）用错了：*名字 之前必须先用 &名字 定义，名字不能重复",
        "an alias (&name / *name) is wrong: define &name before using *name, and use each name once",
    ),
    "yaml_quote": (
        "引号没有配对：一段文字以英文引号开头，就要以同样的引号结尾",
        "a quote is not closed: text that starts with a quote must end with the same quote",
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
    "duplicate_key": (
        "“{key}”写了两次（第一次在第 {line} 行）：请删掉其中一个，或合并成一个",
        '"{key}" is written twice (first on line {line}): remove one of them or merge them',
    ),
}


def t(lang: str, key: str, **values: object) -> str:
    """The message `key` in `lang` ("en" for English, Chinese otherwise), placeholders filled."""
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**values)
