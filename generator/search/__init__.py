"""Search and the words pages link: the index writer (``writer``, specified in
docs/search-index.md), a page cut into sections (``sections``), the traditional-character
table (``traditional``), glossary and document links in built pages (``terms``), and the
one HTML tokenizer these share (``markup``)."""
