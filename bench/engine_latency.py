"""Where a query's time goes in Chromium: the site's search engine run in a page of the site
(as search-offline.js runs it), each query of bench/transfer.py's set asked once (its pieces
fetched and inflated, as in transfer.py's key-up to results) and then five times more (pieces
held: the engine's own work), and the time to copy its answer as the worker's postMessage does.
``engine_latency.py SITE``; prints a JSON report. Asserts nothing."""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import probe  # noqa: E402  (bench/probe.py)
import transfer  # noqa: E402  (bench/transfer.py: the query set)

RUN = """async (queries) => {
  await searchEngine.search(queries[0]);
  const out = [];
  for (const query of queries.slice(1)) {
    let t = performance.now();
    const answer = await searchEngine.search(query);
    const first = performance.now() - t, again = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      await searchEngine.search(query);
      again.push(performance.now() - t);
    }
    t = performance.now();
    structuredClone(answer);
    again.sort((a, b) => a - b);
    out.push({query, groups: answer.items.length, first_ms: first, again_ms: again[2], copy_ms: performance.now() - t});
  }
  return out;
}"""


def measure(site: Path) -> dict:
    found, machine = probe.run_in_page(site, RUN, engine=True, arg=transfer.QUERIES)
    return {**machine, "first_ms_median": statistics.median(q["first_ms"] for q in found),
            "again_ms_median": statistics.median(q["again_ms"] for q in found), "queries": found}


def main() -> None:
    print(json.dumps(measure(Path(sys.argv[1] if len(sys.argv) > 1 else "site")), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
