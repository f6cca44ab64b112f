"""make edit's forms: made from the models, saved as an editor writes YAML, checked as make check does."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import MINI_BRAND, ROOT
from edit_helpers import mini_project, running
from pydantic import Field

from generator.edit import entries, forms
from generator.edit.checking import form_path
from generator.edit.places import Place, place, places
from generator.kinds.brands import Brand
from generator.model.fields import ShortText
from generator.pipeline import ReadCache

BRAND = {"name": "新品牌", "branch": "alpha-first", "year": 2023, "summary": "一句话简介",
         "background": "背景。", "practices": "做法。", "results": "成效。"}


@pytest.fixture
def project(tmp_path):
    return mini_project(tmp_path)


@pytest.fixture(scope="module")
def sample_project(tmp_path_factory):
    """The repository's own sample data and news, hand-written files with their comments."""
    root = tmp_path_factory.mktemp("sample") / "project"
    for folder in ("data", "content", "schemas"):
        shutil.copytree(ROOT / folder, root / folder)
    return root.resolve()


def test_every_kind_is_offered_with_units_and_glossary_terms():
    assert [p.label for p in places()] == ["支部品牌", "党员风采", "书记论坛", "党建创新榜", "动态与通知", "单位", "提法释义"]


def test_references_are_pickers_showing_names_not_ids(project):
    schema = forms.form_schema(place("brands"), forms.pickers(project, ReadCache()))
    branch = schema["properties"]["branch"]
    assert branch["enum"][:3] == ["", "alpha-first", "alpha-second"]
    assert branch["options"]["enum_titles"][:3] == ["（请选择）", "甲单位 第一党支部", "甲单位 第二党支部"]
    points = schema["properties"]["points"]
    assert points["format"] == "checkbox" and points["items"]["enum"][0] == "2023-1"
    assert points["items"]["options"]["enum_titles"][0] == "2023 第1条 第一条"
    assert schema["properties"]["wuxing"]["items"]["enum"] == ["政治型", "服务型", "实干型", "文明型", "廉洁型"]
    assert schema["properties"]["year"]["type"] == "integer" and 2023 in schema["properties"]["year"]["enum"]
    assert schema["properties"]["featured"]["format"] == "checkbox"
    assert schema["properties"]["practices"]["options"]["markdown"] is True
    assert schema["properties"]["cover"]["options"] == {"picture": True, "folder": "brands"}
    photo = schema["properties"]["photos"]["items"]["properties"]
    assert photo["file"]["options"]["picture"] is True and photo["caption"]["title"] == "说明"
    news = forms.form_schema(place("news"), forms.Pickers(units=[("alpha", "甲单位")]))
    assert news["properties"]["date"]["format"] == "date"
    assert news["properties"]["units"]["items"]["options"]["enum_titles"] == ["甲单位"]
    assert news["properties"]["category"]["enum"] == ["", "工作动态", "通知公告"]


def test_a_terms_related_terms_and_the_place_of_its_meaning_are_pickers(sample_project):
    with running(sample_project) as client:
        schema = client.form("glossary", "wuxue-wubi")["schema"]
    related = schema["properties"]["related"]
    assert related["format"] == "checkbox" and related["uniqueItems"] is True
    terms = dict(zip(related["items"]["enum"], related["items"]["options"]["enum_titles"], strict=True))
    assert terms["sige-yishi"] == "四个意识" and terms["liangge-weihu"] == "两个维护"
    assert "wuxue-wubi" not in terms  # a term is not offered as related to itself
    place_from = schema["properties"]["meaning_from"]
    places = dict(zip(place_from["enum"], place_from["options"]["enum_titles"], strict=True))
    assert place_from["enum"][:3] == ["", "2023-总体要求", "2023-1"]
    assert places[""] == "（不选）" and places["2023-总体要求"] == "2023 总体要求"
    assert places["2023-2"].startswith("2023 第2条 ") and len(places["2023-2"]) > len("2023 第2条 ")


