"""What the data means: the field types every kind shares (``fields``), what text, paths and
ids may hold (``safety``), links by id (``links``), the reference data entries point at
(``workplan`` and its ``seal``, ``units``, ``glossary``, ``documents``) and the ``catalog``
that holds everything loaded, linked and checked; ``validate`` explains in Chinese why a
read file does not fit its model. Nothing here renders a page."""
