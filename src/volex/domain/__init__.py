"""Pure domain logic of Volex: plain data in, plain data out.

Nothing in this package imports Django or a Volex app (an import-linter contract enforces it), so
rules and algorithms can be tested and benchmarked alone.
"""
