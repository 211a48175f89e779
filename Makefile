# Crisis Binder: `make run` opens the app on a demo binder, `make test` runs
# the whole suite headless. Both create .venv when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test bench screenshots package clean help

help:
	@echo "make run | test | bench | screenshots | package | clean"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/crisis-binder --demo

test: $(STAMP)
	sh scripts/test.sh $(BIN)/python

bench: $(STAMP)
	$(BIN)/python -m benchmarks

screenshots: $(STAMP)
	sh scripts/screenshots.sh $(BIN)/python

# dist/crisis-binder/ (both executables) and, on Linux, the tarball beside it.
package: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,package]"
	$(BIN)/python -m PyInstaller --noconfirm --clean packaging/crisis-binder.spec
	@if [ "$$(uname -s)" = Linux ]; then PYTHON=$(BIN)/python sh packaging/linux/make_tarball.sh; fi

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
