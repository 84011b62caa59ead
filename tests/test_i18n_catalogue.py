"""The message catalogue is split over generator/messages/*.py; put together, each key is defined once."""

from __future__ import annotations

import ast
import string
from collections import Counter
from pathlib import Path

import generator
from generator.messages import MESSAGES, t
from generator.messages.load import LOAD_MESSAGES

CATALOGUE_FILES = sorted((Path(generator.__file__).parent / "messages").glob("*.py"))


def _defined_keys() -> list[tuple[str, str]]:
    """(key, file name) for every string key written in a dict literal of a catalogue module."""
    found = []
    for path in CATALOGUE_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                for key in node.keys:  # None for a `**part` entry, which merges keys defined elsewhere
                    if isinstance(key, ast.Constant) and isinstance(key.value, str):
                        found.append((key.value, path.name))
    return found


def test_the_catalogue_is_split_into_several_modules() -> None:
    names = [path.name for path in CATALOGUE_FILES]
    assert "__init__.py" in names and "load.py" in names and len(names) > 2, names


def test_no_key_is_defined_twice_so_none_silently_overrides_another() -> None:
    where: dict[str, list[str]] = {}
    for key, file in _defined_keys():
        where.setdefault(key, []).append(file)
    twice = {key: files for key, files in where.items() if len(files) > 1}
    assert not twice, f"keys defined more than once (the later one silently wins): {twice}"


def test_messages_holds_exactly_the_keys_the_catalogue_modules_define() -> None:
    defined = Counter(key for key, _ in _defined_keys())
    # A module not merged into MESSAGES would leave its keys out; a key from nowhere would be a stray.
    assert set(defined) == set(MESSAGES)
    assert len(MESSAGES) == sum(defined.values())


def test_every_key_has_both_a_chinese_and_an_english_text_that_are_valid_templates() -> None:
    formatter = string.Formatter()
    for key, texts in MESSAGES.items():
        assert isinstance(texts, tuple) and len(texts) == 2, key
        for text in texts:
            assert isinstance(text, str) and text.strip(), key
            list(formatter.parse(text))  # raises ValueError on an unbalanced { or }


def test_the_loader_messages_are_part_of_the_whole_catalogue() -> None:
    assert LOAD_MESSAGES and all(MESSAGES[key] == texts for key, texts in LOAD_MESSAGES.items())


def test_t_picks_english_only_for_en_and_fills_placeholders() -> None:
    zh, en = MESSAGES["sync_done"]
    values = {"count": 3, "file": "pool-status.yml"}
    assert t("en", "sync_done", **values) == en.format(**values) == "✓ read 3 group(s), wrote pool-status.yml"
    assert t("zh", "sync_done", **values) == t("fr", "sync_done", **values) == zh.format(**values)
    assert "3" in zh.format(**values) and "pool-status.yml" in zh.format(**values)
