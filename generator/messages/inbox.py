"""Messages of the QR inbox: qunma refresh, what check and build say about waiting images, CI's bot commit."""

from __future__ import annotations

_SAVE = "（微信里：群聊 → 聊天信息 → 群二维码 → 保存图片）"
_SAVE_EN = " (in WeChat: the group chat → chat info → group QR code → save image)"
_NAME_FILE = "把文件改名为群的 id 或群名，例如 g1.png 或 拾光咖啡福利1群.jpg"
_NAME_FILE_EN = "rename the file after the group's id or name, e.g. g1.png"
_DAY_FILE = "在文件名里写上图片上的日期，例如 g1-11月30日.png"
_DAY_FILE_EN = "write the date shown on the image in the file name, e.g. g1-11月30日.png"

INBOX_MESSAGES: dict[str, tuple[str, str]] = {
    # --- reading an image ---------------------------------------------------------------------------
    "inbox_unreadable": (
        "读不出这个文件：请重新保存一次图片放进来",
        "this file cannot be read: save the image again",
    ),
    "inbox_link": (
        "这是一个链接（symlink），不是图片文件：请把图片本身放进 qr/inbox/",
        "this is a symbolic link, not an image file: put the image itself in qr/inbox/",
    ),
    "inbox_not_file": ("这不是普通文件：请放图片文件", "this is not a regular file: put an image file here"),
    "inbox_too_large": (
        "文件太大（{size} MB，最多 {limit} MB）：群二维码图片一般只有几百 KB，请重新保存" + _SAVE,
        "the file is too large ({size} MB, at most {limit} MB): a saved group code is a few hundred KB; "
        "save it again" + _SAVE_EN,
    ),
    "inbox_format": (
        "这是 {format} 图片：只收 PNG 或 JPEG，请在微信里保存图片" + _SAVE + "或截图",
        "this is a {format} image: only PNG or JPEG; save the image from WeChat" + _SAVE_EN + " or take a "
        "screenshot",
    ),
    "inbox_format_name": (
        "{suffix} 格式不收：只收 PNG 或 JPEG，请在微信里保存图片" + _SAVE + "或截图",
        "{suffix} files are not taken: only PNG or JPEG; save the image from WeChat" + _SAVE_EN,
    ),
    "inbox_too_many_pixels": (
        "图片太大（{pixels} 像素，最多 {limit} 像素）：请放手机截图或微信保存的图片",
        "the image is too large ({pixels} pixels, at most {limit}): use a phone screenshot or the image "
        "WeChat saves",
    ),
    "inbox_not_image": (
        "不是能打开的 PNG 或 JPEG 图片（文件可能损坏或只下载了一半）：请重新保存" + _SAVE,
        "not a PNG or JPEG image that opens (damaged or half downloaded?): save it again" + _SAVE_EN,
    ),
    "inbox_no_code": (
        "图片里找不到二维码：请放从微信保存的群二维码" + _SAVE + "，或整个屏幕的截图",
        "no QR code was found in the image: use the group code saved from WeChat" + _SAVE_EN + ", or a "
        "screenshot of it",
    ),
    "inbox_several_codes": (
        "图片里有 {count} 个不同的二维码：一张图片只放一个群的二维码",
        "the image holds {count} different QR codes: one group's code per image",
    ),
    "inbox_not_link": (
        "图片里的二维码不是 https 链接（“{value}”）：请放微信群的二维码",
        'the QR code in the image is no https link ("{value}"): use a WeChat group code',
    ),
    "inbox_not_group": (
        "图片里的二维码是{kind}，不是群二维码（{value}）：请放群聊的二维码" + _SAVE,
        "the QR code in the image is {kind}, not a group code ({value}): use the group's code" + _SAVE_EN,
    ),
    "inbox_ocr_failed": (
        "读图片上的文字时出错（{detail}）：请重新安装 qunma[ocr]，或" + _NAME_FILE + "，并" + _DAY_FILE,
        "reading the text on the image failed ({detail}): reinstall qunma[ocr], or "
        + _NAME_FILE_EN
        + " and "
        + _DAY_FILE_EN,
    ),
    "inbox_ocr_models": (
        "文字识别的模型不在安装的 rapidocr 里（{folder}）："
        "请重新安装 pip install 'qunma[ocr]'（不会在运行时下载）",
        "the OCR models are missing from the installed rapidocr ({folder}): reinstall with "
        "pip install 'qunma[ocr]' (nothing is downloaded at run time)",
    ),
    # --- which group ---------------------------------------------------------------------------------
    "inbox_name_empty": (
        "图片上的群名读不出字：请" + _NAME_FILE,
        "the group name on the image has no letters or digits: " + _NAME_FILE_EN,
    ),
    "inbox_name_several": (
        "图片上的群名“{name}”对应好几个群：{groups}。请" + _NAME_FILE + "（群 id 最好）",
        'the group name "{name}" on the image fits several groups: {groups}. '
        + _NAME_FILE_EN
        + " (the id is best)",
    ),
    "inbox_naming_several": (
        "图片上的群名“{name}”符合好几个活动的 naming（{campaigns}）："
        "请把文件改名为“活动id-群id”，例如 autumn-g4.png",
        'the group name "{name}" fits the naming of several campaigns ({campaigns}): rename the file '
        "campaign-group, e.g. autumn-g4.png",
    ),
    "inbox_name_unknown": (
        "图片上的群名“{name}”在 campaigns.yml 里找不到，也不符合任何活动的 naming。最接近的群：{closest}。"
        "请在 campaigns.yml 里把群名改成和微信里一样，或" + _NAME_FILE,
        'the group name "{name}" on the image is not in campaigns.yml and fits no campaign\'s naming. '
        "The closest groups: {closest}. Write the group's name in campaigns.yml as it is in WeChat, or "
        + _NAME_FILE_EN,
    ),
    "inbox_file_several": (
        "文件名对应好几个群：{groups}。请" + _NAME_FILE,
        "the file name fits several groups: {groups}. " + _NAME_FILE_EN,
    ),
    "inbox_conflict": (
        "图片上的群名“{name}”是 {read}，但文件名说的是 {named}：请改正文件名（或删掉文件名里的群名）",
        'the group name "{name}" on the image is {read}, but the file name says {named}: correct the file '
        "name (or leave the group out of it)",
    ),
    "inbox_no_name": (
        "图片上读不出群名，文件名里也没有群的 id 或群名：请放完整的群二维码图片，或" + _NAME_FILE,
        "no group name could be read on the image and the file name names no group: use the whole saved "
        "group code, or " + _NAME_FILE_EN,
    ),
    "inbox_no_name_plain": (
        "没有安装文字识别（qunma[ocr]），只能按文件名找群，而文件名里没有群的 id 或群名：请"
        + _NAME_FILE
        + "，或安装 pip install 'qunma[ocr]'：它会自己读出图片上的群名和有效期",
        "text recognition (qunma[ocr]) is not installed, so the group is found by file name only, and this "
        "one names no group: " + _NAME_FILE_EN + ", or pip install 'qunma[ocr]', which reads the group "
        "name and date on the image by itself",
    ),
    "inbox_cannot_edit": (
        "群 {group} 在 campaigns.yml 里是用锚点、别名或合并键（& * <<）写的：只改它自己的几行会连带改别的群。"
        "请手工修改这个群，再把图片从 qr/inbox/ 移走",
        "group {group} is written with an anchor, alias or merge key (& * <<) in campaigns.yml: changing "
        "its lines would change other groups too. Edit this"
        " group by hand and take the image out of qr/inbox/",
    ),
    # --- the date ------------------------------------------------------------------------------------
    "inbox_no_day": (
        "图片上读不出有效期（“该二维码7天内(11月30日前)有效”那一行）：请放完整的群二维码图片，或" + _DAY_FILE,
        'the validity line ("该二维码7天内(11月30日前)有效") could not be read on the image: use the whole '
        "saved group code, or " + _DAY_FILE_EN,
    ),
    "inbox_no_day_plain": (
        "没有安装文字识别（qunma[ocr]），读不出图片上的有效期：请"
        + _DAY_FILE
        + "，或安装 pip install 'qunma[ocr]'：它会自己读出群名和有效期",
        "text recognition (qunma[ocr]) is not installed, so the date on the image cannot be read: "
        + _DAY_FILE_EN
        + ", or pip install 'qunma[ocr]', which reads group names and dates by itself",
    ),
    "inbox_day_unsure": (
        "图片上的有效期读成了 {month}月{day}日，但不够清楚（把握 {score}）：为了不把过期的码放上页面，"
        "请放更清楚的图片，或" + _DAY_FILE,
        "the date on the image reads as {month}/{day}, but not clearly (confidence {score}): so as never to "
        "show an expired code, use a clearer image, or " + _DAY_FILE_EN,
    ),
    "inbox_day_impossible": (
        "{month}月{day}日不是日期：请检查图片，或" + _DAY_FILE,
        "{month}/{day} is no date: check the image, or " + _DAY_FILE_EN,
    ),
    "inbox_day_past": (
        "这个码的有效期到 {month}月{day}日（{date}），已经过期或今天过期："
        "请在微信里重新生成群二维码，保存后再放进来",
        "this code is valid until {month}/{day} ({date}): it has expired or expires today. Make a new group "
        "code in WeChat, save it and put that in",
    ),
    "inbox_day_far": (
        "有效期 {month}月{day}日（{date}）在 {days} 天以后，"
        "可微信群二维码最多 7 天有效：请检查图片和手机的日期，或" + _DAY_FILE,
        "the date {month}/{day} ({date}) is {days} days away, but a WeChat group code lasts 7 days at most: "
        "check the image and the phone's date, or " + _DAY_FILE_EN,
    ),
    # --- several images, what is kept ---------------------------------------------------------------------
    "inbox_superseded": (
        "同一个群（{group}）还有一张更新的图片 {kept}（有效期到 {day}）：这张没有使用，已从 qr/inbox/ 移走",
        "a newer image of the same group ({group}) came too, {kept} (valid until {day}): this one was not "
        "used and is taken out of qr/inbox/",
    ),
    "inbox_same_code": (
        "{group} 在 campaigns.yml 里已经是这个码：没有改动，已从 qr/inbox/ 移走",
        "{group} has this very code in campaigns.yml already: nothing changed; taken out of qr/inbox/",
    ),
    "inbox_stale": (
        "比 campaigns.yml 里 {group} 现在的码旧（这张有效期到 {day}，"
        "现在的到 {current}）：没有使用，已从 qr/inbox/ 移走",
        "older than the code {group} has in campaigns.yml (this one is valid until {day}, the current one "
        "until {current}): not used, taken out of qr/inbox/",
    ),
    # --- qunma refresh ------------------------------------------------------------------------------
    "inbox_applied": (
        "{image} → {name}（{ref}）：有效期到 {day}，图片存为 {stored}",
        "{image} → {name} ({ref}): valid until {day}, image kept as {stored}",
    ),
    "inbox_applied_new": (
        "{image} → 新群 {name}（{ref}，加在活动群池的最后）：有效期到 {day}，图片存为 {stored}",
        "{image} → new group {name} ({ref}, added at the end of the campaign's pool): valid until {day}, "
        "image kept as {stored}",
    ),
    "inbox_applied_permanent": (
        "{image} → {name}（{ref}）：企业微信永久码，图片存为 {stored}",
        "{image} → {name} ({ref}): a permanent WeCom code, image kept as {stored}",
    ),
    "inbox_from_file": ("（按文件名找到的群）", " (group found by the file name)"),
    "inbox_nothing": ("qr/inbox/ 里没有图片：没有要更新的", "qr/inbox/ holds no image: nothing to update"),
    "inbox_dry_run": (
        "（试运行：什么都没有改，图片还在 qr/inbox/ 里）",
        "(dry run: nothing was changed, the images are still in qr/inbox/)",
    ),
    "inbox_done": (
        "✓ 更新了 {count} 个群，qr/inbox/ 移走了 {removed} 张图片；提交 campaigns.yml 和 qr/ 即可",
        "✓ updated {count} group(s), took {removed} image(s) out of qr/inbox/; commit campaigns.yml and qr/",
    ),
    "inbox_hint_ocr": (
        "提示：安装文字识别 pip install 'qunma[ocr]' 后，qunma 会自己读出图片上的群名和有效期，文件名随便起",
        "tip: with text recognition installed (pip install 'qunma[ocr]') qunma reads the group name and "
        "date on each image by itself, whatever the file is called",
    ),
    "inbox_refused": (
        "qr/inbox/ 里有 {count} 张图片不能使用，所以什么都没有改（图片都还在 qr/inbox/ 里）：",
        "{count} image(s) in qr/inbox/ cannot be used, so nothing was changed (the images are all still "
        "in qr/inbox/):",
    ),
    "inbox_invalid_after": (
        "更新后的 {file} 通不过检查，所以什么都没有改（图片还在 qr/inbox/ 里）：\n{problems}",
        "the updated {file} does not pass the check, so nothing was changed (the images are still in "
        "qr/inbox/):\n{problems}",
    ),
    "inbox_changed_meanwhile": (
        "{file} 在 qunma refresh 读图片期间被修改了：为了不覆盖这次修改，"
        "什么都没有改。请重新运行 qunma refresh",
        "{file} was changed while qunma refresh was reading the images: nothing was changed, so as not to "
        "overwrite that change. Run qunma refresh again",
    ),
    "inbox_write_failed": (
        "写入失败（{detail}），所以什么都没有改（{file} 和 qr/inbox/ 都保持原样）",
        "writing failed ({detail}), so nothing was changed ({file} and qr/inbox/ are as they were)",
    ),
    "inbox_too_many": (
        "qr/inbox/ 里有 {count} 个文件，一次最多处理 {limit} 张：请分几次放",
        "qr/inbox/ holds {count} files, at most {limit} are taken at once: put them in a few at a time",
    ),
    # --- qunma check / build -------------------------------------------------------------------------
    "inbox_waiting": (
        "qr/inbox/ 里有 {count} 张图片等待 qunma refresh（CI 会自动应用）：",
        "{count} image(s) wait in qr/inbox/ for qunma refresh (CI applies them by itself):",
    ),
    "inbox_waiting_unreadable": (
        "qr/inbox/ 里有图片，但现在看不了：{detail}",
        "qr/inbox/ holds images that cannot be looked at now: {detail}",
    ),
    # --- CI: the bot commit ---------------------------------------------------------------------------
    "inbox_commit_subject": (
        "qunma refresh：从 qr/inbox/ 更新 {count} 个群的二维码",
        "qunma refresh: {count} group code(s) updated from qr/inbox/",
    ),
    "inbox_commit_subject_none": (
        "qunma refresh：移走 qr/inbox/ 里用不上的图片（没有群需要更新）",
        "qunma refresh: images set aside from qr/inbox/ (no group to update)",
    ),
    "inbox_committed": ("✓ 已提交 {sha} 并推送到 {branch}", "✓ committed {sha} and pushed it to {branch}"),
    "inbox_git_failed": ("{command} 失败：{detail}", "{command} failed: {detail}"),
    "inbox_push_failed": (
        "推送到 {branch} 失败（{detail}）：可能有人同时推送了。"
        "这次没有提交任何东西，下一次运行会重新应用 qr/inbox/",
        "pushing to {branch} failed ({detail}): someone may have pushed meanwhile. Nothing was committed "
        "this time; the next run applies qr/inbox/ again",
    ),
}
