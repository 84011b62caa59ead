"""Messages of qunma sync, the published-manifest check and CI: part of the catalogue in i18n.py."""

from __future__ import annotations

SYNC_MESSAGES: dict[str, tuple[str, str]] = {
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
    "sync_status_changed": (
        "{file} 在 qunma sync 读取企业微信期间又被修改了：为了不覆盖这次修改，没有写入。"
        "请重新运行 qunma sync",
        "{file} was changed while qunma sync was reading WeCom: it was not written, so as not to overwrite "
        "that change. Run qunma sync again",
    ),
    "sync_write_failed": (
        "无法写入 {file}：{detail}。{file} 保持原样",
        "could not write {file}: {detail}. {file} was left as it was",
    ),
    "sync_reason_errcode": ("企业微信返回错误 {code}（{msg}）", "WeCom answered errcode {code} ({msg})"),
    "sync_reason_errcode_bare": (
        "企业微信返回错误 {code}（没有附带说明）",
        "WeCom answered errcode {code} (with no errmsg)",
    ),
    "wecom_http": ("企业微信回答 HTTP {code}", "WeCom answered HTTP {code}"),
    "wecom_not_object": (
        "企业微信的回答不是 JSON 对象（{{…}}）",
        "WeCom's answer is not a JSON object ({{…}})",
    ),
    "wecom_no_errcode": ("企业微信的回答里没有 errcode", "WeCom's answer has no errcode"),
    "wecom_bad_errcode": (
        "企业微信的回答里 errcode 是 {value}，不是整数",
        "WeCom's answer has errcode {value}, not a whole number",
    ),
    "wecom_no_token": (
        "企业微信的回答里没有可用的 access_token",
        "WeCom's answer has no usable access_token",
    ),
    "wecom_no_members": (
        "企业微信的回答里没有成员列表 group_chat.member_list",
        "WeCom's answer has no member list (group_chat.member_list)",
    ),
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
        "这不是企业 ID 或 Secret 的问题：企业微信只接受“企业可信 IP”名单里的机器发来的请求。"
        "请在企业微信管理后台给这个 Secret 所属的应用配置企业可信 IP，"
        "加入运行 qunma sync 的机器的 IP（错误信息里 from ip 后面的地址）；"
        "GitHub 的运行机器 IP 不固定，请改在有固定 IP 的机器上运行 qunma sync",
        "this is not about the corp id or the secret: WeCom accepts calls only from the trusted IPs "
        "(企业可信IP) of the app the secret belongs to. Add the IP of the machine running qunma sync (the "
        'address after "from ip" in the message) in the WeCom admin console; GitHub\'s runners have no fixed '
        "IP, so run qunma sync from a machine that has one",
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
    "published_ok": (
        "✓ 已发布的 {count} 个网址在 campaigns.yml 里都还在",
        "✓ all {count} published addresses are still in campaigns.yml",
    ),
    # --- CI: deploy decision and job summary (issue 6) ---------------------------------------------------
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
    # --- nothing published yet: check --published and ci decide on a first deploy (CI fixes) ---------------
    "published_nothing_live": (
        "注意：{source} 上还没有发布过网站（{why}），按第一次部署处理：这次没有和线上比较，"
        "没有检查已发布的网址。网站发布以后每次都会检查；如果网站其实已经发布了，"
        "请检查网址（CI 里是仓库变量 QUNMA_SITE_URL）",
        "note: nothing is published at {source} yet ({why}), so this counts as a first deploy: nothing was "
        "compared with a live site and no published address was checked. Once the site is live every check "
        "compares; if it is live already, check the address (in CI, the repository variable QUNMA_SITE_URL)",
    ),
    "published_why_http": ("网站回答 HTTP {code}", "the site answers HTTP {code}"),
    "published_why_no_host": ("域名 {host} 查不到地址", "the host name {host} has no address"),
    "ci_deploy_nothing_live": (
        "部署：{source} 上还没有发布过网站（{why}），按第一次部署处理，指纹 {built}",
        "deploy: nothing is published at {source} yet ({why}): a first deploy, fingerprint {built}",
    ),
}
