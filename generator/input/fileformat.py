"""The format of campaigns.yml, declared once: the loader reads with it and the JSON Schema is made from it
(generator/input/schema.py). Help texts are "中文 / English": editors show them as the marketer types.
"""

from __future__ import annotations

from generator.input.bounds import MAX_MEMBERS, MAX_VALID_DAYS
from generator.input.containers import Either, ListOf, MapOf, Obj
from generator.input.imagepaths import ImagePath
from generator.input.scalars import Bool, Clock, Color, Enum, Int, Slug, Text, Timezone
from generator.input.shapes import Field, Str
from generator.input.timeshapes import Duration, Time
from generator.input.urls import Url
from generator.model import MAX_FAQ, MAX_KEYWORDS

WELCOME_PLACEHOLDERS = ("nickname", "group_name")
NAMING_PLACEHOLDERS = ("n",)
# URLs the site itself uses: /qr/ (group codes), /assets/ (theme), /staff/ (the dashboard);
# /<campaign>/rules/, /<campaign>/staff/.
RESERVED_CAMPAIGN_IDS = ("qr", "assets", "staff")
RESERVED_CHANNEL_IDS = ("rules", "staff")
PEOPLE = Int(1, MAX_MEMBERS)  # capacity, switch_at
HEADCOUNT = Int(0, MAX_MEMBERS)  # members, low_seats


def _limits(prefix: str) -> dict[str, Field]:
    """The pool settings that defaults, campaigns and (some) groups share."""
    return {
        "capacity": Field(
            PEOPLE, help=f"{prefix}群人数上限（扫码进群最多 200 人）/ member limit", example="200"
        ),
        "switch_at": Field(
            PEOPLE, help=f"{prefix}人数到这里就换下一个群 / rotate at this many members", example="190"
        ),
    }


def _pool(prefix: str) -> dict[str, Field]:
    return {
        **_limits(prefix),
        "qr_valid_days": Field(
            Int(1, MAX_VALID_DAYS, too_big="valid_days_too_big"),
            help=f"{prefix}群二维码有效天数（微信群 7 天）/ days a QR code lives",
            example="7",
        ),
        "expiry_margin": Field(
            Duration(),
            help=f"{prefix}过期前多久停止展示，如 12h、30m、2d、1d12h（不能只写数字）/ "
            "stop showing a code this long before it expires; a bare number is refused (hours or days?)",
            example="12h",
        ),
        "strategy": Field(
            Enum("fill-first", "balance"),
            help=f"{prefix}fill-first：按顺序先填满；balance：哪个群人少放哪个 / which open group to show",
            example="fill-first",
        ),
        "low_seats": Field(
            HEADCOUNT, help=f"{prefix}剩余名额少于这个数时提醒补群 / warn below this many seats", example="50"
        ),
        "low_within": Field(
            Duration(),
            help=f"{prefix}最后一个码在这段时间内过期时提醒 / warn when the last code expires within",
            example="24h",
        ),
    }


CONTACT = Obj(
    "noun_contact",
    {
        "name": Field(Str(), help="客服名称 / contact name", example="拾光咖啡客服"),
        "text": Field(
            Str(),
            required=True,
            help="没有可加入的群时显示的文字 / text shown when no group is open",
            example="请添加客服",
        ),
        "url": Field(
            Url(), help="客服链接（https）/ contact link", example="https://work.weixin.qq.com/kfid/kfc123"
        ),
        "qr": Field(
            ImagePath(decode=True),
            help="客服二维码图片（相对于 campaigns.yml）/ contact QR image",
            example="qr/kefu.png",
        ),
    },
)

RULE_SET = Obj(
    "noun_rule_set",
    {
        "who": Field(Str(), help="我们是谁 / who we are", example="拾光咖啡官方福利群"),
        "gains": Field(Str(), help="进群能得到什么 / what members gain", example="每周新品试饮名额"),
        "admins": Field(Str(), help="谁在管理这个群 / who runs the group", example="群主和店长"),
        "rules": Field(ListOf(Str()), help="群规，一条一行 / numbered rules", example="禁止发广告"),
        "penalties": Field(
            ListOf(Str()), help="违规处理，从轻到重 / the penalty ladder", example="第一次：提醒"
        ),
        "nickname": Field(Str(), help="群昵称格式 / nickname format", example="城市-昵称"),
    },
)

