"""The MkDocs side of qunma: the plugin, and the MkDocs runs behind `qunma build` and `qunma serve`.

The only module that imports MkDocs. The plugin adds the files generator.build makes: landing, rule, staff,
home and 404 pages as static HTML (never Markdown, never in the navigation: thousands of nav entries make
MkDocs builds quadratic; a site_src/ home or 404 page of the site's own wins), QR images. `qunma build`
and `serve` hand the command-line choices to the plugin through QUNMA_CAMPAIGNS / QUNMA_NOW, which also
work with plain `mkdocs build` and override the plugin options.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import BaseConfigOption, Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.build import NOT_FOUND_PAGE, SITE_OWN, Output, build_files
from generator.common.nogc import no_cycle_collection
from generator.common.oserrors import os_problem
from generator.errors import InputError, QunmaError, display_path
from generator.input.bounds import now_in_range, now_range_message
from generator.input.load import load_project
from generator.input.modelcache import cache_dir as model_cache_dir
from generator.messages import t
from generator.output.nextsite import NextSite
from generator.output.preview import check_free, port_taken
from generator.output.sitefolder import Inputs, next_folder, refuse_unsafe, replacing
from generator.render.compiled import FOLDER as TEMPLATES_FOLDER
from generator.render.compiled import sealed_cache
from generator.render.errorpage import error_banner, with_banner

if TYPE_CHECKING:  # imported by `qunma serve` only: a build does without the preview server (27 ms)
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.qunma")

ENV_CAMPAIGNS = "QUNMA_CAMPAIGNS"
ENV_NOW = "QUNMA_NOW"
ENV_POSTERS = "QUNMA_POSTERS"  # "1": also render the printable posters


class _Moment(BaseConfigOption[datetime]):
    """An ISO 8601 time (YAML may already have read it as a datetime)."""

    def run_validation(self, value: object) -> datetime:
        if not isinstance(value, datetime):
            return parse_now(str(value))
        if not now_in_range(value):
            raise ValidationError(now_range_message(str(value)))
        return value


def parse_now(text: str) -> datetime:
    """An ISO 8601 time in the years bounds.py allows; ValidationError with an example when it is not one."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(t("zh", "plugin_bad_now", value=text)) from None
    if not now_in_range(moment):
        raise ValidationError(now_range_message(text))
    return moment


class QunmaConfig(Config):  # type: ignore[no-untyped-call]
    campaigns = c.File(exists=False, default="campaigns.yml")  # relative to mkdocs.yml's folder
    status = c.Optional(c.File(exists=False))  # default: pool-status.yml beside campaigns.yml
    now = c.Optional(_Moment())  # default: the clock at each build
    posters = c.Type(bool, default=False)  # also render printable posters (slow: seconds per campaign)
    font = c.Optional(c.File(exists=True))  # CJK font for posters; default $QUNMA_FONT or a system font
    cache_dir = c.Optional(c.Dir(exists=False))  # QR images and checked YAML; default .qunma-cache beside it


class QunmaPluginError(PluginError):
    """Invalid input, keeping the problems so that `qunma build` can print them one per line."""

    def __init__(self, error: InputError) -> None:
        self.error = error
        super().__init__(str(error))


