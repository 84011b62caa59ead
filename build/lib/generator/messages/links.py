"""The loader's messages about join links, image paths and the site's address (issue 11): what a link or
an image actually is, why it cannot be published, and what to write instead.
"""

from __future__ import annotations

_GROUP_FORMS_ZH = (
    "微信群在群聊的“聊天信息 → 群二维码”里保存图片，企业微信客户群用“加入群聊”的二维码；"
    "群链接以 https://weixin.qq.com/g/ 或 https://work.weixin.qq.com/gm/ 开头"
)
_GROUP_FORMS_EN = (
    "save a WeChat group's code from its \"Chat Info → Group QR Code\", a WeCom customer group's from "
    '"Join Group Chat"; group links start with https://weixin.qq.com/g/ or https://work.weixin.qq.com/gm/'
)

LINK_MESSAGES: dict[str, tuple[str, str]] = {
    # --- what a link is --------------------------------------------------------------------------
    "link_kind_wechat_contact": (
        "微信个人名片（扫码加好友）",
        "a personal WeChat contact card (adds a friend)",
    ),
    "link_kind_wecom_contact": (
        "企业微信成员名片或“联系我”码（扫码加好友）",
        'a WeCom contact card or "contact me" code (adds a contact)',
    ),
    "link_kind_customer_service": ("微信客服链接", "a WeChat customer-service link"),
    "link_kind_official_account": ("公众号（扫码关注公众号）", "an official account (scanning follows it)"),
    "link_kind_article": ("公众号文章", "an official-account article"),
    "link_kind_mini_program": ("小程序码", "a mini program code"),
    "link_kind_payment": ("微信收款码", "a WeChat payment code"),
    "link_kind_qq": ("QQ 的链接（QQ 群或 QQ 好友）", "a QQ link (a QQ group or contact)"),
    "link_kind_group_broken": ("不完整的群链接", "an incomplete group link"),
    "link_kind_site_page": (
        "这个网站自己的页面（永久码指向的地址）",
        "a page of this very site (what its entry codes point at)",
    ),
    "link_kind_web_page": ("普通网页（{host}）", "a web page on {host}"),
    "link_what_url": ("链接“{value}”", 'the link "{value}"'),
    "link_what_image": ("图片 {path} 里的链接", "the link in {path}"),
    # --- a group's link --------------------------------------------------------------------------
    "group_url_not_group": (
        "链接“{value}”是{kind}，不能当作进群链接：{fix}",
        'the link "{value}" is {kind}, which cannot serve as a group\'s join link: {fix}',
    ),
    "group_qr_not_group": (
        "图片 {path} 里的二维码（{value}）是{kind}，不能当作群二维码：{fix}",
        "the code in {path} ({value}) is {kind}, which cannot serve as a group's QR code: {fix}",
    ),
    "group_fix_contact": (
        f"顾客扫了只会加好友，进不了群。请换成群二维码（{_GROUP_FORMS_ZH}）；"
        "要给顾客留客服，请写在 fallback 或 site.contact 里",
        f"customers who scan it add a contact and never reach the group. Use the group's code instead "
        f"({_GROUP_FORMS_EN}); put a contact under fallback or site.contact",
    ),
    "group_fix_loop": (
        f"顾客扫了只会回到这个网站，进不了群。请换成群二维码（{_GROUP_FORMS_ZH}）",
        f"customers who scan it come back to this site and never reach a group. Use the group's code instead "
        f"({_GROUP_FORMS_EN})",
    ),
    "group_fix_broken": (
        f"请重新复制完整的链接，或重新保存群二维码（{_GROUP_FORMS_ZH}）",
        f"copy the whole link again, or save the group's code again ({_GROUP_FORMS_EN})",
    ),
    "group_fix": (
        f"顾客扫了进不了群。请换成群二维码（{_GROUP_FORMS_ZH}）",
        f"customers who scan it never reach a group. Use the group's code instead ({_GROUP_FORMS_EN})",
    ),
    # --- the fallback contact --------------------------------------------------------------------
    "contact_url_not_contact": (
        "链接“{value}”是{kind}，不能当客服：{fix}",
        'the link "{value}" is {kind}, which cannot serve as the contact: {fix}',
    ),
    "contact_qr_not_contact": (
        "图片 {path} 里的二维码（{value}）是{kind}，不能当客服：{fix}",
        "the code in {path} ({value}) is {kind}, which cannot serve as the contact: {fix}",
    ),
    "contact_fix": (
        "请换成客服的二维码或链接，如个人微信名片（https://u.wechat.com/…）、企业微信“联系我”"
        "（https://work.weixin.qq.com/u/…）或微信客服（https://work.weixin.qq.com/kfid/…）",
        "use the contact's code or link instead, e.g. a WeChat contact card (https://u.wechat.com/…), "
        'a WeCom "contact me" code (https://work.weixin.qq.com/u/…) or WeChat customer service '
        "(https://work.weixin.qq.com/kfid/…)",
    ),
    "contact_fix_loop": (
        "没有群可加时顾客扫了只会回到这个页面，联系不上任何人。请换成客服的二维码或链接，如微信客服 "
        "https://work.weixin.qq.com/kfid/…",
        "when no group is open, customers who scan it come back to this page and reach nobody. Use the "
        "contact's code or link instead, e.g. WeChat customer service https://work.weixin.qq.com/kfid/…",
    ),
    # --- QR capacity -----------------------------------------------------------------------------
    "link_too_long": (
        "{what}太长（{length} 字节），二维码装不下：最多 {limit} 字节"
        "（字母、数字和符号每个 1 字节，汉字 3 字节）。请检查是不是多复制了内容",
        "{what} is too long for a QR code ({length} bytes; at most {limit}: a byte for each letter, digit "
        "or sign, 3 for a Chinese character). Check that nothing else was pasted with it",
    ),
    "entry_link_too_long": (
        "永久码的网址 {url} 太长（{length} 字节），{code}最多装 {limit} 字节：请把 base_url 或这个 id 改短",
        "the entry code's address {url} is too long ({length} bytes; {code} holds at most {limit}): shorten "
        "base_url or this id",
    ),
    "entry_code_logo": ("带 logo 的二维码", "a QR code with the logo"),
    "entry_code_plain": ("二维码", "a QR code"),
    # --- image paths ------------------------------------------------------------------------------
    "image_absolute": (
        "图片 {path} 写的是绝对路径：qunma 只读项目文件夹（campaigns.yml 所在的 {root}）里的文件。"
        "请把图片复制到项目里，写相对路径，例如 qr/{name}",
        "the image {path} is an absolute path: qunma reads only files inside the project (the folder of "
        "campaigns.yml, {root}). Copy the image into the project and write a relative path, e.g. qr/{name}",
    ),
    "image_outside": (
        "图片 {path} 在项目文件夹（campaigns.yml 所在的 {root}）之外：qunma 只读项目里的文件。请把图片复制到"
        "项目里，例如 qr/{name}，并改成这个路径",
        "the image {path} is outside the project (the folder of campaigns.yml, {root}): qunma reads only "
        "files inside it. Copy the image into the project, e.g. qr/{name}, and write that path",
    ),
    "image_link_outside": (
        "{path} 是一个指向项目文件夹之外的链接（symlink）：qunma 只读项目（{root}）里的文件。"
        "请把图片本身复制到这个位置，替换这个链接",
        "{path} is a symbolic link leading outside the project ({root}): qunma reads only files inside it. "
        "Copy the image itself there in place of the link",
    ),
    "image_not_file": (
        "{path} 不是普通文件（是设备、管道或其他特殊文件）：请换成 PNG 或 JPG 图片文件",
        "{path} is not a regular file (a device, a pipe or another special file): use a PNG or JPG file",
    ),
    "image_too_large": (
        "图片 {path} 太大（{size} MB，最多 {limit} MB）：二维码图片不需要这么大，请换成原图或截图",
        "the image {path} is too large ({size} MB; at most {limit} MB): save the QR code again, or a "
        "screenshot of it",
    ),
    # --- the site's address ----------------------------------------------------------------------
    "base_url_char": (
        "base_url“{value}”里有不能出现在网址里的字符“{char}”：只写网站的地址，如 https://qun.example.com/",
        'base_url "{value}" contains "{char}", which has no place in a site\'s address: write it like '
        "https://qun.example.com/",
    ),
    "base_url_userinfo": (
        "base_url“{value}”里有用户名或密码（@ 前面的部分）：请删掉，只写网站的地址，如 https://qun.example.com/",
        'base_url "{value}" holds a user name or password (before "@"): remove it and write the site\'s '
        "address only, e.g. https://qun.example.com/",
    ),
    "base_url_host": (
        "base_url“{value}”的域名不对：域名只能有字母、数字、“-”和“.”，如 qun.example.com"
        "（中文域名请写成 xn-- 开头的形式）",
        'base_url "{value}" has no valid host name: letters, digits, "-" and "." only, e.g. '
        "qun.example.com (write an internationalised name in its xn-- form)",
    ),
}
