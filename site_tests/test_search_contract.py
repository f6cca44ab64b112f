"""One index format, two implementations: the shared vectors of docs/search-index.md.

pytest checks the Python writer (generator/search/writer.py) against search_vectors.json; node
runs the browser's engine (search-engine.js) on the same vectors and on an index the writer
built for the vectors' small corpus, so the two sides cannot drift apart unnoticed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, read_varint

from generator.search import pieces, pinyin
from generator.search import writer as search_index

VECTORS = json.loads((Path(__file__).parent / "search_vectors.json").read_text(encoding="utf-8"))
ENGINE = ROOT / "generator" / "theme" / "assets" / "javascripts" / "search-engine.js"


@pytest.mark.parametrize(("text", "folded"), VECTORS["fold"])
def test_python_folds_as_specified(text, folded):
    assert search_index.fold(text) == folded and len(folded) == len(text)


@pytest.mark.parametrize(("text", "keys"), VECTORS["keys"])
def test_python_cuts_keys_as_specified(text, keys):
    assert [list(k) for k in search_index.keys(search_index.fold(text))] == keys


@pytest.mark.parametrize(("key", "shards", "shard"), VECTORS["shards"])
def test_python_shards_keys_as_specified(key, shards, shard):
    assert search_index.shard_of(key, shards) == shard


@pytest.mark.parametrize(("key", "first"), VECTORS["shardKeys"])
def test_python_shards_an_alias_with_its_first_key(key, first):
    assert search_index.shard_key(key) == first


@pytest.mark.parametrize(("title", "keys"), VECTORS["pinyin"])
def test_python_spells_titles_as_specified(title, keys):
    assert [list(k) for k in pinyin.keys(search_index.fold(title))] == keys


@pytest.mark.parametrize(("values", "hex_bytes"), VECTORS["varints"])
def test_python_writes_varints_as_specified(values, hex_bytes):
    data = search_index.varints(values)
    assert data.hex() == hex_bytes
    pos, back = 0, []
    while pos < len(data):
        value, pos = read_varint(data, pos)
        back.append(value)
    assert back == values


@pytest.mark.parametrize(("values", "text"), VECTORS["planes"])
def test_python_writes_planes_as_specified(values, text):
    assert pieces.planes(values) == text and pieces.read_planes(text) == values


def _node() -> str:
    """node, which runs search-engine.js; a CI run without it fails, a run elsewhere skips."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is needed to check search-engine.js (.ci/run must install nodejs)", pytrace=False)
        pytest.skip("node is not installed: search-engine.js cannot be checked here")
    return node


@pytest.fixture(scope="module", params=["stream", "inflate", "common"])
def engine_says(request, tmp_path_factory) -> dict:
    """What search-engine.js gives for every vector, run by node over an index the Python
    writer built from the vectors' corpus: with DecompressionStream, and without it (the
    engine then inflates the pieces with the vendored inflate). ``common``: every key of the
    text is common, its offsets in blocks of one doc each, as the most frequent keys of a
    large site are: the answers must be the same."""
    node = _node()
    folder = tmp_path_factory.mktemp("contract") / "search"
    index = search_index.SearchIndex(**({"common_bytes": 0, "block_bytes": 1} if request.param == "common" else {}))
    for url, title, html, *options in VECTORS["ranking"]["pages"]:
        index.add_page(url, title, html, options=search_index.PageOptions.of(options[0] if options else {}))
    search_index.replace_index(index, folder)
    # A browser with DecompressionStream runs the engine piece (the script without its comment
    # lines); one without, the script itself.
    engine = ENGINE
    if request.param == "stream":
        engine = folder.parent / "engine-piece.js"
        engine.write_bytes(search_index.engine_piece(ENGINE.read_bytes()))
    found = subprocess.run([node, str(Path(__file__).parent / "search_contract.mjs"), str(engine),
                            str(Path(__file__).parent / "search_vectors.json"), str(folder),
                            "inflate" if request.param == "inflate" else "stream"],
                           capture_output=True, text=True, timeout=120)
    assert found.returncode == 0, found.stderr
    says = json.loads(found.stdout)
    assert says.pop("inflated") == (request.param == "inflate"), "the vendored inflate did the work"
    if request.param == "common":
        assert list((folder / "c").iterdir()), "the offsets went to blocks"
    says["mode"] = request.param
    return says


@pytest.mark.parametrize("part", ["fold", "shards", "shardKeys", "points", "syllables", "typing"])
def test_the_engine_agrees_with_the_vectors(engine_says, part):
    expected = [vector[-1] for vector in VECTORS[part]]
    assert engine_says[part] == expected


def test_the_engine_cuts_query_keys_as_specified(engine_says):
    # The engine needs the keys of a query, not their offsets.
    assert engine_says["keys"] == [[key for key, _ in keys] for _, keys in VECTORS["keys"]]


def test_the_engine_reads_varints_as_specified(engine_says):
    assert engine_says["varints"] == [values for values, _ in VECTORS["varints"]]


def test_the_engine_reads_planes_as_specified(engine_says):
    assert engine_says["planes"] == [values for values, _ in VECTORS["planes"]]


@pytest.mark.parametrize("number", range(len(VECTORS["ranking"]["queries"])),
                         ids=[q[0] for q in VECTORS["ranking"]["queries"]])
def test_the_engine_ranks_the_small_corpus_as_specified(engine_says, number):
    query, expected, why = VECTORS["ranking"]["queries"][number]
    assert engine_says["ranking"][number] == expected, why


