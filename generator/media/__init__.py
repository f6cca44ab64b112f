"""Pictures: which files may be published (``checks``), their sizes made once and cached
(``renditions``), and the sizes each ``<img>`` of a built page offers (``figures``)."""
