"""The editors’ road to review: the form editor and the submit that opens the pull request."""
