"""Corner Station's benchmarks: figures at the scale of a busy store's year, each as a ratio
to a bare baseline measured in the same run. `python -m bench --help`; see bench/README.md.

Not part of the test run (tests assert behaviour, never timings); tests/bench has a smoke run.
"""
