"""`make bench`: what users feel, measured (see bench/run.py)."""