def test_related_terms_picked_in_the_form_are_saved_as_ids_and_pass_the_check(sample_project, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(sample_project, root)
    opened = entries.open_entry(root, place("glossary"), "wuxue-wubi")
    with running(root) as client:
        status, body = client.save("glossary", "wuxue-wubi", {**opened.value, "related": ["sige-yishi", "liangge-weihu"]}, opened.hash)
    assert status == 200 and body["problems"] == [] and body["complete"], body
    text = (root / "data" / "glossary.yml").read_text(encoding="utf-8")
    assert "    related:\n      - sige-yishi\n      - liangge-weihu\n" in text


def test_labels_and_help_are_the_models_chinese_titles_and_descriptions(project):
    schema = forms.form_schema(place("brands"), forms.Pickers())
    assert schema["properties"]["name"]["title"] == "品牌名称"
    assert schema["properties"]["featured"]["description"].startswith("true 表示在首页")
    assert [n for n, _ in sorted(schema["properties"].items(), key=lambda p: p[1]["propertyOrder"])][:3] == ["name", "branch", "year"]


def test_a_field_added_to_a_model_appears_in_the_form_with_no_form_code():
    class Wider(Brand):
        motto: ShortText | None = Field(default=None, title="座右铭（可选）", description="新加的字段")

    schema = forms.form_schema(Place("brands", "支部品牌", Wider, "data/brands/*.yml"), forms.Pickers())
    assert schema["properties"]["motto"]["title"] == "座右铭（可选）"
    assert schema["properties"]["motto"]["type"] == "string"  # "X | None" is one text box, not a choice of types


@pytest.mark.parametrize(("kind", "ident"), [("brands", "hongse-shuxiang"), ("members", "he-jianguo"), ("forums", "luntan-1"),
                                             ("innovations", "shuju-dangjian-yitutong"), ("units", "zhengwu"),
                                             ("glossary", "sige-yishi"), ("news", "2023-nongye-luntan")])
def test_saving_an_unchanged_form_leaves_the_file_byte_for_byte_the_same(sample_project, kind, ident):
    where = place(kind)
    path = where.file(sample_project, ident)
    before = path.read_bytes()
    opened = entries.open_entry(sample_project, where, ident)
    entries.save(sample_project, where, ident, opened.value, opened.hash, new=False)
    assert path.read_bytes() == before


def test_editing_a_hand_written_file_keeps_its_comments_and_style(sample_project):
    where = place("brands")
    path = where.file(sample_project, "hongse-shuxiang")
    opened = entries.open_entry(sample_project, where, "hongse-shuxiang")
    value = {**opened.value, "slogan": "书香满支部", "results": "第一段。\n\n第二段。", "year": 2021}
    entries.save(sample_project, where, "hongse-shuxiang", value, opened.hash, new=False)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[:3] == ["# yaml-language-server: $schema=../../schemas/brand.schema.json", "# 示例条目：人物、单位均为虚构。", "sample: true"]
    assert "year: 2021" in lines
    # the new field goes where the model has it: after summary, before background
    assert lines.index("slogan: 书香满支部") == lines.index("summary: 以读书分享带动理论学习，让学习成为支部常态") + 1
    assert lines[lines.index("results: |-") + 1:lines.index("results: |-") + 4] == ["  第一段。", "", "  第二段。"]
    assert "wuxing: [政治型, 文明型]" in lines  # unchanged values keep the style they were written in


def test_editing_one_unit_changes_only_its_lines_and_keeps_the_files_comments(sample_project):
    where = place("units")
    path = sample_project / "data" / "units.yml"
    before = path.read_text(encoding="utf-8").split("\n")
    opened = entries.open_entry(sample_project, where, "nongye")
    entries.save(sample_project, where, "nongye", {**opened.value, "name": "示例市农业农村局"}, opened.hash, new=False)
    after = path.read_text(encoding="utf-8").split("\n")
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [("    name: 示例市农业农村发展中心", "    name: 示例市农业农村局")]


def test_a_new_file_is_written_as_new_writes_it(project):
    with running(project) as client:
        value = {**BRAND, "practices": "- 第一条\n- 第二条", "wuxing": ["服务型"], "points": ["2023-1", "2023-2"],
                 "slogan": "", "photos": [], "featured": False, "sample": False}
        status, body = client.save("brands", "xin", value, "", new=True)
        assert status == 200 and body["problems"] == [], body
    text = (project / "data" / "brands" / "xin.yml").read_text(encoding="utf-8")
    assert text == (
        "# yaml-language-server: $schema=../../schemas/brand.schema.json\n"
        "name: 新品牌\nbranch: alpha-first\nyear: 2023\nsummary: 一句话简介\nbackground: 背景。\n"
        "practices: |-\n  - 第一条\n  - 第二条\nresults: 成效。\n"
        "wuxing:\n  - 服务型\npoints:\n  - 2023-1\n  - 2023-2\n")


def test_a_new_news_item_is_markdown_with_front_matter(project):
    with running(project) as client:
        value = {"title": "开展主题党日", "date": "2023-05-12", "category": "工作动态", "units": ["alpha"],
                 "body": "第一段。\n\n第二段。", "event": False}
        status, body = client.save("news", "2023-zhuti", value, "", new=True)
        assert status == 200 and body["problems"] == [], body
    assert (project / "content" / "news" / "posts" / "2023-zhuti.md").read_text(encoding="utf-8") == (
        "---\ntitle: 开展主题党日\ndate: 2023-05-12\ncategory: 工作动态\nunits:\n  - alpha\n---\n\n第一段。\n\n第二段。\n")


def test_each_kind_of_mistake_is_shown_at_its_field_with_file_line_and_column(project):
    (project / "data" / "media" / "brands" / "fake.jpg").write_text("不是图片", encoding="utf-8")
    with running(project) as client:
        value = {**BRAND, "branch": "nope-first", "results": "成效<script>alert(1)</script>", "cover": "media/brands/fake.jpg"}
        del value["summary"]
        status, body = client.save("brands", "cuo", value, "", new=True)
        assert status == 200 and body["saved"]
        found = {p["path"]: p for p in body["problems"]}
        assert set(found) == {"root.summary", "root.results", "root.branch", "root.cover"}, body["problems"]
        assert "缺少必填字段“summary”" in found["root.summary"]["message"]
        assert "<script>" in found["root.results"]["message"] and found["root.results"]["where"] == "data/brands/cuo.yml:7:10"
        assert found["root.branch"]["message"].startswith("未知的党支部“nope-first”")
        assert found["root.branch"]["where"] == "data/brands/cuo.yml:3:9"
        assert "fake.jpg" in found["root.cover"]["message"] and "不是完好的图片" in found["root.cover"]["message"]
        opened = client.form("brands", "cuo")
        fixed = {**opened["value"], "summary": "简介", "results": "成效。", "branch": "alpha-first"}
        del fixed["cover"]
        status, body = client.save("brands", "cuo", fixed, opened["hash"])
        assert body["problems"] == []
        news = {"title": "标题", "date": "2023-02-30", "category": "工作动态", "body": "正文"}
        status, body = client.save("news", "cuo-riqi", news, "", new=True)
        assert [(p["path"], p["where"]) for p in body["problems"]] == [("root.date", "content/news/posts/cuo-riqi.md:3:7")]
        assert "不存在" in body["problems"][0]["message"]


def test_message_paths_map_to_the_forms_fields():
    assert form_path("sections[0].points[1].number") == "root.sections.0.points.1.number"
    assert form_path("photos[2].file") == "root.photos.2.file"
    assert form_path("") == "root"
    assert form_path("units[2].branches[0].id", "units[2]") == "root.branches.0.id"
    assert form_path("units[3].name", "units[2]") is None
    assert form_path("units[20].name", "units[2]") is None


def test_the_start_page_lists_every_kind_newest_first_and_searches_titles(project):
    (project / "data" / "brands").mkdir(exist_ok=True)
    for ident, year in (("old", 2019), ("new", 2023), ("mid", 2021)):
        (project / "data" / "brands" / f"{ident}.yml").write_text(MINI_BRAND.replace("2023", str(year)).replace("新品牌", f"品牌{ident}"),
                                                                  encoding="utf-8")
    (project / "data" / "brands" / "half.yml").write_text("name: 写了一半\nyear: 2024\n", encoding="utf-8")
    with running(project) as client:
        client.server.app.checker.run()  # as at start: the list then reads what check read
        kinds = client.server.app.kinds()["kinds"]
        brands = next(k for k in kinds if k["key"] == "brands")
        assert [e["id"] for e in brands["entries"] if e["id"] in ("new", "mid", "old")] == ["new", "mid", "old"]
        # a file check refuses is still listed, by what it has, after the complete ones
        assert brands["entries"][-1] == {"id": "half", "title": "写了一半", "year": "2024"}
        assert brands["entries"][0] == {"id": "new", "title": "品牌new", "year": "2023"}
        found = client.server.app.kinds("品牌m")["kinds"]
        assert [e["id"] for k in found for e in k["entries"]] == ["mid"]


def test_previews_link_into_the_site_preview_as_the_site_addresses_pages(project):
    from generator.edit.api import App

    app = App(project, site_preview=False)
    app.checker.run()
    assert app.page_address("brands", "qingfeng") == "/site/brands/qingfeng/"
    assert app.page_address("news", "2023-x") == "/site/news/2023-x/"
    assert app.page_address("units", "alpha") == "/site/units/alpha/"
    html = app.markdown("见[第一条](point:2023-1)和[甲单位](unit:alpha)。\n\n<script>alert(1)</script>")
    assert '<a href="/site/workplan/2023/#point-1">第一条</a>' in html
    assert '<a href="/site/units/alpha/">甲单位</a>' in html
    assert "<script>" not in html


def test_a_save_answers_with_the_entrys_own_problems_at_once_and_the_whole_check_follows(project):
    with running(project) as client:
        client.server.app.checker.run()  # as at start
        value = {**BRAND, "branch": "nope-first", "practices": "见[第一条](point:2023-99)。"}
        status, body = client.save("brands", "kuai", value, "", new=True)
        assert status == 200 and body["complete"] is False
        quick = sorted((p["path"], p["where"]) for p in body["problems"])
        assert quick == [("root.branch", "data/brands/kuai.yml:3:9"), ("root.practices", "data/brands/kuai.yml:7:12")]
        assert "未知的党支部“nope-first”" in body["problems"][0]["message"]
        status, _, data = client.get(f"/api/check?kind=brands&id=kuai&ticket={body['ticket']}")
        whole = json.loads(data)
        assert status == 200 and whole["complete"] is True
        assert sorted((p["path"], p["where"]) for p in whole["problems"]) == quick
        (project / "data" / "units.yml").write_text("units: []\n", encoding="utf-8")  # another file goes wrong
        opened = client.form("brands", "kuai")
        status, body = client.save("brands", "kuai", {**opened["value"], "branch": "alpha-first", "practices": "做法。"}, opened["hash"])
        assert body["complete"] is False and body["problems"] == []  # against the last good catalog: nothing wrong here
        whole = json.loads(client.get(f"/api/check?kind=brands&id=kuai&ticket={body['ticket']}")[2])
        assert any(p.startswith("data/units.yml:") for p in whole["others"]), whole


def test_the_markdown_buttons_link_by_id_to_points_units_and_each_kinds_entries(project):
    with running(project) as client:
        groups = {g["prefix"]: g for g in client.form("brands")["links"]}
        assert list(groups) == ["point", "brand", "member", "forum", "innovation", "unit"]
        assert groups["point"]["choices"][0] == ["2023-1", "2023 第1条 第一条", "第一条"]
        assert groups["unit"]["choices"] == [["alpha", "甲单位"], ["beta", "乙单位"]]
        assert groups["brand"]["choices"] is None  # a kind's entries are asked for when the button is used
        status, _, data = client.get("/api/choices?kind=brands")
        assert status == 200 and json.loads(data)["choices"] == [["qingfeng", "清风<品牌> & 标记"]]
