"""Reading names and dates on saved group codes: a corpus of drawn cards in the ways phones save them
(the card, a whole 1080 px screenshot, JPEG at quality 50-70, scaled down to 540 and 360 px, dark mode,
a long name cut with "…", emoji in names, December and January dates), the share read right per variant
(the table goes to test-output/inbox-ocr.md), and never a wrong group or a later day. The reader works
offline and writes nothing; a check or build with an empty inbox does not load it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from inboxcards import Look, card, encoded, group_link, screenshot, validity_line

from generator.errors import QunmaError
from generator.inbox import ocr
from generator.inbox.dates import BadDay
from generator.inbox.decide import decide
from generator.inbox.matching import NoMatch
from generator.inbox.reading import Refused, read_image
from generator.input.load import load_project

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")
NOW = datetime.fromisoformat("2026-12-28T10:00+08:00")  # the corpus's days are December's and January's

# (group id, name as in WeChat, last valid day)
GROUPS = [
    ("g3", "拾光咖啡福利3群", (12, 30)),
    ("g12", "☕拾光咖啡福利12群", (12, 31)),  # an emoji the reader sees as a stray character
    ("long", "拾光咖啡·上海徐汇滨江旗舰店会员专属福利群二十七", (1, 3)),  # cut by WeChat with "…"
    ("vip", "VIP黑金会员A群🎉", (1, 2)),  # an emoji the font lacks: a box, as a phone without it
]
DECOYS = ["拾光咖啡福利2群", "拾光咖啡福利13群", "黑金会员A群", "拾光咖啡福利1群"]
# name → (screenshot?, dark?, width (None: as drawn), JPEG quality (None: PNG))
VARIANTS = {
    "card PNG": (False, False, None, None),
    "card JPEG q50": (False, False, None, 50),
    "card 540 px JPEG q60": (False, False, 540, 60),
    "card 360 px JPEG q70": (False, False, 360, 70),
    "screenshot PNG": (True, False, None, None),
    "screenshot JPEG q55": (True, False, None, 55),
    "screenshot 540 px JPEG q65": (True, False, 540, 65),
    "screenshot 360 px JPEG q70": (True, False, 360, 70),
    "dark card JPEG q60": (False, True, None, 60),
    "dark screenshot JPEG q60": (True, True, None, 60),
    "dark screenshot 540 px JPEG q65": (True, True, 540, 65),
    "dark screenshot 360 px JPEG q70": (True, True, 360, 70),
}
# The least share of the corpus read right (group and day), overall and per variant; measured: all of it.
FLOOR, VARIANT_FLOOR = 0.9, 0.75


def corpus_project(folder: Path) -> Path:
    groups = [(gid, name) for gid, name, _ in GROUPS] + [(f"d{i}", name) for i, name in enumerate(DECOYS)]
    lines = [
        "site:",
        "  title: t",
        "  base_url: https://qun.example/",
        "campaigns:",
        "  - id: c",
        "    title: c",
    ]
    lines += ["    rules: {rules: [r]}", "    groups:"]
    for index, (gid, name) in enumerate(groups):
        link = group_link(f"old {gid}")
        lines += [f"      - id: {gid}", f"        name: {json.dumps(name, ensure_ascii=False)}"]
        lines += [f"        url: {link}", f"        issued: 2026-12-2{index % 3} 10:00"]
    (folder / "campaigns.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "campaigns.yml"


@dataclass
class Row:
    right: int = 0
    refused: int = 0
    wrong: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    misses: list[str] | None = None


@pytest.fixture(scope="module")
def accuracy(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Row]:
    """Each variant of each group's card, read and decided as `qunma refresh` does."""
    folder = tmp_path_factory.mktemp("corpus")
    project = load_project(corpus_project(folder), now=NOW)
    reader = ocr.Reader("zh")
    rows: dict[str, Row] = {}
    reader.lines(card("x", "y", group_link("warm")), (120, 290, 780, 950))  # the engine's first run is slow
    for variant, (shot, dark, width, jpeg) in VARIANTS.items():
        row = rows[variant] = Row(misses=[])
        for gid, name, day in GROUPS:
            look = Look(dark=dark)
            image = card(name, validity_line(*day), group_link(f"new {gid}"), look)
            path = folder / f"{variant}-{gid}".replace(" ", "_")
            path.write_bytes(encoded(screenshot(image, look) if shot else image, width=width, jpeg=jpeg))
            started, cpu = time.perf_counter(), time.process_time()
            try:
                decision = decide(read_image(path, reader, "https://qun.example/"), project, NOW, ocr=True)
            except (Refused, NoMatch, BadDay) as exc:
                row.refused += 1
                row.misses.append(f"{gid}: refused ({exc.key})")  # type: ignore[union-attr]
                continue
            finally:
                row.seconds += time.perf_counter() - started
                row.cpu += time.process_time() - cpu
            expected = (datetime(2026 + (day[0] == 1), *day).date(), gid)
            if (decision.last, decision.target.group.id if decision.target.group else None) == expected:
                row.right += 1
            else:
                row.wrong += 1
                row.misses.append(f"{gid}: read as {decision.target.name} / {decision.last}")  # type: ignore[union-attr]
    _report(rows)
    return rows


