"""Party-building showcase site generator: YAML data in, Markdown pages for MkDocs out."""

# The package's version: pyproject.toml reads it from here, and `init` pins a new site's Makefile
# to it. Raise it with each release and say what changed in CHANGELOG.md.
__version__ = "0.2.0"
