"""Long lists cut into pages: addresses, groups running over pages, the pager."""

from __future__ import annotations

from generator.addresses import page as page_path
from generator.pages.paging import paginate


def test_page_addresses_keep_the_first_page_and_never_clash_with_an_entry():
    assert page_path("brands/index.md", 1) == "brands/index.md"
    assert page_path("brands/index.md", 2) == "brands/page/2.md"  # brands/2.md could be entry "2"
    assert page_path("units/zhengwu.md", 3) == "units/zhengwu/3.md"
    assert page_path("workplan/2023/points/5.md", 2) == "workplan/2023/points/5/2.md"


def test_every_item_lands_on_exactly_one_page_in_order():
    items = list(range(250))
    paged = paginate(items, "x/index.md", per_page=100)
    assert [len(p.items) for p in paged.pages] == [100, 100, 50]
    assert [i for p in paged.pages for i in p.items] == items
    assert [p.path for p in paged.pages] == ["x/index.md", "x/page/2.md", "x/page/3.md"]
    assert paginate([], "x/index.md").pages[0].items == []


def test_a_group_is_anchored_only_where_it_starts_and_counted_whole():
    items = [("a", i) for i in range(3)] + [("b", i) for i in range(4)] + [("c", 0)]
    paged = paginate(items, "u/x.md", key=lambda item: item[0], per_page=5)
    first, second = paged.pages
    assert [(g.key, len(g.items), g.anchored, g.total) for g in first.groups] == [("a", 3, True, 3), ("b", 2, True, 4)]
    assert [(g.key, len(g.items), g.anchored, g.total) for g in second.groups] == [("b", 2, False, 4), ("c", 1, True, 1)]
    assert paged.starts == {"a": "u/x.md", "b": "u/x.md", "c": "u/x/2.md"}


def test_pager_links_every_neighbour_and_both_ends():
    paged = paginate(list(range(1000)), "k/index.md", per_page=100)
    labels = [(link.label, link.path, link.current) for link in paged.pager(paged.pages[4])]
    assert labels[0] == ("上一页", "k/page/4.md", False)
    assert labels[-1] == ("下一页", "k/page/6.md", False)
    numbers = [label for label, _, _ in labels[1:-1]]
    assert numbers == ["1", "…", "3", "4", "5", "6", "7", "…", "10"]
    assert ("5", None, True) in labels
    assert paginate(list(range(10)), "k/index.md").pager(paginate(list(range(10)), "k/index.md").pages[0]) == []