SITE = Obj(
    "noun_site",
    {
        "title": Field(Str(), required=True, help="网站标题 / site title", example="拾光咖啡 · 福利群"),
        "base_url": Field(
            Url(base=True),
            required=True,
            help="网站地址（https），印出去的永久码指向它 / the site's address; permanent codes point at it",
            example="https://qun.example.com/",
        ),
        "language": Field(Enum("zh", "en"), help="zh 中文 / en English", example="zh"),
        "timezone": Field(
            Timezone(), help="时区，默认 Asia/Shanghai / IANA time zone", example="Asia/Shanghai"
        ),
        "brand": Field(
            Obj(
                "noun_brand",
                {
                    "logo": Field(
                        ImagePath(), help="品牌 logo 图片 / logo image", example="site_src/assets/logo.png"
                    ),
                    "color": Field(
                        Color(),
                        help='主色，加引号："#8b5a2b" / main colour, quoted',
                        example='"#8b5a2b"',
                        empty="color_empty",
                    ),
                },
            ),
            help="品牌 / brand",
        ),
        "contact": Field(CONTACT, help="没有可加入的群时的客服 / the fallback contact"),
        "description": Field(
            Str(),
            help="网站是做什么的：首页的介绍，也是搜索结果里的描述 / what the site is: the home page's lead",
            example="扫描门店桌贴、快递包裹卡或直播间里的二维码，进入对应的福利群。",
        ),
    },
)

STATE_TEXTS = Obj(
    "noun_messages",
    {
        "not_started": Field(
            Str(),
            help="活动开始前页面上的文字 / what the page says before the start",
            example="开始后再扫这个码就能进群",
        ),
        "ended": Field(
            Str(),
            help="活动结束或下线后页面上的文字 / what the page says once it has ended",
            example="感谢参与！",
        ),
    },
)

DEFAULTS = Obj(
    "noun_defaults",
    {
        **_pool("默认"),
        "status_max_age": Field(
            Duration(),
            help="pool-status.yml 多久没更新就提醒 / warn when pool-status.yml is older than",
            example="6h",
        ),
        "warn_before": Field(
            Duration(),
            help="qunma notify：码在这段时间内停止展示、又没有接替的群时提醒换码 / "
            "notify when a code with no successor stops being shown within",
            example="24h",
        ),
        "digest_at": Field(
            Clock(),
            help='qunma notify：每天几点发一次汇总（网站时区），加引号："09:00" / '
            "the daily digest's local time, quoted",
            example='"09:00"',
        ),
    },
)

GROUP = Obj(
    "noun_group",
    {
        "id": Field(
            Slug(prefix="g"),
            required=True,
            help="群 id：小写字母、数字和 -，发布后不要改 / stable id",
            example="g1",
        ),
        "name": Field(Str(), required=True, help="群名称 / group name", example="拾光咖啡福利1群"),
        "url": Field(
            Url(group=True),
            help="群二维码里的进群链接：https://weixin.qq.com/g/… 或 https://work.weixin.qq.com/gm/… / "
            "the group's join link",
            example="https://weixin.qq.com/g/AQYAAA",
        ),
        "qr": Field(
            ImagePath(decode=True),
            help="从微信保存的群二维码图片 / QR image saved from WeChat",
            example="qr/g1.png",
        ),
        "issued": Field(
            Time(),
            help="二维码生成时间，如 2026-11-20 10:00 / when the QR was generated",
            example="2026-11-20 10:00",
        ),
        "expires": Field(
            Time(allow_never=True),
            help="过期时间；企业微信永久码写 never / expiry, or never",
            example="never",
        ),
        "members": Field(HEADCOUNT, help="当前人数（pool-status.yml 优先）/ member count", example="150"),
        **_limits(""),
        "paused": Field(Bool(), help="true：暂停展示 / true: do not show", example="true"),
        "channels": Field(
            ListOf(Slug(), min_items=1, empty="group_no_channel"),
            help="只给这些渠道用（渠道 id）/ serve only these channels",
            example="[live]",
        ),
        "chat_id": Field(
            Str(strict=True),
            help="企业微信客户群 id，用于 qunma sync / WeCom group id",
            example="wrOgQhDgAAA",
        ),
    },
    needs_one=((("url", "qr"), "group_needs_link"), (("issued", "expires"), "group_needs_expiry")),
)

