"""Messages of `qunma init` (a new site): part of the one catalogue in generator/messages/__init__.py."""

from __future__ import annotations

SCAFFOLD_MESSAGES: dict[str, tuple[str, str]] = {
    "init_taken": (
        "{folder} 里已经有这些文件，qunma init 不会覆盖，什么都没有写：\n{files}\n"
        "请换一个空文件夹（qunma init 新文件夹名），或先把它们移走",
        "{folder} already holds these files; qunma init never overwrites and wrote nothing:\n{files}\n"
        "Choose an empty folder (qunma init NEW-FOLDER), or move them away first",
    ),
    "init_failed": (
        "新建网站失败，已写的文件都删掉了：{detail}",
        "could not make the new site, and removed what it had written: {detail}",
    ),
    "init_done": (
        "✓ 已在 {folder} 新建网站（{count} 个文件）。下一步：\n"
        "{cd}"
        "  qunma check     # 检查 campaigns.yml\n"
        "  qunma serve     # 本地预览，改 campaigns.yml 后浏览器自动刷新\n"
        "把 campaigns.yml 里的网址、群链接换成你自己的；"
        "上线前看 requirements.txt 和 .github/workflows/deploy.yml",
        "✓ made a new site in {folder} ({count} files). Next:\n"
        "{cd}"
        "  qunma check     # check campaigns.yml\n"
        "  qunma serve     # preview; the browser reloads when campaigns.yml is saved\n"
        "Replace the address and the group links in campaigns.yml with your own; before going live, read "
        "requirements.txt and .github/workflows/deploy.yml",
    ),
}
