"""Messages about the user's folders and the operating system: the site folder that a build replaces, the
lock that keeps two builds apart, disk and permission errors, the preview's port. Part of i18n.py."""

from __future__ import annotations

FILE_MESSAGES: dict[str, tuple[str, str]] = {
    # --- the site folder (issue 11): a build replaces it whole, so it must hold nothing else ---------
    "site_dir_project": (
        "不能把网站生成到 {site}：它就是（或包含）项目文件夹 {project}，生成时会删掉 campaigns.yml、"
        ".git 和其他所有文件。什么都没有改动。请换一个新的子文件夹，例如 --site-dir site",
        "cannot build the site into {site}: it is (or contains) the project folder {project}, and building "
        "would delete campaigns.yml, .git and every other file there. Nothing was changed. Choose a fresh "
        "subfolder, e.g. --site-dir site",
    ),
    "site_dir_docs": (
        "不能把网站生成到 {site}：它和网页源文件夹 {docs} 重叠（一个在另一个里面），生成时会删掉手写的页面。"
        "什么都没有改动。请换一个新的子文件夹，例如 --site-dir site",
        "cannot build the site into {site}: it overlaps the folder of the site's own pages {docs} (one lies "
        "inside the other), and building would delete those pages. Nothing was changed. Choose a fresh "
        "subfolder, e.g. --site-dir site",
    ),
    "site_dir_input": (
        "不能把网站生成到 {site}：生成网站要读的 {file} 在它里面，生成时会被删掉。什么都没有改动。"
        "请换一个新的子文件夹，例如 --site-dir site",
        "cannot build the site into {site}: {file}, which the build reads, lies inside it and would be "
        "deleted. Nothing was changed. Choose a fresh subfolder, e.g. --site-dir site",
    ),
    "site_dir_git": (
        "不能把网站生成到 {site}：它里面有 .git（一个 git 仓库），生成时会被删掉。什么都没有改动。"
        "请换一个新的子文件夹，例如 --site-dir site",
        "cannot build the site into {site}: it holds .git (a git repository), which building would delete. "
        "Nothing was changed. Choose a fresh subfolder, e.g. --site-dir site",
    ),
    "site_dir_foreign": (
        "不能把网站生成到 {site}：这个文件夹不是空的，也不是 qunma 生成的网站（里面没有 {manifest}），"
        "生成时会删掉里面的全部内容。什么都没有改动。请换一个新的文件夹；如果里面的东西确实不要了，先自己删掉它",
        "cannot build the site into {site}: the folder is not empty and is not a site qunma built (it has no "
        "{manifest}), and building would delete everything in it. Nothing was changed. Choose a new folder, "
        "or delete this one yourself if you are sure its content can go",
    ),
    "site_dir_busy": (
        "另一个构建正在生成 {site}，等了 {seconds} 秒仍未结束：请等它结束后再运行"
        "（如果没有别的构建在运行，请检查 {lock} 是否被其他程序占用）",
        "another build is writing {site} and has not finished within {seconds} s: run again once it is done "
        "(if no other build is running, check whether another program holds {lock})",
    ),
    "site_dir_waiting": (
        "另一个构建正在生成 {site}，等它结束（最多 {seconds} 秒）……",
        "another build is writing {site}: waiting for it to finish (at most {seconds} s)…",
    ),
    # --- qunma serve -----------------------------------------------------------------------------------
    "serve_port_taken": (
        "预览地址 {addr} 已被占用（也许另一个 qunma serve 正在运行）：请关掉它，"
        "或换一个端口，例如 --dev-addr {other}",
        "the preview address {addr} is already in use (maybe another qunma serve is running): stop it, or "
        "pick another port, e.g. --dev-addr {other}",
    ),
    "serve_errors_title": (
        "campaigns.yml 有 {count} 个问题，网站没有更新",
        "campaigns.yml has {count} problem(s): the site was not updated",
    ),
    "serve_errors_hint": (
        "按提示改好并保存，这个页面会自动刷新。下面是上一次成功生成的页面。",
        "Fix them and save: this page reloads by itself. Below is the site as it was last built.",
    ),
    "serve_failed": ("无法启动预览（{detail}）", "the preview could not start ({detail})"),
    "serve_addr_failed": (
        "无法在 {addr} 上预览：{reason}。请换一个地址，例如 --dev-addr 127.0.0.1:8001",
        "cannot serve the preview on {addr}: {reason}. Pick another address, e.g. --dev-addr 127.0.0.1:8001",
    ),
    # --- errors of the operating system (disk full, read-only, …): named, never a traceback ---------------
    "os_error_at": ("{path}：{reason}", "{path}: {reason}"),
    "os_failed": ("{what}。请处理后重新运行", "{what}. Fix this and run again"),
    "os_ENOSPC": ("磁盘已满，请先腾出空间", "the disk is full: free some space first"),
    "os_EDQUOT": ("超出了磁盘配额", "the disk quota is exceeded"),
    "os_EROFS": ("所在的文件系统是只读的", "the file system is read-only"),
    "os_EACCES": (
        "没有权限（请检查文件夹的所有者和权限）",
        "permission denied (check the folder's owner and mode)",
    ),
    "os_EPERM": (
        "操作不被允许（文件或文件夹可能被设为不可修改，例如 chattr +i）",
        "operation not permitted (the file or folder may be immutable, e.g. chattr +i)",
    ),
    "os_EBUSY": (
        "正被占用（可能是一个挂载点，或正被其他程序使用）",
        "busy (a mount point, or in use by another program)",
    ),
    "os_EIO": ("磁盘读写出错（请检查磁盘）", "an input/output error (check the disk)"),
    "os_other": ("系统错误 {name}（{text}）", "system error {name} ({text})"),
}
