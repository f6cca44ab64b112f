"""Reading editors' files: YAML with the line of every value (``loader``, ``quick`` for the
common plain files, ``hints`` for YAML's own mistakes), and ``validate``, which checks a read
file against its model and explains every error in Chinese."""
