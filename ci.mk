# Publishing checks, included by the Makefile (its `check` stays lint + test).
#   make compat          new schemas against the published ones (BASE, default origin/main)
#   make check-publish   lint + test + compat: what a pull request must pass before merge
#   make lint-workflows  actionlint + zizmor over .github/workflows (part of make check)
# BASE is any git ref; when it is absent (no remote, a fresh clone without origin/main) the
# check compares with HEAD, i.e. catches breaking edits not yet committed.

BASE ?= origin/main

.PHONY: compat check-publish

compat: $(VENV)/.installed
	@base="$(BASE)"; \
	if ! git rev-parse --verify --quiet "$$base^{commit}" >/dev/null; then \
	  echo "compat: $$base not found, comparing with HEAD / 未找到 $$base，改与 HEAD 比较"; base=HEAD; \
	fi; \
	$(VENV)/bin/policy-site compat --base-ref "$$base"

check-publish: lint test compat

# The workflows, linted offline: actionlint (syntax, expressions, deprecated action runtimes)
# and zizmor (security: unpinned actions, persisted credentials, injection). Both are pinned
# dev dependencies in pyproject.toml; `make check` runs this. actionlint's shellcheck and pyflakes
# hooks are off: they use whatever the machine has installed, so results would differ by machine.
.PHONY: lint-workflows
lint-workflows: $(VENV)/.installed
	$(VENV)/bin/actionlint -shellcheck= -pyflakes=
	$(VENV)/bin/zizmor --offline --no-progress .github/workflows
