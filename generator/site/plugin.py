"""The showcase plugin: adapts MkDocs' build events to the pipeline.

This module and the search plugin (``plugin_search.py``) are the only modules importing mkdocs;
the compiled templates a preview keeps between builds are ``plugin_cache.py``'s."""

from __future__ import annotations

import html
import logging
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from .. import addresses, pipeline
from ..errors import DataErrors, environment_fault
from ..kinds import news
from ..media import figures
from ..model.catalog import NEWS_CATEGORIES
from ..model.fields import WuXing
from ..outputs import Checked, Output, clashes
from ..pages import feed as atom
from ..pages import home
from ..pdf import site as pdf_site
from ..pdf.write import Built
from ..search import terms
from ..source.loader import display_path
from . import failed, html_policy, navigation, offline, plugin_cache, portal_config, preview, stylesheet, watching

log = get_plugin_logger(__name__)

THEME = Path(__file__).resolve().parent.parent / "theme"  # the package's templates, styles and scripts


class ShowcaseConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """Folder of the YAML data, relative to mkdocs.yml."""
    samples = c.Type(bool, default=True)
    """Build the entries marked `sample: true`; set false for a production site."""
    annotate = c.Type(bool, default=True)
    """Link glossary terms (with their meaning) and cited documents wherever pages use them."""
    news_categories = c.ListOfItems(c.Type(str), default=list(NEWS_CATEGORIES))
    """The categories a news item (content/news/posts/*.md) may have, in the order listings show them."""
    banner_line = c.Type(str, default="")
    """The line of the newest plan's overall requirement the home page's banner quotes, copied
    verbatim; empty: its first clause."""
    originals = c.Type(bool, default=False)
    """Publish each source picture at its full size too (upright, without metadata), linked from
    its gallery's larger view; off: only the sizes pages use."""
    pdf = c.Type(bool, default=True)
    """Write each year's plan and 汇编 as PDF (downloads/), linked from the plan page, the board
    and the home page; needs WeasyPrint's system libraries and a CJK font (else a notice, no PDFs)."""


