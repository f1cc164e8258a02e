# `make bench`: what users feel, measured on this machine (cold and warm start of the
# validator, one check, first-visit bytes, build growth). Writes bench/results.json and
# docs/performance.md + docs/performance.en.md. BENCH_ARGS passes options, e.g.
#   make bench BENCH_ARGS="--build-factors 1,5,10 --cold-runs 1"
#   make bench BENCH_ARGS=--quick     every figure once, in a few minutes (tests/test_bench.py runs it)
BENCH_ARGS ?=

bench: site
	$(PY) -m bench.run $(BENCH_ARGS)
