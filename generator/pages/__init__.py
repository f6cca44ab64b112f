"""Pages made from the catalog: the Jinja environment and its filters (``render``), the
listings and their paging, the plan's pages (citations, progress, comparison), units,
updates and related reading, the portal's blocks. Each returns ``{docs path: markdown}``."""