class ShowcasePlugin(BasePlugin[ShowcaseConfig]):
    """Hands the pages generated from ``data/`` to MkDocs as generated files."""

    def __init__(self):
        super().__init__()
        self.catalog: Any = None  # a pipeline.Catalog once on_config has run
        self.library: Any = None  # its pictures' renditions.Library
        self.build: Any = None    # the pages' results (pages.build.Build) once on_files has run
        self.annotator: terms.Annotator | None = None
        self.generated: set[str] = set()
        self.published: dict = {}         # published picture path -> (picture, size)
        self.preview: preview.Preview | None = None
        self.edit: preview.Edit | None = None
        self.result: preview.Result | None = None
        self.writing = False
        self.serving = False
        self.problems: DataErrors | None = None  # under serve: the data's mistakes, shown instead of the site
        self.site_dir = ""  # named when a full disk stops the build at a write without a file name
        self.downloads: dict[int, list] = {}      # year -> the PDFs this build writes (pdf.books.Book)
        self.pdf_job: pdf_site.Job | None = None  # the PDFs being laid out while MkDocs converts and writes the pages
        self.converted: Any = None                # the page converted last: its HTML is final once the next one begins
        self.pdf_pages: list[Path] = []           # the written pages that link them
        self.places: navigation.Places | None = None  # where each page stands: its tab and breadcrumb
        self.lit: Any = None                      # the navigation's page lit for the page being written
        self.made: list[File] = []                # the files this build generated
        self.last_made: dict[str, File] = {}      # under a preview: the last finished build's, by path
        self.checked = Checked()                  # under a preview: the last build's outputs, found without a clash
        self.contents: dict[str, tuple] = {}      # under a preview: each hand-written page's HTML, title and meta
        self.last_contents: dict[str, tuple] = {}  # ... as the last finished build wrote them

    def on_startup(self, *, command, dirty) -> None:
        # Having this method keeps the plugin between the builds of `mkdocs serve`; with
        # --dirty (make serve) it remembers the last build to rebuild only what an edit changed.
        self.serving = command == "serve"
        if command == "serve" and dirty:
            self.preview = preview.Preview()
            self.compiled = plugin_cache.CompiledTemplates()
            self.theme_files = plugin_cache.ThemeFiles()
            logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty_warning)


    def _paths(self, config) -> tuple[Path, Path]:
        root = Path(config.config_file_path).resolve().parent
        return root / self.config.data_dir, root

    @event_priority(100)  # first: Material's search plugin renders a theme template in its on_config
    def _keep_compiled(self, config):
        # MkDocs makes new theme environments for each build, compiling Material's templates
        # again (a second): a preview keeps their compiled code.
        if self.preview:
            plugin_cache.keep_compiled(config.theme, self.compiled, self.theme_files, lambda: self.edit and self.edit.inputs)
        return config

    def _configure(self, config):
        self.site_dir = config.site_dir
        # The package's own overrides of Material come after the site's custom_dir (the admins'
        # overrides, optional) and before Material: a site's mkdocs.yml names no folder of ours.
        if str(THEME) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        if offline.wanted(config):
            offline.apply(config)
        data_dir, root = self._paths(config)
        self.problems = None
        if self.preview:
            news_dir = Path(config.docs_dir) / addresses.NEWS_ITEMS
            self.edit = self.preview.start(data_dir, news_dir, root, _inputs(config, self.config))
        # Sadly MkDocs prints a traceback for any other exception: turn editors' mistakes
        # into a PluginError carrying the same lines `python -m generator check` prints.
        try:
            self.catalog = pipeline.load(data_dir, root, samples=self.config.samples, content_dir=Path(config.docs_dir),
                                         news_categories=self.config.news_categories,
                                         cache=self.preview.cache if self.preview else None,
                                         memo=self.preview.memo if self.preview else None)
        except DataErrors as exc:
            if not self.serving:
                raise PluginError("数据有误，未能构建网站：\n" + exc.report()) from None
            return self._show_problems(config, exc)
        self.site = self._look(config)
        self.library = pipeline.pictures(self.catalog, root / ".cache" / "media", originals=self.config.originals)
        self.annotator = terms.Annotator(terms.targets(self.catalog.glossary, self.catalog.documents))
        # The theme links the news feed only where one is written (site_url set, news present).
        config.extra["news_feed"] = bool(config.site_url and self.catalog.records.get("news"))
        # The theme colours each 五型 tag as the pages colour their 五型 chips.
        config.extra["wuxing_slugs"] = {wx.value: wx.slug for wx in WuXing}
        # Each kind's listing is in the navigation, where mkdocs.yml's nav names it or else after its neighbours.
        if config.nav is not None:
            config.nav = navigation.with_kinds(config.nav, self.catalog.kinds)
        # The PDFs take seconds: a preview (make serve) leaves them to make site.
        self.downloads, notice = pdf_site.plan(self.catalog, self.config.pdf and not self.preview)
        if notice:
            log.info(notice)
        return config

    on_config = CombinedEvent(_keep_compiled, _configure)

    def _show_problems(self, config, errors: DataErrors):
        """Under serve, a build that raised would leave the browser waiting for ever: this one
        builds no page and shows check's messages for every address (failed.py) instead."""
        self.problems = errors
        log.error("数据有误，预览显示的是问题清单，改正后自动刷新：\n" + errors.report())
        config.nav = None  # no page is built: a navigation naming them would be warned about
        config.theme.static_templates = set()
        return config

    def _look(self, config) -> home.Site:
        """The organ's look (mkdocs.yml: extra.portal) with its defaults, and the banner's line, checked."""
        dirs = [Path(d) for d in config.theme.dirs] + [Path(config.docs_dir)]
        portal, problems = portal_config.portal_settings(config.extra.get("portal"), lambda p: any((d / p).is_file() for d in dirs))
        problems += [p for p in [offline.problem(config.extra)] if p]
        problem = portal_config.banner_problem(self.catalog, self.config.banner_line)
        if problem:
            problems.append(problem)
        if problems:
            name = Path(config.config_file_path).name
            raise PluginError(f"{name} 的设置有误：\n" + "\n".join(f"{name}: {p}" for p in problems))
        config.extra["portal"] = portal
        return home.Site(config.site_name, portal["organisation"], self.config.banner_line)

    def on_files(self, files: Files, *, config) -> Files:
        if self.problems is not None:
            return Files([])
        if self.preview:
            failed.bring_back(Path(config.site_dir))
        # News sources are read by the pipeline like data; their pages are generated.
        for source in [f for f in files if f.src_uri.startswith(addresses.NEWS_ITEMS + "/")]:
            files.remove(source)
        self.writing = False
        if self.preview and self.edit:
            self.result = self.preview.render(self.catalog, self.edit, self.library)
            pages, self.build = self.result.pages, self.result.build
        else:
            self.build = pipeline.complete(self.catalog, library=self.library, downloads=self.downloads)
            pages = pipeline.render(self.build)
        self.generated = set(pages)
        handwritten = files.documentation_pages()
        # Entry pages are reached from their section's listing: the navigation names sections
        # only (mkdocs.yml), so MkDocs need not list every entry as "not included in the nav".
        kept = self._kept_files()
        generated = [kept.get(uri) or File.generated(config, uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
                     for uri, markdown in pages.items()]
        generated += [_same_source(kept.get(uri), path) or File.generated(config, uri, abs_src_path=str(path))
                      for uri, path in pipeline.assets(self.catalog, self.library, self.preview.memo if self.preview else None).items()]
        self.made = generated
        generated += [File.generated(config, book.uri, content=b"") for book in _books(self.downloads)]  # made in on_env
        self.published = self.library.by_published()
        try:
            self._refuse_clashes(files, list(pages), config)
        except DataErrors as exc:
            if not self.serving:
                raise PluginError("输出的文件有冲突，未能构建网站：\n" + exc.report()) from None
            self._show_problems(config, exc)
            return Files([])
        for file in generated:
            files.append(file)
        _one_stylesheet(files, config)
        if self.preview and self.result:
            self._mark_unchanged(handwritten, generated, self.result.modified)
        if self.downloads:
            self._start_pdfs(config, files)
        return files

    def _kept_files(self) -> dict[str, File]:
        """Under a preview rebuilding a few pages, the last build's files of the pages it left as
        they were, and of its pictures: MkDocs' Page of each comes along, so MkDocs neither makes
        nor reads thousands of pages again (their addresses, their navigation) to write a few."""
        if not (self.preview and self.result and self.result.modified is not None):
            return {}
        modified = self.result.modified
        return {uri: file for uri, file in self.last_made.items() if uri not in modified}

    def _refuse_clashes(self, files: Files, pages: list[str], config) -> None:
        """Stop before anything is written when two outputs would be one file where the site is
        deployed: the pages and pictures from data, the hand-written pages and files, the
        theme's files (a file in content/ would silently replace one) and what the build writes
        itself."""
        _, root = self._paths(config)
        docs = Path(config.docs_dir).resolve()
        found = pipeline.outputs(self.catalog, pages, config.use_directory_urls, library=self.library)
        for file in files:
            found += _outputs(file, docs, root, config.theme.dirs)
        found += [Output(addresses.SEARCH, addresses.SEARCH, "搜索索引"), Output(addresses.FEED, addresses.FEED, "动态订阅")]
        found += [Output(book.uri, book.uri, "PDF 下载") for book in _books(self.downloads)]
        written = [*config.theme.static_templates, *(["sitemap.xml.gz"] if "sitemap.xml" in config.theme.static_templates else [])]
        found += [Output(name, name, "网站生成的文件") for name in written]
        problems = self.checked.clashes(found) if self.preview else clashes(found)
        if problems:
            raise DataErrors(problems)

    def _mark_unchanged(self, handwritten, generated, modified: set[str] | None) -> None:
        """Tell MkDocs' dirty build which pages to skip: the generated pages this edit left as
        they were. Hand-written pages are read either way (the tags plugin gathers its
        listings from them) but written only when their file changed or what they show came
        out different from the last build's (the blocks of data on the home page, the 五型 and
        the guide: ``_keep_content``); after a full change, all are."""
        for file in handwritten:
            changed = file.is_modified
            if modified is None:
                file.is_modified = _always
            elif preview.TAGS_LISTING.search(Path(file.abs_src_path).read_text(encoding="utf-8")):
                # A listing by tag holds only the pages read in this build: it keeps the full build's.
                file.is_modified = lambda changed=changed: not self.writing or changed()
            else:
                file.is_modified = lambda changed=changed, uri=file.src_uri: not self.writing or changed() or self._shows_new(uri)
        if modified is not None:
            for file in generated:
                if file.src_uri.endswith(".md") and file.src_uri not in modified:
                    file.is_modified = _unchanged

    @event_priority(-100)  # last: the page's HTML as every plugin left it
    def _keep_content(self, html: str, *, page, config, files: Files) -> str:
        if self.preview and page.file.src_uri not in self.generated:
            self.contents[page.file.src_uri] = (html, page.title, repr(page.meta))
        return html

    def _shows_new(self, uri: str) -> bool:
        """Whether a hand-written page came out otherwise than when the last build wrote it."""
        return uri not in self.contents or self.contents.get(uri) != self.last_contents.get(uri)

    def on_env(self, env, *, config, files):
        self.writing = True  # every page has been read: from here on MkDocs writes them
        if self.preview and self.result and self.result.same_pages:
            # An edit of entries that adds and removes no page: the sitemap (every page's
            # address, a second at thousands of pages) stays as the last full build wrote it.
            config.theme.static_templates = config.theme.static_templates - {"sitemap.xml"}
        if self.pdf_job is not None:
            # Every page is converted, none written yet: the books still waiting start, and the
            # pages linking them are noted, to get the files' sizes once they are made.
            self._page_converted(None)
            self.pdf_job.all_ready()
            self.pdf_pages = [Path(f.abs_dest_path) for f in files.documentation_pages()
                              if f.page is not None and f.page.content and 'class="pdf-size"' in f.page.content]
        return env

    def _start_pdfs(self, config, files: Files) -> None:
        """The PDFs, from the pages' HTML: each book laid out in another process as soon as the
        pages it holds are converted (``_page_converted``), while MkDocs goes on with the others."""
        built = Built(partial(_page_html, files), partial(_published, files), self.site.organisation, config.site_name,
                      [_theme_text(config, f"assets/stylesheets/{name}") for name in ("paper.css", "board.css")],
                      self._paths(config)[1] / ".cache" / "pdf")
        self.pdf_job = pdf_site.Job(self.catalog, self.downloads, built)

    def _page_converted(self, page) -> None:
        """``page`` is being converted: the one before it has its final HTML (every plugin's
        on_page_content has run on it), so the books waiting for it may start."""
        last, self.converted = self.converted, page
        if last is not None and self.pdf_job is not None:
            self.pdf_job.ready(last.file.src_uri)

    def _finish_pdfs(self, config) -> None:
        job, self.pdf_job = self.pdf_job, None
        if job is None:
            return
        result = job.finish()
        for problem in result.problems:
            log.warning(problem)
        by_name = {}
        for uri, made in result.made.items():
            (Path(config.site_dir) / uri).write_bytes(made.data)
            by_name[uri.rpartition("/")[2]] = made
        for path in self.pdf_pages:
            page = path.read_text(encoding="utf-8")
            path.write_text(pdf_site.sized(page, by_name.get), encoding="utf-8")
        # English, like MkDocs' own "Documentation built in": `make site` shows neither; the bench reads it.
        pages = [made.pages for made in result.made.values()] or [0]
        log.info("PDF: %d files, %d pages (largest %d), %.1f MB in %.2f s (%.2f s of the build's own, layout %.2f s CPU)",
                 len(result.made), sum(pages), max(pages), sum(len(made.data) for made in result.made.values()) / 1e6,
                 result.seconds, result.waited, sum(made.cpu for made in result.made.values()))

    def on_nav(self, nav, *, config, files: Files):
        self.places = navigation.Places(nav, [f.page for f in files.documentation_pages() if f.page is not None])
        return nav

    def on_page_context(self, context, *, page, config, nav):
        # A page the navigation does not name (an entry, a news item, the board) lights the tab
        # and the sidebar of the page standing for it there; the breadcrumb leads to it.
        if self.places is not None:
            holder = self.places.holder(page)
            if holder is not None and holder is not page:
                holder.active = True
                self.lit = holder
            context["trail"] = self.places.trail(page)
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        if self.lit is not None:
            self.lit.active = False
            self.lit = None
        return output

    def on_page_markdown(self, markdown: str, *, page, config, files: Files) -> str:
        if page.file.src_uri in self.generated:
            return markdown
        # A hand-written page: its front matter was checked with the data (text only); the
        # theme writes title and description into the HTML as they are, so they go in escaped.
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = html.escape(page.meta[key])
        markdown = pipeline.page_markdown(self.build, page.file.src_uri, markdown)
        # Hand-written pages (the home page) ask for blocks made from data by markers.
        names = home.markers(markdown)
        if not names:
            return markdown
        _, root = self._paths(config)
        for name in home.unknown(markdown):
            log.warning(f"{display_path(Path(config.docs_dir) / page.file.src_uri, root)}: 未知的标记 <!-- showcase:{name} -->："
                        f"可用的有 {', '.join(home.BLOCKS)}，请改正或删除这一行。")
        return home.fill(markdown, self.build, page.file.src_uri, self.site)

    def _page_content(self, html: str, *, page, config, files: Files) -> str:
        self._page_converted(page)
        html = figures.dress(html, page.url, self.published)
        # The last line of defence, on every page (editors write content/ too): check already
        # refused what falls outside the allowlist.
        html = html_policy.sanitize(html)
        # The glossary itself quotes the plan around each term: linking every other term in
        # those sentences back into the same page would double its links (related terms list them).
        if not self.config.annotate or self.annotator is None or page.file.src_uri == addresses.glossary():
            return html
        urls: dict[str, str] = {}
        for path in (addresses.glossary(), addresses.documents()):
            file = files.get_file_from_path(path)
            if file is not None:
                urls[path] = get_relative_url(file.url, page.url)
        return self.annotator.annotate(html, lambda t: f"{urls[t.page]}#{t.anchor}")

    on_page_content = CombinedEvent(_page_content, _keep_content)

    def on_post_build(self, *, config) -> None:
        if self.problems is not None:
            failed.show(Path(config.site_dir), self.problems, keep=self.preview is not None)
            return
        self._finish_pdfs(config)
        if config.extra.get("news_feed"):
            # MkDocs says where each item's page is: it owns the step from docs path to URL.
            def url(path: str) -> str:
                return File(path, config.docs_dir, config.site_dir, config.use_directory_urls).url
            feed = atom.atom(self.build, news.KIND, config.site_url, url, config.site_name)
            target = Path(config.site_dir) / addresses.FEED
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(feed.encode("utf-8"))
        if self.preview and self.edit and self.result:
            self._forget_removed(config, self.result.removed)
            self.preview.commit(self.edit, self.result)
            self.last_contents, self.contents = self.contents, {}
            self._keep_made()
            if self.result.modified is not None:
                log.info("预览：本次修改只影响 %d 个页面，已重建这些页面。", len(self.result.modified))

    def _keep_made(self) -> None:
        """This build's files, for the next build to take over those of pages it leaves as they
        are: their pages' places and titles, not their HTML (written, and read by nothing again)."""
        self.last_made = {file.src_uri: file for file in self.made}
        for file in self.made:
            if file.page is not None:
                file.page.content = None

    def _forget_removed(self, config, removed: set[str]) -> None:
        """An entry deleted or renamed: its old page leaves the preview too."""
        for uri in removed:
            stale = Path(File(uri, None, config.site_dir, config.use_directory_urls).abs_dest_path)
            stale.unlink(missing_ok=True)
            if stale.parent != Path(config.site_dir) and not any(stale.parent.iterdir()):
                stale.parent.rmdir()

    @event_priority(-100)  # last: raising stops the other plugins' build_error events
    def on_build_error(self, *, error) -> None:
        if self.pdf_job is not None:
            self.pdf_job.cancel()
            self.pdf_job = None
        if self.preview:
            self.preview.reset()
            self.last_made, self.contents, self.last_contents = {}, {}, {}
        # A full disk, a quota, a read-only disk or a permission: MkDocs would print an
        # English traceback that editors take for a mistake in their data.
        fault = environment_fault(error, [self.site_dir] if self.site_dir else [])
        if fault is not None:
            raise PluginError(fault) from None

    def on_serve(self, server, *, config, builder):
        data_dir, _ = self._paths(config)
        server.watch(str(data_dir))
        for folder in _theme_sources(config):  # MkDocs watches the theme only with --watch-theme
            server.watch(str(folder))
        watching.use_system_events(server)
        return server


def _books(downloads: dict[int, list]) -> list:
    return [book for found in downloads.values() for book in found]


def _page_html(files: Files, uri: str) -> tuple[str, str] | None:
    """A rendered page's URL and HTML, by its path under docs."""
    file = files.get_file_from_path(uri)
    page = file.page if file is not None else None
    return (page.url, page.content) if page is not None and page.content else None


def _published(files: Files, uri: str) -> Path | None:
    """The file MkDocs copies to ``uri`` (a picture's rendition, a theme file)."""
    file = files.get_file_from_path(uri)
    return Path(file.abs_src_path) if file is not None and file.abs_src_path else None


def _one_stylesheet(files: Files, config) -> None:
    """The theme's stylesheets published as the one file every page links (stylesheet.py)."""
    for name in (stylesheet.SHEET, *stylesheet.PARTS):
        found = files.get_file_from_path(name)
        if found is not None:
            files.remove(found)
    files.append(File.generated(config, stylesheet.SHEET, content=stylesheet.joined(partial(_theme_text, config))))


def _theme_text(config, name: str) -> str:
    """A theme file as the site uses it: the site's custom_dir first, then the package's."""
    for folder in config.theme.dirs:
        if Path(folder, name).is_file():
            return Path(folder, name).read_text(encoding="utf-8")
    return ""


def _outputs(file: File, docs: Path, root: Path, theme_dirs: list[str]) -> list[Output]:
    """A file MkDocs copies or builds, with the file it comes from: content/ (an editor's) or the
    theme; and for a file in content/, the theme's file of that name, which MkDocs then leaves out."""
    if not file.abs_src_path:
        return [Output(file.dest_uri, file.src_uri, "网站生成的文件")]
    source = Path(file.abs_src_path).resolve()
    if docs not in source.parents:
        return [_theme_output(file, source, root)]
    hidden = [Path(folder, file.src_uri) for folder in theme_dirs if Path(folder, file.src_uri).is_file()]
    return [Output(file.dest_uri, display_path(source, root)), *[_theme_output(file, path.resolve(), root) for path in hidden[:1]]]


def _theme_output(file: File, source: Path, root: Path) -> Output:
    return Output(file.dest_uri, display_path(source, root) if root in source.parents else file.src_uri, "主题文件")


def _same_source(file: File | None, path: Path) -> File | None:
    """``file`` if it is copied from ``path``."""
    return file if file is not None and file.abs_src_path == str(path) else None


def _unchanged() -> bool:
    return False


def _always() -> bool:
    return True


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns at every dirty build that navigation may be stale: here it is not (the
    plugin decides what to rebuild), and editors should not be told otherwise in English."""
    return not str(record.msg).startswith("A 'dirty' build is being performed")


def _theme_sources(config) -> list[Path]:
    """The theme folders an edit can change: the site's custom_dir, if any, and the package's."""
    return ([Path(config.theme.custom_dir)] if config.theme.custom_dir else []) + [THEME]


def _inputs(config, options) -> tuple:
    """What pages depend on besides data/: the config file, the plugin's options, the theme
    overrides and the page templates; a preview rebuilds everything when any of them changed."""
    config_file = Path(config.config_file_path)
    return (config_file.stat().st_mtime_ns, tuple(sorted(options.items())),
            tuple(sorted(item for folder in _theme_sources(config) for item in preview.stamps(folder).items())),
            tuple(sorted(preview.stamps(Path(__file__).parent.parent / "templates").items())))
