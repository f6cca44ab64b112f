"""The offline build's setting (extra.offline, which `make offline` adds): what it changes in
the built site, and a wrong value told in Chinese. The folder itself is opened from the disk
in site_tests/browser/test_offline_folder.py."""

from __future__ import annotations

import yaml
from conftest import MINI, mkdocs_build, project_config


def build(tmp_path, offline, site_url: str | None = None):
    config = project_config(tmp_path, MINI, site_url=site_url)
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["extra"]["offline"] = offline
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return mkdocs_build(config, tmp_path / "site"), tmp_path / "site"


def test_offline_links_files_and_names_no_address_even_with_site_url(tmp_path):
    run, site = build(tmp_path, True, site_url="http://dangjian.example/dangjian/")
    assert run.returncode == 0, run.stderr
    assert not (site / "404.html").exists() and not (site / "sitemap.xml").exists()
    assert (site / "units" / "index.html").is_file() and not (site / "units" / "alpha").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="units/index.html"' in home and "dangjian.example" not in home
    assert "assets/javascripts/search-offline.js" in home
    assert (site / "search" / "meta" / "0.js").is_file() and not (site / "search" / "meta" / "0.bin").exists()


def test_a_wrong_offline_setting_is_told_in_chinese(tmp_path):
    run, _ = build(tmp_path, "yes")
    assert run.returncode != 0
    assert "extra.offline 只能写 true 或 false（现在是 'yes'）" in run.stderr
    assert "Traceback" not in run.stderr