@pytest.mark.parametrize("number", range(len(VECTORS["notices"])), ids=[n[0] for n in VECTORS["notices"]])
def test_the_engine_says_which_word_is_missing_and_when_results_are_partial(engine_says, number):
    query, kind, words = VECTORS["notices"][number]
    said = engine_says["notices"][number]
    if kind is None:
        assert said["notice"] is None and said["results"]
    elif kind == "absent":
        # nothing shown, and a line naming each word the site lacks
        assert said["results"] == 0 and said["notice"].startswith("没有找到")
        assert all(f"“{word}”" in said["notice"] for word in words)
    else:
        assert said["results"] and "一部分" in said["notice"]


APART = "以下结果含有这些字词，但不是连在一起的原样。"
UNCHECKED = "以下结果含有这些字词；结果很多，其中一些页面没有逐一核对这些字词是否连在一起。"


def _plain(html: str) -> str:
    return re.sub(r"<[^>]*>", "", html)


def test_the_line_never_says_apart_of_a_page_that_holds_the_query_as_typed(engine_says):
    """Under any budget of blocks, the line says "not together" only where no page below it has
    the query as typed in its text; where some were not checked, it says so instead."""
    texts = {url: _plain(html) for url, _, html, *_ in VECTORS["ranking"]["pages"]}
    said = set()
    for answer in engine_says["lines"]:
        said.add(answer["lineText"])
        typed = re.sub(r"\s+", "", answer["query"])
        holding = [url for url in answer["below"] if typed in texts.get(url.split("#")[0], "")]
        if answer["lineText"] == APART:
            assert not holding, f"{answer['query']} (budget {answer['budget']}): {holding} hold it"
    assert said <= {None, APART, UNCHECKED}
    # The vectors have a line in every mode; blocks left unloaded only where keys are common.
    assert APART in said
    assert (UNCHECKED in said) == (engine_says["mode"] == "common")


def _shape(answer: dict) -> dict:
    """An answer without what only the worker's answers carry."""
    return {key: value for key, value in answer.items() if key not in ("more", "again", "total")}


def _listed(whole: dict, listed: int) -> dict:
    """``search``'s answer as the worker lists it: its first ``listed`` groups."""
    return {**whole, "items": whole["items"][:listed]}


def test_the_worker_answers_in_search_order_and_its_second_answer_equals_search(engine_says):
    """The first answer lists the groups in the order ``search`` gives; a second one, sent only
    if the first says ``more`` and no newer query was asked, is ``search``'s answer (as far as
    listed); waiting for no excerpt makes some queries answer twice; a query followed by a
    newer one before its answer is ready gets none."""
    seconds = dropped = 0
    for case in engine_says["answers"]:
        sent, expected = case["sent"], _listed(case["whole"], case["listed"])
        if case["newer"] == "never":
            assert sent == [], f"{case['query']}: answered though a newer query was asked"
            continue
        assert sent, case["query"]
        first = sent[0]
        assert [g[0]["location"] for g in first["items"]] == [g[0]["location"] for g in expected["items"]]
        if not first.get("more"):
            assert len(sent) == 1 and _shape(first) == expected, case["query"]
            continue
        if case["newer"] == "after-first":
            assert len(sent) == 1, f"{case['query']}: a second answer after a newer query was asked"
            dropped += 1
            continue
        assert len(sent) == 2 and sent[1].get("again") and not sent[1].get("more"), case["query"]
        assert _shape(sent[1]) == expected, case["query"]
        seconds += 1
    assert seconds and dropped


def test_the_worker_lists_the_first_groups_and_says_how_many(engine_says):
    capped = [case for case in engine_says["answers"] if case["listed"] == 2 and len(case["whole"]["items"]) > 2]
    assert capped
    for case in capped:
        first, whole = case["sent"][0], case["whole"]
        assert first["total"] == len(whole["items"])
        assert [g[0]["location"] for g in first["items"]] == [g[0]["location"] for g in whole["items"][:2]]
    assert all("total" not in sent for case in engine_says["answers"] if case["listed"] >= len(case["whole"]["items"])
               for sent in case["sent"])


def test_a_query_of_two_words_reads_at_most_twelve_chunks_for_its_sentences(tmp_path):
    """40 pages, each its own text chunk, hold 廉洁 and 提醒 in different sentences (the section
    tier) but for two that hold both in one: the 6th in order, whose chunk is among the first
    12 read, moves up; the 30th, whose chunk would be the 30th, is not read and keeps its place."""
    node = _node()
    index = search_index.SearchIndex()
    filler = "开展学习活动，" * 160  # over a chunk's 1,024 characters: one chunk a page
    for i in range(40):
        body = "廉洁的事要常提醒。" if i in (5, 29) else "廉洁是底线。常提醒。"
        text = body + filler + "示" * i  # longer page by page: the order within a tier
        index.add_page(f"p{i:02}/", f"页{i:02}", f'<h1 id="h">页{i:02}</h1><p>{text}</p>')
    folder = tmp_path / "search"
    search_index.replace_index(index, folder)
    assert len(list((folder / "t").iterdir())) >= 40
    found = subprocess.run([node, str(Path(__file__).parent / "engine_fetches.mjs"), str(ENGINE), str(folder), "廉洁 提醒"],
                           capture_output=True, text=True, timeout=120)
    assert found.returncode == 0, found.stderr
    says = json.loads(found.stdout)
    order = [f"p{i:02}/" for i in range(40)]
    assert says["pages"] == ["p05/"] + [page for page in order if page != "p05/"]
    chunks = {path for path in says["fetched"] if path.startswith("t/")}
    assert len(chunks) <= 12 + 10, sorted(chunks)  # the sentences' chunks and the excerpts' ten
