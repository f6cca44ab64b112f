"""Reading editors' files: YAML with the line and column of every value (``loader``),
``quick`` for the common plain files, ``hints`` for YAML's own mistakes. What the values
must be is the models' business (``model/``)."""
