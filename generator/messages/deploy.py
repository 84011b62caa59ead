"""Messages of `qunma deploy` (object storage + CDN) and `qunma sync --commit/--push` (issue 17)."""

from __future__ import annotations

_FAILED_TAIL_ZH = "线上网站没有被弄乱：每个页面要用的图片都在；修好后再运行一次 qunma deploy，会补上没传完的"
_FAILED_TAIL_EN = (
    "the live site is consistent: every page's images are there; once fixed, run qunma deploy again and it "
    "completes what is missing"
)

DEPLOY_MESSAGES: dict[str, tuple[str, str]] = {
    # --- the target, from the environment -------------------------------------------------------
    "deploy_missing_env": (
        "没有设置环境变量 {names}：qunma deploy 需要对象存储的地址（QUNMA_DEPLOY_ENDPOINT，例如 "
        "https://cos.ap-shanghai.myqcloud.com）、存储桶（QUNMA_DEPLOY_BUCKET）、地域（QUNMA_DEPLOY_REGION）"
        "和访问密钥（AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY）。在 GitHub 上，密钥放在 Settings → Secrets "
        "and variables → Actions → Secrets，其余放在 Variables",
        "the environment variable(s) {names} are not set: qunma deploy needs the storage endpoint "
        "(QUNMA_DEPLOY_ENDPOINT, e.g. https://cos.ap-shanghai.myqcloud.com), the bucket "
        "(QUNMA_DEPLOY_BUCKET), the region (QUNMA_DEPLOY_REGION) and the access keys (AWS_ACCESS_KEY_ID, "
        "AWS_SECRET_ACCESS_KEY). On GitHub, keys go under Settings → Secrets and variables → Actions → "
        "Secrets, the rest under Variables",
    ),
    "deploy_bad_endpoint": (
        "环境变量 {name} 的值“{value}”不是对象存储的地址：请写成 https://cos.ap-shanghai.myqcloud.com 这样"
        "（只有协议和域名，不带存储桶名和路径）",
        'the environment variable {name} is "{value}", not a storage endpoint: write e.g. '
        "https://cos.ap-shanghai.myqcloud.com (scheme and host only, no bucket, no path)",
    ),
    "deploy_bad_bucket": (
        "环境变量 {name} 的值“{value}”不是存储桶名：只能有小写字母、数字、“-”和“.”，3 到 63 个字符"
        "（腾讯云 COS 的桶名带 APPID，例如 qunma-1250000000）",
        'the environment variable {name} is "{value}", not a bucket name: lowercase letters, digits, "-" '
        'and ".", 3 to 63 characters (a Tencent COS bucket name ends in its APPID, e.g. qunma-1250000000)',
    ),
    "deploy_bad_region": (
        "环境变量 {name} 的值“{value}”不是地域：例如 ap-shanghai（COS）、cn-hangzhou（OSS）、auto（R2）",
        'the environment variable {name} is "{value}", not a region: e.g. ap-shanghai (COS), '
        "cn-hangzhou (OSS), auto (R2)",
    ),
    "deploy_bad_addressing": (
        "环境变量 {name} 的值“{value}”不对：写 virtual（存储桶名在域名里，COS 和 OSS 必须这样）或 path"
        "（存储桶名在路径里，MinIO），或者删掉它自动选择",
        'the environment variable {name} is "{value}": write virtual (bucket in the host name, required by '
        "COS and OSS) or path (bucket in the path, MinIO), or unset it to choose by the endpoint",
    ),
    "deploy_bad_number": (
        "环境变量 {name} 的值“{value}”不对：请写 {low} 到 {high} 之间的数（秒或次数），或者删掉它用默认值",
        'the environment variable {name} is "{value}": write a number from {low} to {high} (seconds or '
        "tries), or unset it to use the default",
    ),
    "deploy_grace_short": (
        "{grace} 必须比 {max_age} 长：不再需要的文件要等到所有缓存里的旧页面都过期后才能删除",
        "{grace} must be longer than {max_age}: unneeded files may go only once every cached old page has "
        "expired",
    ),
    # --- the site folder ------------------------------------------------------------------------
    "deploy_not_a_site": (
        "{dir} 不是 qunma 生成的网站（里面没有 {manifest}）：先运行 qunma build，或者用 --site-dir 指定"
        "生成的文件夹。为了不把别的文件公开出去，只部署 qunma 生成的文件夹",
        "{dir} is not a site qunma built (it has no {manifest}): run qunma build first, or name the built "
        "folder with --site-dir. Only a folder qunma built is deployed, so nothing else is made public",
    ),
    "deploy_reserved_name": (
        "网站里有一个文件叫 {name}：这个名字留给部署记录用，请给这个文件改个名字",
        "the site has a file named {name}: that name is kept for the deploy's own record; rename the file",
    ),
    "deploy_not_regular": (
        "{path} 不是普通文件（是符号链接或设备等）：网站文件夹里只能有普通文件，没有上传任何东西",
        "{path} is not a regular file (a symbolic link, a device …): a site folder may hold regular files "
        "only; nothing was uploaded",
    ),
    "deploy_site_changed": (
        "部署期间 {path} 被改动了（又生成了一次网站？）：已停止，请等生成结束后再运行 qunma deploy",
        "{path} changed while deploying (the site was built again?): stopped; run qunma deploy once the "
        "build has finished",
    ),
    # --- the bucket -----------------------------------------------------------------------------
    "deploy_request_failed": (
        "{target} 上的 {key}：{what}",
        "{key} on {target}: {what}",
    ),
    "deploy_http_error": (
        "对象存储回答 HTTP {status} {code}（{message}）",
        "the storage answered HTTP {status} {code} ({message})",
    ),
    "deploy_timeout": (
        "对象存储没有及时回答（每次连接或读取的时限可以用环境变量 QUNMA_DEPLOY_TIMEOUT 调整）",
        "the storage did not answer in time (QUNMA_DEPLOY_TIMEOUT sets the limit of one connect or read)",
    ),
    "deploy_unreachable": ("连不上对象存储：{what}", "could not reach the storage: {what}"),
    "deploy_deadline": (
        "部署没有在 {seconds} 秒内完成，已停止（整个命令的时限，可以用环境变量 QUNMA_DEPLOY_DEADLINE 调整）",
        "the deploy did not finish within {seconds} s and stopped (the whole command's deadline; "
        "QUNMA_DEPLOY_DEADLINE changes it)",
    ),
    "deploy_state_too_large": (
        "部署记录 {key} 超过了 {size} 字节的上限",
        "the deploy record {key} is larger than the {size} bytes limit",
    ),
    "deploy_state_invalid": (
        "部署记录 {source} 读不懂（{detail}）：它决定哪些文件可以删除，所以没有继续。"
        "确认存储桶没有被别的工具改过；要从头部署，删除这个文件后再运行",
        "the deploy record {source} cannot be read ({detail}): it decides what may be deleted, so nothing "
        "was done. Check that no other tool changed the bucket; to deploy from scratch, delete that file and "
        "run again",
    ),
    "deploy_hint_credentials": (
        "。请检查 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY（COS 是 SecretId/SecretKey，OSS 是 AccessKey）",
        ". Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (COS: SecretId/SecretKey; OSS: AccessKey)",
    ),
    "deploy_hint_denied": (
        "。这个密钥没有写这个存储桶的权限：给它读写（至少 GetObject、PutObject、DeleteObject）权限",
        ". The key may not write this bucket: grant it GetObject, PutObject and DeleteObject",
    ),
    "deploy_hint_bucket": (
        "。请检查 QUNMA_DEPLOY_BUCKET（COS 的桶名带 APPID）和 QUNMA_DEPLOY_ENDPOINT 的地域是否一致",
        ". Check QUNMA_DEPLOY_BUCKET (a COS bucket name ends in its APPID) and the endpoint's region",
    ),
    "deploy_hint_region": (
        "。存储桶不在这个地域：请把 QUNMA_DEPLOY_REGION 和 QUNMA_DEPLOY_ENDPOINT 改成存储桶所在的地域",
        ". The bucket is in another region: set QUNMA_DEPLOY_REGION and QUNMA_DEPLOY_ENDPOINT to its region",
    ),
    "deploy_hint_addressing": (
        "。试试设置 QUNMA_DEPLOY_ADDRESSING=virtual（COS、OSS）或 path（MinIO）",
        ". Try QUNMA_DEPLOY_ADDRESSING=virtual (COS, OSS) or path (MinIO)",
    ),
    # --- how a deploy ended ---------------------------------------------------------------------
    "deploy_failed": ("部署失败：{detail}", "the deploy failed: {detail}"),
    "deploy_failed_site": (
        "部署失败，什么都没有上传：{detail}",
        "the deploy failed, nothing was uploaded: {detail}",
    ),
    "deploy_failed_read": (
        "部署失败，什么都没有上传：读取线上的部署记录时出错：{detail}",
        "the deploy failed, nothing was uploaded: reading the live deploy record failed: {detail}",
    ),
    "deploy_failed_assets": (
        "部署在上传图片等文件时失败（已上传 {uploaded} 个，页面还没有动）：{detail}。" + _FAILED_TAIL_ZH,
        "the deploy failed while uploading images and other files ({uploaded} uploaded, no page changed "
        "yet): {detail}. " + _FAILED_TAIL_EN,
    ),
    "deploy_failed_pages": (
        "部署在上传页面时失败（已上传 {uploaded} 个文件，部分页面已是新版）：{detail}。" + _FAILED_TAIL_ZH,
        "the deploy failed while uploading pages ({uploaded} files uploaded, some pages are new): {detail}. "
        + _FAILED_TAIL_EN,
    ),
    "deploy_failed_manifest": (
        "部署在上传 qunma-manifest.json 时失败（页面都已是新版）：{detail}。" + _FAILED_TAIL_ZH,
        "the deploy failed while uploading qunma-manifest.json (every page is new): {detail}. "
        + _FAILED_TAIL_EN,
    ),
    "deploy_failed_delete": (
        "网站已更新，但删除过期文件时失败（已删除 {deleted} 个）：{detail}。下次部署会再删",
        "the site is updated, but deleting expired files failed ({deleted} deleted): {detail}. The next "
        "deploy deletes them",
    ),
    "deploy_failed_state": (
        "网站已更新，但写入部署记录时失败：{detail}。下次部署会重新上传这次的改动",
        "the site is updated, but writing the deploy record failed: {detail}. The next deploy uploads "
        "this deploy's changes again",
    ),
    "deploy_dry_run_title": (
        "演练（--dry-run）：以下是部署会做的事，什么都没有改动（+ 上传，- 删除，~ 刷新 CDN）",
        "dry run (--dry-run): what the deploy would do; nothing was changed (+ upload, - delete, ~ purge)",
    ),
    "deploy_dry_run_done": (
        "会上传 {uploads} 个文件（{size}），删除 {deletes} 个，保留 {kept} 个不再需要的文件到宽限期结束，"
        "{unchanged} 个没变；刷新 {purges} 个网址",
        "would upload {uploads} file(s) ({size}), delete {deletes}, keep {kept} unneeded file(s) until their "
        "grace period ends, leave {unchanged} unchanged; purge {purges} URL(s)",
    ),
    "deploy_done": (
        "✓ 已部署到 {target}：上传 {uploads} 个文件（{size}），删除 {deletes} 个，{unchanged} 个没变，"
        "用时 {seconds} 秒",
        "✓ deployed to {target}: {uploads} file(s) uploaded ({size}), {deletes} deleted, {unchanged} "
        "unchanged, in {seconds} s",
    ),
    "deploy_nothing": (
        "✓ {target} 上已是最新，没有上传任何文件（{unchanged} 个文件没变），用时 {seconds} 秒",
        "✓ {target} is up to date, nothing uploaded ({unchanged} files unchanged), in {seconds} s",
    ),
    "deploy_purge_ok": ("✓ 已刷新 CDN 上的 {count} 个网址", "✓ purged {count} URL(s) from the CDN"),
    "deploy_purge_failed": (
        "⚠ 刷新 CDN 失败（{count} 个网址）：{reason}。网站已更新，CDN 在缓存时间过后也会显示新页面",
        "⚠ the CDN purge failed ({count} URLs): {reason}. The site is updated; the CDN shows the new pages "
        "once their cache time ends",
    ),
    "deploy_purge_skipped": ("⚠ {reason}", "⚠ {reason}"),
    "deploy_purge_too_many": (
        "这次改动了 {count} 个网址，太多了，没有逐个刷新 CDN（会用掉每天的刷新额度）：页面在缓存时间过后更新",
        "{count} URLs changed, too many to purge one by one (it would use up the daily quota): the pages "
        "update once their cache time ends",
    ),
    "deploy_purge_not_run": ("无法运行刷新命令：{detail}", "could not run the purge command: {detail}"),
    "deploy_purge_timeout": (
        "刷新命令超时，已终止（时限可以用 QUNMA_DEPLOY_PURGE_TIMEOUT 调整）",
        "the purge command timed out and was stopped (QUNMA_DEPLOY_PURGE_TIMEOUT sets the limit)",
    ),
    "deploy_purge_exit": (
        "刷新命令以退出码 {code} 结束：{said}",
        "the purge command exited with code {code}: {said}",
    ),
    # --- qunma sync --commit / --push: sync by cron on a machine with a fixed IP ----------------------
    "sync_git_not_repo": (
        "{dir} 不在 git 仓库里：--commit/--push 要在仓库的克隆里运行（见 README“从固定 IP 同步”）",
        "{dir} is not in a git repository: --commit/--push run in a clone of the repository (see the "
        'README, "Sync from a fixed IP")',
    ),
    "sync_git_dirty": (
        "这个克隆里有没提交的改动（{paths}）：--commit/--push 只在专门给它用的、干净的克隆里运行，"
        "不会把别人的改动一起提交。请提交或撤销这些改动",
        "this clone has uncommitted changes ({paths}): --commit/--push run only in a clean clone of their "
        "own, so nobody's changes are committed with the counts. Commit or undo them",
    ),
    "sync_git_detached": (
        "这个克隆没有在某个分支上（detached HEAD）：请先 git checkout main",
        "this clone is on no branch (detached HEAD): git checkout main first",
    ),
    "sync_git_failed": ("{command} 失败：{detail}", "{command} failed: {detail}"),
    "sync_git_timeout": (
        "{command} 没有在 {seconds} 秒内完成，已终止（网络不通，或者在等密码？请用部署密钥）",
        "{command} did not finish within {seconds} s and was stopped (no network, or waiting for a "
        "password? use a deploy key)",
    ),
    "sync_git_diverged": (
        "本地的 {branch} 和 {remote} 上的不一致（有没推送的提交）：这个克隆只给 qunma sync 用，"
        "可以用 git reset --hard {remote}/{branch} 对齐",
        "the local {branch} and {remote}'s have diverged (commits not pushed): this clone is qunma sync's "
        "own; align it with git reset --hard {remote}/{branch}",
    ),
    "sync_git_unchanged": (
        "人数没有变化：没有提交",
        "no member count changed: nothing committed",
    ),
    "sync_git_committed": (
        "✓ {count} 个群的人数有变化，已提交 {file}",
        "✓ {count} group count(s) changed: committed {file}",
    ),
    "sync_git_pushed": ("✓ 已推送到 {remote} 的 {branch}", "✓ pushed to {branch} on {remote}"),
    "sync_git_remote_had_it": (
        "远端刚好已经有这些人数：没有再提交",
        "the remote already had these counts: nothing more to commit",
    ),
    "sync_git_rejected_twice": (
        "推送到 {remote} 的 {branch} 两次都被拒绝（远端一直在变）：{detail}。本地已恢复原样，"
        "下一次定时运行会重新读取人数",
        "pushing to {branch} on {remote} was rejected twice (the remote keeps changing): {detail}. The clone "
        "is back as it was; the next scheduled run reads the counts again",
    ),
    "sync_git_push_failed": (
        "推送到 {remote} 的 {branch} 失败：{detail}。本地已恢复原样，下一次定时运行会重新读取人数。"
        "请检查部署密钥（Settings → Deploy keys，勾选 Allow write access）",
        "pushing to {branch} on {remote} failed: {detail}. The clone is back as it was; the next scheduled "
        "run reads the counts again. Check the deploy key (Settings → Deploy keys, Allow write access)",
    ),
}
