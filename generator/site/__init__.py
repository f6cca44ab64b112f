"""The MkDocs side: the plugin (the only module importing MkDocs), the live preview's
partial rebuilds and the HTML allowlist every generated page passes."""
