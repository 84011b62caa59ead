"""Messages of the bounded HTTP client (generator/common/httpclient.py): part of the catalogue in i18n.py.

Each says what a server did, in words a marketer can pass on; every remote value in them is escaped first.
"""

from __future__ import annotations

NET_MESSAGES: dict[str, tuple[str, str]] = {
    "net_deadline": (
        "没有在 {seconds} 秒内完成（这是整个命令联网的时限，可以用环境变量 QUNMA_NET_DEADLINE 调整）",
        "it did not finish within {seconds} s (the whole command's network deadline; "
        "the environment variable QUNMA_NET_DEADLINE changes it)",
    ),
    "net_bad_deadline": (
        "环境变量 {name} 的值“{value}”不是秒数：请写大于 0、不超过 3600 的数，例如 60，或者删掉它用默认值",
        'the environment variable {name} is "{value}", not a number of seconds: '
        "write a number above 0 and at most 3600, e.g. 60, or unset it to use the default",
    ),
    "net_too_large": ("回答超过了 {size} 的上限", "the answer is larger than the {size} limit"),
    "net_redirect_away": (
        "网址跳转到了别处（{target}）：只跟随同一网站内的跳转，请直接写跳转后的网址",
        "it redirects elsewhere ({target}): only redirects within the same site are followed; "
        "use the address it redirects to",
    ),
    "net_redirects": ("跳转超过 {count} 次", "more than {count} redirects"),
    "net_redirect_method": (
        "服务器把请求跳转到了别处（HTTP {status}）",
        "the server redirects the request (HTTP {status})",
    ),
    "net_bad_url": ("“{url}”不是有效的网址", '"{url}" is not a valid address'),
    "net_no_host": ("域名 {host} 查不到地址", "the host name {host} has no address"),
    "net_dns": ("域名 {host} 解析失败（{detail}）", "looking up the host name {host} failed ({detail})"),
    "net_refused": ("{host} 拒绝连接", "{host} refuses connections"),
    "net_timeout": ("{host} 没有及时回答（超时）", "{host} did not answer in time (timed out)"),
    "net_tls": (
        "{host} 的 HTTPS 证书无效（{detail}）",
        "the HTTPS certificate of {host} is not valid ({detail})",
    ),
    "net_broken": ("和 {host} 的连接出错（{detail}）", "the connection to {host} failed ({detail})"),
    "net_not_utf8": ("回答不是 UTF-8 文本（第 {at} 个字节）", "the answer is not UTF-8 text (at byte {at})"),
    "net_not_json": ("回答不是 JSON（{detail}）", "the answer is not JSON ({detail})"),
    "net_json_deep": (
        "回答的 JSON 嵌套超过 {limit} 层",
        "the answer's JSON is nested more than {limit} levels deep",
    ),
    "net_json_values": (
        "回答的 JSON 里有超过 {limit} 个值",
        "the answer's JSON holds more than {limit} values",
    ),
    "net_json_number": (
        "回答里有一个超过 {limit} 个字符的数字",
        "the answer holds a number longer than {limit} characters",
    ),
}
