"""Where a new query's time goes, stage by stage: ``query_stages.py SITE``; prints JSON.

The site's engine runs in a page of the site (as bench/engine_latency.py runs it); each query
of bench/transfer.py's set is asked once, after a first query that loads the meta pieces.
For each it gives the milliseconds from the ask to the answer, the wall time of each stage
of search-engine.js that waits for fetches (``lists``: the shards; ``loadBlocks``: the
blocks of common keys; ``promoteSentences``: the chunks read for sentences; ``group``: the
chunks of the excerpts; a stage's time includes the engine's own work in it), and how many
pieces of each kind (``p``, ``c``, ``t``) the query fetched. The stages are the engine's
functions of those names, wrapped in the page. Asserts nothing.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import probe  # noqa: E402  (bench/probe.py)
import transfer  # noqa: E402  (bench/transfer.py: the query set)

STAGES = ["lists", "loadBlocks", "promoteSentences", "group"]
RUN = """async ([queries, stages]) => {
  await searchEngine.search(queries[0]);
  const spent = {}, pieces = {};
  for (const name of stages) {
    const stage = self[name];
    self[name] = async (...args) => {
      const t = performance.now();
      try { return await stage(...args); } finally { spent[name] = (spent[name] || 0) + performance.now() - t; }
    };
  }
  const load = self.loadPiece;
  self.loadPiece = name => { const kind = name.split("/")[0]; pieces[kind] = (pieces[kind] || 0) + 1; return load(name); };
  const out = [];
  for (const query of queries.slice(1)) {
    for (const key of Object.keys(spent)) delete spent[key];
    for (const key of Object.keys(pieces)) delete pieces[key];
    const t = performance.now();
    await searchEngine.search(query);
    out.push({query, ms: performance.now() - t, stages: {...spent}, pieces: {...pieces}});
  }
  return out;
}"""


def measure(site: Path) -> dict:
    found, machine = probe.run_in_page(site, RUN, engine=True, arg=[transfer.QUERIES, STAGES])
    return {**machine, "ms_median": statistics.median(q["ms"] for q in found), "queries": found}


def main() -> None:
    print(json.dumps(measure(Path(sys.argv[1] if len(sys.argv) > 1 else "site")), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
