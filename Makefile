# RoboLab — everything a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
WEB    := robolab/server/static/vendor/blockly/.installed

.PHONY: run test lint typecheck unit bench fuzz setup web clean demo

setup: $(STAMP)

# The virtual environment is rebuilt whenever the lock or the project metadata changes.
$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Blockly from the npm registry, pinned by package-lock.json, copied into the server's static files.
web: $(WEB)

$(WEB): package.json package-lock.json hatch_build.py
	npm ci --no-audit --no-fund --loglevel=error
	$(PYTHON) hatch_build.py
	@touch $(WEB)

# The classroom server with the bundled packs and an open demo session.
run: $(STAMP) $(WEB)
	$(BIN)/robolab serve --demo

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) $(WEB)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest -q
	$(BIN)/robolab check --strict challenges

bench: $(STAMP) $(WEB)
	$(BIN)/python -m bench

# Coverage-guided fuzzing of the parsers (atheris when it installs, else Hypothesis), then the
# stateful session and route fuzzers with a bigger budget. FUZZ_SECONDS per parser.
FUZZ_SECONDS ?= 30
ATHERIS      := atheris==3.0.0
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $(ATHERIS) \
		|| echo "atheris did not install here: Hypothesis fuzzes the parsers instead"
	$(BIN)/python -m tests.fuzz.run --seconds $(FUZZ_SECONDS)
	ROBOLAB_FUZZ_EXAMPLES=400 $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/server/test_session_machine.py tests/server/test_route_fuzz.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
