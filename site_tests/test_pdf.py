"""The PDFs' parts without a build: which files a year gets and how a big year splits, a built
page as a chapter of a book, the sizes written into the links, and the notice where the host
cannot make PDFs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT

from generator import pipeline
from generator.pdf import books, engine, printable
from generator.pdf import site as pdf_site


def sample_catalog():
    return pipeline.load(ROOT / "data", ROOT)


def test_a_year_gets_the_plan_and_one_compilation_holding_every_entry_of_the_year():
    catalog = sample_catalog()
    found = books.books(catalog)[2023]
    assert [b.uri for b in found] == ["downloads/2023-工作要点.pdf", "downloads/2023-汇编.pdf"]
    plan, compilation = found
    assert plan.plan_only and not plan.parts
    expected = {(k.key, r.id) for k in catalog.kinds if k.showcase for r in catalog.records[k.key] if r.year == 2023}
    assert {(k.key, r.id) for k, records in compilation.parts for r in records} == expected
    assert "news" not in {k.key for k, _ in compilation.parts}
    assert [k.key for k, _ in compilation.parts] == ["brands", "members", "forums", "innovations"]


def test_a_big_year_is_split_by_kind_into_volumes_of_at_most_volume_entries(monkeypatch):
    catalog = sample_catalog()
    monkeypatch.setattr(books, "VOLUME", 3)
    found = books.books(catalog)[2023]
    names = [b.file for b in found]
    assert names[:2] == ["2023-工作要点.pdf", "2023-汇编.pdf"]
    main = found[1]
    assert main.main and not main.parts  # the plan, the board and the appendices
    volumes = found[2:]
    assert all(not b.main and 1 <= b.entries <= 3 for b in volumes)
    assert "2023-汇编-支部品牌-1.pdf" in names and "2023-汇编-党建创新榜-2.pdf" in names
    assert any(b.volume == "党员风采 之三" for b in volumes)
    held = [(k.key, r.id) for b in volumes for k, records in b.parts for r in records]
    assert len(held) == len(set(held))
    assert set(held) == {(k.key, r.id) for k in catalog.kinds if k.showcase for r in catalog.records[k.key] if r.year == 2023}


def test_volume_numerals_read_as_chinese():
    assert [books._numeral(n) for n in (1, 9, 10, 12, 20, 35)] == ["一", "九", "十", "十二", "二十", "三十五"]


PAGE = """<h1 id="_1">品牌<a class="headerlink" href="#_1" title="Permanent link">¶</a></h1>
<p><img src="../../media/brands/a.jpg~page.jpg" srcset="../../media/brands/a.jpg~card.jpg 720w" sizes="38rem" class="entry-cover" loading="eager"></p>
<dl><dd><a href="../../workplan/2023/#point-10">2023 年第 10 条</a></dd></dl>
<h2 id="photos">我的图集</h2><p>编辑写的一节</p>
<p><img src="https://example.org/x.png"><img src="../../../../etc/passwd"></p>
<h2 id="photos">图集<a class="headerlink" href="#photos">¶</a></h2>
<div class="gallery"><img src="../../media/brands/b.jpg~card.jpg"></div>
<p class="entry-updated">更新于 2026年11月30日</p>
<h2 id="related">相关阅读</h2><ul><li><a href="../x/">另一个</a></li></ul>
"""


def test_a_page_as_a_chapter_keeps_the_content_and_drops_what_only_the_screen_uses():
    files = {"media/brands/a.jpg~card.jpg": Path("/pictures/a-card.jpg"), "media/brands/a.jpg~page.jpg": Path("/pictures/a-page.jpg")}
    got = printable.chapter(PAGE, "brands/x/", "brands-x", files.get, entry=True)
    assert "headerlink" not in got.html and "<a " not in got.html and "</a>" not in got.html
    assert "2023 年第 10 条" in got.html
    assert 'id="brands-x-_1"' in got.html
    # the gallery, the date and the related reading are cut at the template's own headings,
    # not at an editor's heading of the same name
    assert "编辑写的一节" in got.html and ">图集<" not in got.html and "更新于" not in got.html and "另一个" not in got.html
    # the cover in the card's size; pictures from elsewhere are dropped, never fetched
    assert got.pictures == {"book:/media/brands/a.jpg~card.jpg": Path("/pictures/a-card.jpg")}
    assert 'src="book:/media/brands/a.jpg~card.jpg"' in got.html
    assert "example.org" not in got.html and "passwd" not in got.html and "srcset" not in got.html


def test_the_board_chapter_leaves_out_the_matrix():
    page = '<h1 id="a">看板</h1><p>说明</p><h2 id="matrix">落实矩阵</h2><table>矩阵</table><h2 id="charts">统计图</h2><p>图</p>'
    got = printable.chapter(page, "workplan/2023/progress/", "board", lambda uri: None, cut=('<h2 id="matrix"', '<h2 id="charts"'))
    assert "矩阵" not in got.html and "说明" in got.html and "统计图" in got.html


def test_sizes_are_written_after_each_link_to_a_pdf():
    page = ('<li><a href="../../downloads/2023-%E6%B1%87%E7%BC%96.pdf">2023 年汇编</a><span class="pdf-size">（PDF）</span></li>'
            '<li><a href="../../downloads/2022-%E6%B1%87%E7%BC%96.pdf">2022 年汇编</a><span class="pdf-size">（PDF）</span></li>')
    made = {"2023-汇编.pdf": pdf_site.Made(None, b"x" * 1_300_000, 46, 1.0)}  # type: ignore[arg-type]
    out = pdf_site.sized(page, made.get)
    assert "2023 年汇编</a><span class=\"pdf-size\">（PDF，1.2 MB，46 页）</span>" in out
    assert "2022 年汇编</a><span class=\"pdf-size\">（PDF）</span>" in out  # not made: no size invented
    assert pdf_site.human_size(53_248) == "52 KB" and pdf_site.human_size(10) == "1 KB"


def test_without_weasyprint_the_build_says_so_in_chinese_and_makes_no_pdf(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as where it is not installed
    reason = engine.missing()
    assert reason is not None and reason.startswith("没有安装 WeasyPrint")
    catalog = sample_catalog()
    found, notice = pdf_site.plan(catalog, True)
    assert found == {}
    assert notice is not None and "没有生成工作要点和汇编的 PDF" in notice and "pdf: false" in notice


def test_without_a_chinese_font_the_notice_gives_the_install_line(monkeypatch):
    monkeypatch.setattr(engine, "has_cjk_font", lambda: False)
    reason = engine.missing()
    assert reason == "系统中没有中文字体：请运行 sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk"


def test_the_pdfs_can_be_turned_off():
    assert pdf_site.plan(sample_catalog(), False) == ({}, None)


def test_long_entries_fill_a_volume_sooner_and_one_too_long_is_alone(monkeypatch):
    catalog = sample_catalog()
    records = [r for r in catalog.records["members"] if r.year == 2023]
    assert len(records) >= 3
    monkeypatch.setattr(books, "PAGES", 2.5)  # each sample entry is estimated at more than one page
    runs = books.volumes(records)
    assert [r for run in runs for r in run] == records  # in order, each once
    assert all(len(run) <= 2 for run in runs) and len(runs) >= len(records) / 2
    monkeypatch.setattr(books, "PAGES", 0.5)  # an entry longer than a volume: alone, never split
    assert [len(run) for run in books.volumes(records)] == [1] * len(records)


def test_a_rebuild_reuses_the_pdfs_whose_inputs_did_not_change_and_forgets_the_rest(tmp_path):
    from generator.pdf.cache import Cache
    from generator.pdf.engine import Laid

    picture = tmp_path / "a.jpg"
    picture.write_bytes(b"one")
    work = ("<p>书</p>", ["p {}"], {"book:/media/a.jpg": picture})
    first = Cache(tmp_path / "pdf")
    key = first.key(*work)
    assert first.get(key) is None
    first.put(key, Laid(b"%PDF-1.7 book\n%%EOF\n", 12))
    again = Cache(tmp_path / "pdf")
    kept = again.get(again.key(*work))
    assert kept is not None and (kept.data, kept.pages) == (b"%PDF-1.7 book\n%%EOF\n", 12)
    assert again.key("<p>书。</p>", *work[1:]) != key            # a changed text
    assert again.key(work[0], ["p { color: red }"], work[2]) != key  # a changed stylesheet
    picture.write_bytes(b"other picture")                           # a changed picture
    assert again.key(*work) != key
    cut = Cache(tmp_path / "pdf")
    (tmp_path / "pdf" / f"{key}-12.pdf").write_bytes(b"%PDF-1.7 bo")  # cut short (a full disk): laid out again
    assert cut.get(key) is None
    unused = Cache(tmp_path / "pdf")
    unused.prune()  # a build that made none of these books
    assert list((tmp_path / "pdf").iterdir()) == []
    assert Cache(None).get(key) is None  # no cache folder: every book is laid out


def test_a_split_kind_gets_volumes_of_about_even_size(monkeypatch):
    records = list(range(10))  # ten entries of one page each, volumes of at most nine pages
    monkeypatch.setattr(books, "pages", lambda record: 1.0)
    monkeypatch.setattr(books, "PAGES", 9)
    runs = books.volumes(records)  # type: ignore[arg-type]
    assert [len(run) for run in runs] == [6, 4]  # not 9 and a last volume of 1
    assert [r for run in runs for r in run] == records


def test_a_book_starts_as_soon_as_the_pages_it_holds_have_their_html(monkeypatch):
    from generator import addresses
    from generator.pdf import write

    catalog = sample_catalog()
    downloads = books.books(catalog)
    plan, compilation = downloads[2023]
    started: list[str] = []
    monkeypatch.setattr(pdf_site, "book_html", lambda book, *args: (started.append(book.file), ("<p>书</p>", {}))[1])
    monkeypatch.setattr(pdf_site, "_pool", lambda: None)  # laid out here, at finish
    monkeypatch.setattr(engine, "lay_out", lambda html, css, pictures: engine.Laid(b"%PDF-1.7\n%%EOF\n", 3))
    built = write.Built(lambda uri: None, lambda uri: None, "示例单位", "示例站", [], None)
    job = pdf_site.Job(catalog, downloads, built)
    assert started == ["2023-工作要点.pdf"]  # made from the catalog: at once
    pages = write.needs(compilation)
    assert {addresses.progress(2023), addresses.glossary(), addresses.documents()} < pages
    assert {r.url for _, records in compilation.parts for r in records} < pages
    last = sorted(pages)[-1]
    job.ready(*(pages - {last}), "index.md")
    assert started == ["2023-工作要点.pdf"]  # one page still missing
    job.ready(last)
    assert started == ["2023-工作要点.pdf", "2023-汇编.pdf"]
    result = job.finish()
    assert [(uri, made.pages) for uri, made in result.made.items()] == [(plan.uri, 3), (compilation.uri, 3)]
    assert result.problems == []


def test_books_waiting_for_a_page_the_site_lacks_start_when_every_page_is_converted(monkeypatch):
    from generator.pdf import write

    catalog = sample_catalog()
    downloads = books.books(catalog)
    started: list[str] = []
    monkeypatch.setattr(pdf_site, "book_html", lambda book, *args: (started.append(book.file), ("<p>书</p>", {}))[1])
    monkeypatch.setattr(pdf_site, "_pool", lambda: None)
    job = pdf_site.Job(catalog, downloads, write.Built(lambda uri: None, lambda uri: None, "", "", [], None))
    job.all_ready()
    assert started == ["2023-工作要点.pdf", "2023-汇编.pdf"]


class _BrokenPool:
    """Processes the host kills (no shared memory, out of memory): every book comes back broken."""

    def __init__(self, refuse: bool) -> None:
        self.refuse, self.submitted, self.shut = refuse, 0, False

    def submit(self, fn, *args):
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        self.submitted += 1
        if self.refuse:
            raise OSError("Function not implemented")  # the first process could not start
        future: Future = Future()
        future.set_exception(BrokenProcessPool("A process in the process pool was terminated abruptly"))
        return future

    def shutdown(self, wait=True, cancel_futures=False):
        self.shut = True


@pytest.mark.parametrize("refuse", [False, True], ids=["processes-killed", "processes-refused"])
def test_books_are_laid_out_in_the_build_when_the_layout_processes_die(monkeypatch, refuse):
    from generator.pdf import write

    catalog = sample_catalog()
    downloads = books.books(catalog)
    pool = _BrokenPool(refuse)
    monkeypatch.setattr(pdf_site, "book_html", lambda book, *args: ("<p>书</p>", {}))
    monkeypatch.setattr(pdf_site, "_pool", lambda: pool)
    laid_here: list[str] = []
    monkeypatch.setattr(engine, "lay_out", lambda html, css, pictures: (laid_here.append(html), engine.Laid(b"%PDF-1.7\n%%EOF\n", 2))[1])
    job = pdf_site.Job(catalog, downloads, write.Built(lambda uri: None, lambda uri: None, "", "", [], None))
    job.all_ready()
    result = job.finish()
    assert result.problems == []  # a broken process is the host's limit, not the build's failure
    assert sorted(result.made) == sorted(book.uri for year in downloads.values() for book in year)
    assert len(laid_here) == len(result.made) == 2
    # Refused: after the first refusal no book is offered to the processes again. Killed: both
    # books were handed over before the break showed, and both come back to this process.
    assert pool.submitted == (1 if refuse else 2) and pool.shut