class QunmaPlugin(BasePlugin[QunmaConfig]):  # type: ignore[no-untyped-call]
    """Adds the generated landing pages, rule pages and QR images to the MkDocs build.

    While serving, a build with problems does not fail (MkDocs would hold every request until one passes):
    the last good pages are served with the problems in a banner at the top of each (render/errorpage.py).
    """

    output: Output | None = None  # the last good build's files
    handing: dict[str, bytes] | None = None  # set by `qunma build`: where generated files are handed
    serving = False
    problems: tuple[str, ...] = ()  # while serving: the problems of the latest build, shown in the browser
    preview: Path | None = None  # while serving: the folder the preview server serves (see on_post_build)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # MkDocs keeps a plugin with on_startup for the whole process: each build or preview starts afresh.
        self.output, self.problems, self.serving, self.preview = None, (), command == "serve", None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # site_name is text (site.title when there is no mkdocs.yml), but MkDocs renders themes without
        # autoescape and mkdocs-material prints it raw in <title> and aria-label: hand the theme escaped
        # Markup, which its own `| e` leaves as it is (no double escaping).
        config.site_name = Markup.escape(config.site_name)
        self.campaigns = Path(os.environ.get(ENV_CAMPAIGNS) or self.config.campaigns)
        self.status = None if self.config.status is None else Path(self.config.status)
        moment = os.environ.get(ENV_NOW)
        self.now: datetime | None = parse_now(moment) if moment else self.config.now
        self.posters = self.config.posters or os.environ.get(ENV_POSTERS) == "1"
        # `mkdocs build` empties site_dir before any page is made: refuse one that holds the project. The
        # preview builds into a temporary folder of its own (holding no manifest after a failed build).
        if self.serving:
            return config
        try:
            refuse_unsafe(Path(config.site_dir), _inputs(config, self.campaigns, self.status), "zh")
        except QunmaError as exc:
            raise PluginError(str(exc)) from None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.serving:
            self.handing = {}  # written to the preview's folder after the build (on_post_build)
        try:
            self.output, self.problems = self._build(), ()
        except InputError as exc:
            if not self.serving:
                raise QunmaPluginError(exc) from None
            self._failed(tuple(str(problem) for problem in exc.problems))
        except QunmaError as exc:
            if not self.serving:
                raise PluginError(str(exc)) from None
            self._failed((str(exc),))
        except OSError as exc:
            if not self.serving:
                raise
            self._failed((t("zh", "os_failed", what=os_problem(exc, "zh")),))
        if self.output is not None:
            if not self.problems:
                for problem in self.output.project.warnings:
                    log.warning(str(problem))
            self._add(files, config, self.output)
        return files

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        # The theme's templates compiled once and kept sealed in the cache (render/compiled.py): MkDocs
        # renders them after our files are made, while the other core has nothing to do.
        env.bytecode_cache = sealed_cache(env, self._cache_dir() / TEMPLATES_FOLDER) or env.bytecode_cache
        return env

    def _cache_dir(self) -> Path:
        return model_cache_dir(
            self.campaigns, None if self.config.cache_dir is None else Path(self.config.cache_dir)
        )

    def _build(self) -> Output:
        now = self.now or datetime.now(UTC)  # the clock, only when no time was given
        font = None if self.config.font is None else Path(self.config.font)
        cache = None if self.config.cache_dir is None else Path(self.config.cache_dir)
        return build_files(
            self.campaigns, now=now, status_path=self.status, posters=self.posters, font=font, cache_dir=cache
        )

    def _failed(self, problems: tuple[str, ...]) -> None:
        for problem in problems:
            log.error(problem)
        self.problems = problems

    def _banner(self) -> bytes:
        lang = self.output.project.site.language if self.output is not None else "zh"
        return error_banner(self.problems, lang)

    def on_post_page(self, output: str, /, *, page: object, config: MkDocsConfig) -> str | None:
        if not self.problems:
            return output
        return with_banner(output.encode(), self._banner()).decode()

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        # The preview serves its 404 page without the live-reload script: it looks again every 2 s instead.
        if not self.problems or template_name != "404.html":
            return output_content
        return with_banner(output_content.encode(), self._banner(), refresh=True).decode()

    def _add(self, files: Files, config: MkDocsConfig, output: Output) -> None:
        taken = {file.dest_uri: file for file in files}
        banner = self._banner() if self.problems else None
        for path, content in output.files.items():
            if banner is not None and path.endswith(".html"):
                content = with_banner(content, banner)
            page = path.endswith(".md")
            # `qunma build` takes the files that are no page itself (generator.output.nextsite): MkDocs only
            # copies such files, so no File of theirs is made for it (18,000 at 1,000 campaigns).
            new = None if self.handing is not None and not page else self._generated(config, path, content)
            existing = taken.get(path if new is None else new.dest_uri)
            if path == NOT_FOUND_PAGE:  # the theme's would be written over ours (or the site's own) last
                config.theme.static_templates.discard(NOT_FOUND_PAGE)
            if existing is not None and path in SITE_OWN:
                continue  # the site's own home or 404 page wins over the generated one
            if existing is not None:
                log.warning(t(output.project.site.language, "plugin_replaced", file=existing.src_uri))
                files.remove(existing)
            if new is None:
                assert self.handing is not None
                self.handing[path] = content  # `qunma build` writes it, if it changed
            else:
                files.append(new)

    @staticmethod
    def _generated(config: MkDocsConfig, path: str, content: bytes) -> File:
        level = InclusionLevel.NOT_IN_NAV if path.endswith(".md") else InclusionLevel.INCLUDED
        return File.generated(config, path, content=content, inclusion=level)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # The preview: MkDocs empties its folder before every build and writes every file again, which on a
        # real disk costs more than making them (output/nextsite.py). So MkDocs' own files (the theme's, the
        # site's pages) are copied into a folder of ours, which the server serves, and qunma's are written
        # there only when they changed; what a save removed goes.
        if not self.serving or self.handing is None:
            return
        made, self.handing = self.handing, None
        try:
            if self.preview is None:
                self.preview = Path(tempfile.mkdtemp(prefix="qunma-preview-"))
            NextSite(self.preview).update(made, Path(config.site_dir), copy=True)
        except OSError as exc:  # a full disk: said, and the preview goes on with what it has
            log.error(t("zh", "os_failed", what=os_problem(exc, "zh")))

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer | None:
        # Folders, not files: editors save by writing a new file and renaming it over the old one.
        for folder in sorted(self._watched_folders()):
            server.watch(str(folder), recursive=False)
        if self.preview is not None:
            server.root = str(self.preview)
            server.error_handler = self._error_page
        return server

    def _error_page(self, code: int) -> bytes | None:
        """The preview's 404 (or 500) page, from the folder it serves, as MkDocs' own serve does."""
        if code not in (404, 500) or self.preview is None:
            return None
        try:
            return (self.preview / f"{code}.html").read_bytes()
        except OSError:
            return None

    def on_shutdown(self) -> None:
        if self.preview is not None:
            shutil.rmtree(self.preview, ignore_errors=True)
            self.preview = None

    def _watched_folders(self) -> set[Path]:
        folders = {self.campaigns.resolve().parent}
        if self.status is not None:
            folders.add(self.status.resolve().parent)
        if self.output is not None:
            project = self.output.project
            images = [g.qr_image for cmp in project.campaigns for g in cmp.groups] + [project.site.brand.logo]
            images += [campaign.avatar for campaign in project.campaigns]
            folders.update(path.parent for path in images if path is not None)
        return {folder for folder in folders if folder.is_dir()}


