"""The preview's page for data with mistakes: every request answered at once with check's
messages, and the site back as soon as the file is saved fixed.

Under ``mkdocs serve`` a build that raises leaves the server waiting for a good build before
it answers anything, so the browser hangs. Instead the plugin finishes a build of no pages
and writes this page as the site's index and its 404 page, which the server answers for every
other address. The last good build's files are kept aside meanwhile (moved, not copied, in
the site folder itself, which MkDocs removes when it stops) and moved back when the data is
right again, so the preview rebuilds only what the fix changed.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from ..errors import DataErrors

KEPT = ".showcase-kept"  # hidden: MkDocs neither serves it by name nor cleans it

# The page polls the server's reload address itself: as the 404 page it is served without
# the script MkDocs adds to pages, and it must still turn into the site once the build passes.
# XMLHttpRequest, not fetch: old office browsers.
RELOAD = """(function () {
  var known = null;
  function poll() {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/livereload/" + (known === null ? 0 : known) + "/0");
    xhr.onload = function () {
      var epoch = parseInt(xhr.responseText, 10);
      if (known !== null && epoch > known) { location.reload(); return; }
      if (!isNaN(epoch)) { known = epoch; }
      poll();
    };
    xhr.onerror = function () { setTimeout(poll, 1000); };
    xhr.send();
  }
  poll();
})();"""

PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>数据有误，暂时无法预览</title>
<style>
body {{ font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; max-width: 60rem;
  margin: 2rem auto; padding: 0 1rem; line-height: 1.6; color: #212121; }}
h1 {{ color: #b71c1c; font-size: 1.5rem; }}
ol li {{ margin: .6rem 0; font-family: ui-monospace, "Noto Sans Mono CJK SC", monospace;
  white-space: pre-wrap; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<h1>数据有误，暂时无法预览</h1>
<p>下面 {count} 处问题与 <code>make check</code> 列出的相同，每条写明“文件:行:列: 字段: 说明及改法”。
逐条改正并保存文件后，这个页面会自动变回网站。</p>
<ol>
{items}
</ol>
<p>{total}</p>
<script>
{reload}
</script>
</body>
</html>
"""


def page(errors: DataErrors) -> str:
    """The page listing every problem, as check lists them."""
    lines = errors.report().splitlines()
    items = "\n".join(f"<li>{html.escape(line)}</li>" for line in lines[:-1])
    return PAGE.format(count=len(errors.problems), items=items, total=html.escape(lines[-1]), reload=RELOAD)


def show(site_dir: Path, errors: DataErrors, keep: bool) -> None:
    """Make the page the whole site; ``keep``: move the last good build's files aside first."""
    if keep:
        _keep(site_dir)
    text = page(errors).encode("utf-8")
    for name in ("index.html", "404.html"):
        (site_dir / name).write_bytes(text)


def bring_back(site_dir: Path) -> None:
    """The data is right again: the last good build's files return (this build rewrites what changed)."""
    kept = site_dir / KEPT
    if not kept.is_dir():
        return
    for entry in list(kept.iterdir()):
        target = site_dir / entry.name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        entry.rename(target)
    kept.rmdir()


def _keep(site_dir: Path) -> None:
    kept = site_dir / KEPT
    if kept.is_dir():  # already aside: the site holds only this page
        return
    kept.mkdir(parents=True)
    for entry in list(site_dir.iterdir()):
        if entry.name != KEPT:
            entry.rename(kept / entry.name)
