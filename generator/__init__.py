"""Party-building showcase site generator: YAML data in, Markdown pages for MkDocs out."""