def _report(rows: dict[str, Row]) -> None:
    lines = ["| variant | right | refused | wrong | s / image | CPU s / image |", "|---|---|---|---|---|---|"]
    for variant, row in rows.items():
        per_image = f"{row.seconds / len(GROUPS):.2f} | {row.cpu / len(GROUPS):.2f}"
        lines.append(f"| {variant} | {row.right}/{len(GROUPS)} | {row.refused} | {row.wrong} | {per_image} |")
    total = sum(row.right for row in rows.values())
    lines.append(f"| **all** | {total}/{len(GROUPS) * len(rows)} | | | | |")
    out = REPO / "test-output"
    out.mkdir(exist_ok=True)
    (out / "inbox-ocr.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n" + "\n".join(lines))


def test_no_image_is_ever_taken_for_another_group_or_a_later_day(accuracy: dict[str, Row]) -> None:
    wrong = {variant: row.misses for variant, row in accuracy.items() if row.wrong}
    assert not wrong  # refusing is safe (the marketer is told); a wrong group or day shows a wrong code


def test_names_and_dates_are_read_on_most_of_the_corpus(accuracy: dict[str, Row]) -> None:
    total = sum(row.right for row in accuracy.values()) / (len(GROUPS) * len(accuracy))
    assert total >= FLOOR, {variant: row.misses for variant, row in accuracy.items()}
    for variant, row in accuracy.items():
        assert row.right / len(GROUPS) >= VARIANT_FLOOR, (variant, row.misses)


def test_a_cut_name_two_groups_begin_with_is_refused_not_guessed(tmp_path: Path) -> None:
    campaigns = corpus_project(tmp_path)
    text = campaigns.read_text(encoding="utf-8") + (
        "      - id: twin\n        name: 拾光咖啡·上海徐汇滨江旗舰店会员专属福利群二十八\n"
        f"        url: {group_link('twin')}\n        issued: 2026-12-20 10:00\n"
    )
    campaigns.write_text(text, encoding="utf-8")
    project = load_project(campaigns, now=NOW)
    path = tmp_path / "cut.png"  # (a file name naming a group would choose it: see decide.py)
    long_name = GROUPS[2][1]
    path.write_bytes(encoded(screenshot(card(long_name, validity_line(1, 3), group_link("x"))), jpeg=60))
    with pytest.raises(NoMatch) as refused:
        decide(read_image(path, ocr.Reader("zh"), "https://qun.example/"), project, NOW, ocr=True)
    assert refused.value.key == "inbox_name_several"
    assert "c/long" in str(refused.value.values["groups"]) and "c/twin" in str(refused.value.values["groups"])


OFFLINE = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("the network was used")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.getaddrinfo = refuse
socket.create_connection = refuse
from pathlib import Path
from generator.inbox import ocr
from generator.inbox.reading import read_image
reading = read_image(Path(sys.argv[1]), ocr.Reader("zh"), "https://qun.example/")
print(reading.text.name, reading.text.day)
"""


def test_the_reader_works_offline_and_writes_nothing(tmp_path: Path) -> None:
    from importlib import resources

    package = Path(str(resources.files("rapidocr")))
    before = {path: path.stat().st_mtime_ns for path in package.rglob("*") if "__pycache__" not in path.parts}
    image = tmp_path / "g3.png"
    image.write_bytes(encoded(card("拾光咖啡福利3群", validity_line(12, 30), group_link("offline"))))
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", OFFLINE, str(image)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "拾光咖啡福利3群 (12, 30)\n"
    assert done.stderr == ""  # RapidOCR's own logging is silenced
    after = {path: path.stat().st_mtime_ns for path in package.rglob("*") if "__pycache__" not in path.parts}
    assert after == before  # no model downloaded into the package, nothing rewritten
    assert sorted(tmp_path.iterdir()) == [image]  # nor into the home or cache folder


def test_missing_models_are_an_error_never_a_download(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(ocr.resources, "files", lambda package: tmp_path)  # a rapidocr without its models
    with pytest.raises(QunmaError, match="不会在运行时下载"):
        ocr._model_paths("zh")


COST = """
import sys
from click.testing import CliRunner
from generator.cli import main
result = CliRunner().invoke(main, ["check", "--now", "2026-11-23T10:00+08:00", "--campaigns", sys.argv[1]])
assert result.exit_code == 0, result.output
heavy = ("rapidocr", "onnxruntime", "cv2", "generator.inbox.")
print(sorted(name for name in sys.modules if name.startswith(heavy)))
"""


@pytest.mark.parametrize("inbox", ["missing", "empty", "notes only"])
def test_a_check_with_no_image_waiting_loads_no_reader(example_dir: Path, inbox: str) -> None:
    if inbox != "missing":
        (example_dir / "qr" / "inbox").mkdir(parents=True, exist_ok=True)
    if inbox == "notes only":
        (example_dir / "qr" / "inbox" / "README.md").write_text("放群二维码", encoding="utf-8")
        (example_dir / "qr" / "inbox" / ".gitkeep").write_text("", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", COST, str(example_dir / "campaigns.yml")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == "['generator.inbox.folder']\n"
