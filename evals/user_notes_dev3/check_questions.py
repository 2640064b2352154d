"""Sanity checks for the dev3 user-notes question set."""
import json, re, sys, unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
NOTES = HERE / "notes"
FIELDS = ["id", "question", "language", "answerable", "expected_sources", "answer_keywords", "support_phrase", "type"]
TYPES = {"fact", "list", "date", "number", "why", "comparison", "multi-doc", "french", "unanswerable"}

def norm(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).lower()

errors = []
notes = {p.stem: p.read_text(encoding="utf-8") for p in NOTES.glob("*.md")}
# notes checks
if len(notes) != 20: errors.append(f"expected 20 notes, found {len(notes)}")
for stem, text in notes.items():
    if not re.fullmatch(r"dev3-note-(0[1-9]|1[0-9]|20)-[a-z0-9-]+", stem): errors.append(f"bad note name {stem}")
    wc = len(text.split())
    if not 250 <= wc <= 600: errors.append(f"{stem}: {wc} words")
    if not text.startswith("# "): errors.append(f"{stem}: no title line")
    if text.count("\n## ") < 2: errors.append(f"{stem}: too few headings")

qs, ids = [], set()
for ln, line in enumerate((HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines(), 1):
    try: q = json.loads(line)
    except Exception as e: errors.append(f"line {ln}: bad JSON {e}"); continue
    qs.append(q)
    miss = [f for f in FIELDS if f not in q]
    if miss: errors.append(f"line {ln}: missing {miss}"); continue
    qid = q["id"]
    if qid in ids: errors.append(f"{qid}: duplicate id")
    ids.add(qid)
    if q["type"] not in TYPES: errors.append(f"{qid}: bad type")
    if q["language"] not in ("en", "fr"): errors.append(f"{qid}: bad language")
    if q["answerable"]:
        if not q["expected_sources"] or not q["answer_keywords"] or not q["support_phrase"]:
            errors.append(f"{qid}: answerable but empty sources/keywords/support"); continue
        if q["type"] == "unanswerable": errors.append(f"{qid}: answerable typed unanswerable")
        if q["language"] == "fr" and q["type"] != "french": errors.append(f"{qid}: fr answerable not typed french")
        if q["type"] == "multi-doc" and len(q["expected_sources"]) < 2: errors.append(f"{qid}: multi-doc with one source")
        bad = [s for s in q["expected_sources"] if s not in notes]
        if bad: errors.append(f"{qid}: unknown sources {bad}"); continue
        texts = [norm(notes[s]) for s in q["expected_sources"]]
        if not any(norm(q["support_phrase"]) in t for t in texts):
            errors.append(f"{qid}: support_phrase not verbatim in sources")
        for g in q["answer_keywords"]:
            if not isinstance(g, list) or not g: errors.append(f"{qid}: bad keyword group {g}"); continue
            if not any(norm(alt) in t for alt in g for t in texts):
                errors.append(f"{qid}: keyword group {g} not found in sources")
        # the support phrase's source should hold at least one keyword group (answering sentence sanity)
    else:
        if q["expected_sources"] or q["answer_keywords"] or q["support_phrase"] or q["type"] != "unanswerable":
            errors.append(f"{qid}: unanswerable with non-empty fields or wrong type")

exp_ids = {f"u3-{i:03d}" for i in range(1, 61)}
if ids != exp_ids: errors.append(f"ids mismatch: missing {sorted(exp_ids - ids)[:5]} extra {sorted(ids - exp_ids)[:5]}")
ans = sum(q.get("answerable") is True for q in qs)
if ans != 40 or len(qs) - ans != 20: errors.append(f"answerable {ans}, unanswerable {len(qs)-ans}")
langs = Counter(q.get("language") for q in qs)
if not 10 <= langs["fr"] <= 14: errors.append(f"French count {langs['fr']}")
note_langs = Counter("fr" if re.search(r"\b(le|la|les|des|du)\b.*\b(et|est|une)\b", t[:600]) and "é" in t else "en" for t in notes.values())
if note_langs != Counter({"en": 15, "fr": 5}): errors.append(f"note languages {dict(note_langs)}")

print(f"questions={len(qs)} answerable={ans} unanswerable={len(qs)-ans} languages={dict(langs)}")
print("types:", dict(Counter(q.get('type') for q in qs)))
print("answerable by language:", dict(Counter(q['language'] for q in qs if q.get('answerable'))))
print("notes:", len(notes), "langs:", dict(note_langs))
if errors:
    print(f"FAIL: {len(errors)} problem(s)"); print("\n".join(errors)); sys.exit(1)
print("OK: all checks passed")