# --- `qunma build` / `qunma serve` -------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """What the command line chose."""

    campaigns: Path
    now: datetime | None = None  # None: the clock
    site_dir: Path | None = None  # None: the config's site_dir
    config_file: Path | None = None  # None: the mkdocs.yml beside campaigns.yml, else built-in defaults
    posters: bool = False  # also render the printable posters


@dataclass(frozen=True)
class Built:
    site_dir: Path
    pages: int  # landing pages
    language: str


def build_site(options: Options) -> Built:
    """Build the whole site elsewhere, then swap it in: a failed build leaves the previous site untouched."""
    with (
        _config_file(options) as config_file,
        _handing_over(options),
        _console(logging.WARNING, quiet=True),
        no_cycle_collection(),  # a tenth of a rebuild's CPU, no memory saved
    ):
        config = _load(config_file)
        plugin = config.plugins.get("qunma")
        if not isinstance(plugin, QunmaPlugin):
            raise QunmaError(t("zh", "build_no_plugin", file=display_path(config_file)))
        target = Path(options.site_dir or config.site_dir).resolve()
        status = None if plugin.config.status is None else Path(plugin.config.status)
        inputs = _inputs(config, options.campaigns.resolve(), status)
        refuse_unsafe(target, inputs, "zh")  # before anything is made beside it
        output = _build_into(config, plugin, target, inputs)
    return Built(target, output.landing_pages, output.project.site.language)


def _build_into(config: MkDocsConfig, plugin: QunmaPlugin, target: Path, inputs: Inputs) -> Output:
    """Build beside target and swap it in; refused before the swap if target holds an image."""
    staging: Path | None = None
    try:
        with replacing(target, "zh", on_wait=lambda seconds: _waiting(target, seconds)) as made:
            staging, config.site_dir, plugin.handing = made.made, str(made.made), made.files
            _run(config, plugin, target)
            assert plugin.output is not None
            output = plugin.output
            refuse_unsafe(target, inputs.with_images(output.project), output.project.site.language)
    except OSError as exc:  # a full disk, a read-only or immutable folder, a busy mount: named
        lang = plugin.output.project.site.language if plugin.output else "zh"
        moved = [(next_folder(target), target)] + ([] if staging is None else [(staging, target)])
        detail = os_problem(exc, lang, fallback=target, moved=moved)
        raise QunmaError(t(lang, "build_failed", detail=detail, dir=display_path(target))) from None
    finally:
        plugin.handing = None
    return output


def _waiting(target: Path, seconds: float) -> None:
    log.warning(t("zh", "site_dir_waiting", site=display_path(target), seconds=round(seconds)))


def _inputs(config: MkDocsConfig, campaigns: Path, status: Path | None) -> Inputs:
    config_file = Path(config.config_file_path) if config.config_file_path else None
    return Inputs.of(campaigns, status, config_file, Path(config.docs_dir))


