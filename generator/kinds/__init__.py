"""The showcase kinds, one module each."""