CAMPAIGN = Obj(
    "noun_campaign",
    {
        "id": Field(
            Slug(reserved=RESERVED_CAMPAIGN_IDS),
            required=True,
            help="活动 id，就是网址 /id/，发布后不要改 / stable URL slug",
            example="autumn",
        ),
        "title": Field(Str(), required=True, help="活动标题 / title", example="秋冬新品福利群"),
        "type": Field(
            Enum("pond", "transit", "core"), help="pond 鱼塘群 / transit 中转群 / core 核心群", example="pond"
        ),
        "starts": Field(Time(), help="开始时间 / start", example="2026-11-01"),
        "ends": Field(
            Time(end_of_day=True),
            help="结束时间（只写日期表示当天结束）/ end (a date: the end of that day)",
            example="2027-02-28",
        ),
        "archived": Field(Bool(), help="true：活动下线，页面保留 / retired; its page stays", example="true"),
        "description": Field(
            Str(), help="这个群是做什么的 / what the group is for", example="每周三发新品试饮名额"
        ),
        "benefits": Field(ListOf(Str()), help="进群福利 / benefits", example="进群领 10 元券"),
        "welcome": Field(
            Text(*WELCOME_PLACEHOLDERS),
            help="欢迎语，可用 {nickname}、{group_name} / welcome copy with placeholders",
            example="欢迎 {nickname} 加入{group_name}！",
        ),
        "rules": Field(
            Either(Str(strict=True), RULE_SET, "expect_rules"),
            required=True,
            help="群规：rule_sets 里的名字，或直接写出 / a rule-set name or inline rules",
            example="standard",
            later=True,  # the fix names a rule set of this file (assemble._rules)
        ),
        **_pool(""),
        "naming": Field(
            Text(*NAMING_PLACEHOLDERS),
            help="群命名规则，{n} 是序号 / group naming, {n} = number",
            example="福利{n}群",
        ),
        "channels": Field(
            ListOf(
                Obj(
                    "noun_channel",
                    {
                        "id": Field(
                            Slug(reserved=RESERVED_CHANNEL_IDS),
                            required=True,
                            help="渠道 id，就是网址 /活动/渠道/ / URL slug",
                            example="store",
                        ),
                        "name": Field(Str(), required=True, help="渠道名称 / name", example="门店桌贴"),
                    },
                )
            ),
            help="渠道：每个渠道一个页面和一张永久码 / channels: one page and permanent code each",
        ),
        "fallback": Field(
            CONTACT, help="没有可加入的群时显示（不写链接则用网站客服的）/ shown when no group is open"
        ),
        "messages": Field(
            STATE_TEXTS,
            help="活动未开始、已结束时页面上的文字（群满时的文字写在 fallback.text）/ "
            "what the page says before the start and after the end (when full: fallback.text)",
        ),
        "avatar": Field(
            ImagePath(),
            help="群头像，显示在群码上方（可选）/ group avatar shown with the code",
            example="qr/avatar.png",
        ),
        "show_members": Field(
            Bool(),
            help="true：群码上方显示“已有 N 人加入”（人数来自 pool-status.yml）/ show how many have joined",
            example="true",
        ),
        "faq": Field(
            ListOf(
                Obj(
                    "noun_faq",
                    {
                        "keywords": Field(
                            ListOf(Str(), min_items=1, max_items=MAX_KEYWORDS),
                            required=True,
                            help="关键词（最多 10 个）/ keywords (at most 10)",
                            example="[领券, 优惠券]",
                        ),
                        "answer": Field(
                            Str(), required=True, help="自动回复 / the answer", example="点击群公告领取"
                        ),
                    },
                ),
                max_items=MAX_FAQ,
            ),
            help="自动回复（企业微信最多 100 条）/ auto-replies (WeCom: at most 100)",
        ),
        "schedule": Field(
            ListOf(
                Obj(
                    "noun_schedule",
                    {
                        "time": Field(
                            Clock(), required=True, help="时间 HH:MM / time of day", example='"09:00"'
                        ),
                        "content": Field(
                            Str(), required=True, help="内容 / what happens", example="早安问候"
                        ),
                    },
                )
            ),
            help="每日运营安排 / daily timetable",
        ),
        "groups": Field(ListOf(GROUP), help="群，按顺序轮换 / the groups, in rotation order"),
    },
)

DOCUMENT = Obj(
    "noun_document",
    {
        "site": Field(SITE, required=True, help="网站设置 / the site"),
        "defaults": Field(
            DEFAULTS, help="每个活动和群继承的默认值 / values every campaign and group inherits"
        ),
        "rule_sets": Field(MapOf(RULE_SET), help="可复用的群规，按名字引用 / named, reusable group rules"),
        "campaigns": Field(ListOf(CAMPAIGN), required=True, help="活动列表 / the campaigns"),
    },
)
