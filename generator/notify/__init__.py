"""Chat robots: `qunma notify` tells the marketers' WeCom, Feishu and DingTalk groups what needs doing
(pools running low or empty, codes about to stop with no successor, seats running out at the current rate,
a failed sync or deploy, the QR inbox's results), once when it appears or worsens, once when it is over,
and in a daily digest.

May import: generator.errors, generator.messages, generator.model, generator.common (the one HTTP client),
generator.input (pool-history.json) and generator.plan (the rotation plan and its to-do items)."""