def serve_site(options: Options, dev_addr: str | None = None) -> None:
    """Preview with live reload on every save of campaigns.yml, pool-status.yml, images and site_src/."""
    with _config_file(options) as config_file, _handing_over(options), _console(logging.INFO, quiet=False):
        host, port = _load(config_file, dev_addr, serving=True).dev_addr
        check_free(host, port)  # before the first build, which takes a while
        try:
            # MkDocs 1.6.1 under click ≥ 8.3 turns live reload off unless asked: ask explicitly.
            from mkdocs.commands.serve import serve as mkdocs_serve

            mkdocs_serve(str(config_file), livereload=True, dev_addr=dev_addr)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            raise port_taken(host, port) from None


def _load(config_file: Path, dev_addr: str | None = None, *, serving: bool = False) -> MkDocsConfig:
    try:
        return load_config(str(config_file), dev_addr=dev_addr)  # None: the config's own
    except Abort as exc:  # MkDocs has logged what is wrong with the config
        if serving:
            raise QunmaError(t("zh", "serve_failed", detail=exc.message)) from None
        raise QunmaError(t("zh", "build_failed", detail=exc.message, dir="site")) from None


def _run(config: MkDocsConfig, plugin: QunmaPlugin, target: Path) -> None:
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    except Abort as exc:
        cause = exc.__context__
        if isinstance(cause, QunmaPluginError):
            raise cause.error from None
        detail = str(cause) if cause is not None else exc.message
        lang = plugin.output.project.site.language if plugin.output else "zh"
        raise QunmaError(t(lang, "build_failed", detail=detail, dir=display_path(target))) from None
    finally:
        config.plugins.on_shutdown()


@contextmanager
def _handing_over(options: Options) -> Iterator[None]:
    """Hand the command line's choices to the plugin; SOURCE_DATE_EPOCH dates MkDocs' sitemap by now."""
    values = {ENV_CAMPAIGNS: str(options.campaigns.resolve())}
    if options.posters:
        values[ENV_POSTERS] = "1"
    if options.now is not None:
        now = options.now if options.now.tzinfo else options.now.replace(tzinfo=UTC)
        # MkDocs stamps sitemap.xml.gz with it, and gzip holds 32 bits (to 2106): a later --now, the last.
        epoch = min(int(now.timestamp()), 2**32 - 1)
        values |= {ENV_NOW: options.now.isoformat(), "SOURCE_DATE_EPOCH": str(epoch)}
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def _config_file(options: Options) -> Iterator[Path]:
    """The mkdocs.yml to use: --config-file, else the one beside campaigns.yml, else built-in defaults."""
    if options.config_file is not None:
        if not options.config_file.is_file():
            raise QunmaError(t("zh", "build_config_missing", file=display_path(options.config_file)))
        yield options.config_file
        return
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        if (beside := options.campaigns.parent / name).is_file():
            yield beside
            return
    with tempfile.TemporaryDirectory(prefix="qunma-config-") as folder:
        yield _default_config(options.campaigns, Path(folder))


def _default_config(campaigns: Path, folder: Path) -> Path:
    """A config for a campaigns.yml with no mkdocs.yml: material, no web fonts, docs from site_src/ if any."""
    site = load_project(campaigns).site
    root = campaigns.resolve().parent
    docs = root / "site_src" if (root / "site_src").is_dir() else folder / "docs"
    docs.mkdir(exist_ok=True)
    config = {
        "site_name": site.title,
        "site_url": site.base_url,
        "docs_dir": str(docs),
        "site_dir": str(root / "site"),
        "theme": {"name": "material", "language": site.language, "font": False},
        "extra": {"generator": False},  # as the example's mkdocs.yml: its footer fails WCAG contrast
        "plugins": [{"qunma": {"campaigns": str(campaigns.resolve())}}],  # no search: its dialog fails axe
    }
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=True), encoding="utf-8")
    return path


@contextmanager
def _console(level: int, *, quiet: bool) -> Iterator[None]:
    """MkDocs' messages on stderr; quiet: without MkDocs' copy of a build error, which we report ourselves."""
    logger, builder = logging.getLogger("mkdocs"), logging.getLogger("mkdocs.commands.build")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s %(message)s"))
    handler.setLevel(level)
    saved = logger.level
    logger.setLevel(min(level, saved) if saved else level)

    def not_the_error(record: logging.LogRecord) -> bool:
        return not (quiet and record.levelno >= logging.ERROR)

    logger.addHandler(handler)
    builder.addFilter(not_the_error)
    try:
        yield
    finally:
        builder.removeFilter(not_the_error)
        logger.removeHandler(handler)
        logger.setLevel(saved)
