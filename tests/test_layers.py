"""The architecture as a test: which part of generator/ may import which (DESIGN.md's picture, kept true).

Each part is a subpackage or a top-level module of generator/. Lazy imports inside functions count too: a
layer is about what a stage may know, not about when it is loaded.
"""

from __future__ import annotations

import ast
from pathlib import Path

import generator

PACKAGE = Path(generator.__file__).parent

BASE = {"errors", "messages"}
STAGES = {"model", "common", "input", "plan", "qr", "render"}  # the pipeline before the site is put together
# part → the other parts it may import. A new part must be added here, with what it may use.
ALLOWED: dict[str, set[str]] = {
    "messages": set(),
    "errors": set(),
    "common": BASE,
    "model": {"errors"},
    "qr": BASE | {"common"},
    "input": BASE | {"model", "common", "qr"},
    "plan": BASE | {"model"},
    "render": BASE | {"model", "plan", "qr", "common"},
    "output": BASE | {"model", "common", "input", "render"},
    "sync": BASE | {"model", "common", "input"},
    "deploy": BASE | {"model", "common", "input", "plan", "render"},
    "notify": BASE | {"model", "common", "input", "plan"},
    "inbox": BASE | {"model", "common", "input", "qr"},
    "scaffold": BASE | {"common"},  # qunma init: the files of a new site
    "build": BASE | STAGES,
    "schema": {"input"},  # `python -m generator.schema`, kept for the README and editors' users
    "plugin": BASE | STAGES | {"build", "output"},
    "cli": BASE | STAGES | {"build", "output", "sync", "deploy", "notify", "inbox", "plugin", "scaffold"},
}
ENGINE = {"mkdocs", "properdocs"}  # the site engine: only plugin.py may know it (DESIGN.md)


def part_of(path: Path) -> str:
    """The part a source file belongs to: its subpackage, or its own name at the top."""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imported_parts(path: Path) -> set[str]:
    """The parts of generator/ that the module at path imports, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            top = node.module == "generator"  # `from generator import qr`: the name is the part
            names = [f"generator.{alias.name}" for alias in node.names] if top else [node.module]
        else:
            continue
        found.update(name.split(".")[1] for name in names if name.startswith("generator."))
    return found


def imported_roots(path: Path) -> set[str]:
    """The top-level packages the module at path imports."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def sources() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if path != PACKAGE / "__init__.py")


def test_every_part_is_declared() -> None:
    parts = {part_of(path) for path in sources()}
    assert parts <= set(ALLOWED), f"add {sorted(parts - set(ALLOWED))} to ALLOWED, with what it may import"


def test_each_part_imports_only_what_its_layer_allows() -> None:
    wrong = []
    for path in sources():
        part = part_of(path)
        for other in imported_parts(path) - {part}:
            if other not in ALLOWED.get(part, set()):
                wrong.append(f"{path.relative_to(PACKAGE)} imports generator.{other}")
    assert not wrong, "\n".join(wrong)


def test_only_the_plugin_knows_the_site_engine() -> None:
    knowing = {path.relative_to(PACKAGE).as_posix() for path in sources() if imported_roots(path) & ENGINE}
    assert knowing == {"plugin.py"}


def test_the_layers_have_no_cycle() -> None:
    # The rules themselves must be a hierarchy: a cycle would let two stages lean on each other.
    seen: dict[str, int] = {}

    def depth(part: str, trail: tuple[str, ...] = ()) -> int:
        assert part not in trail, f"cycle: {' → '.join((*trail, part))}"
        if part not in seen:
            seen[part] = 1 + max((depth(other, (*trail, part)) for other in ALLOWED[part]), default=0)
        return seen[part]

    for part in ALLOWED:
        depth(part)


def test_the_checker_sees_lazy_and_aliased_imports(tmp_path: Path) -> None:
    module = tmp_path / "sample.py"
    module.write_text(
        "from generator.qr import image as qr\nimport generator.plan.rotation\n"
        "def f():\n    from generator import render\n    from generator.input.load import load_project\n",
        encoding="utf-8",
    )
    assert imported_parts(module) == {"qr", "plan", "render", "input"}
