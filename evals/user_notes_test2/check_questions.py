"""Checks questions.jsonl against the notes in ./notes."""
import json, pathlib, re, sys, unicodedata
from collections import Counter

HERE = pathlib.Path(__file__).parent
NOTES = {p.stem: p.read_text(encoding="utf-8") for p in (HERE / "notes").glob("*.md")}
FIELDS = {"id", "question", "language", "answerable", "expected_sources", "answer_keywords", "support_phrase", "type"}
TYPES = {"fact", "list", "date", "number", "why", "comparison", "multi-doc", "french", "unanswerable"}

def fold(t):
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.replace("\u2019", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", t).lower()

errors, recs = [], []
for n, line in enumerate((HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines(), 1):
    try:
        recs.append(json.loads(line))
    except json.JSONDecodeError as e:
        errors.append(f"line {n}: invalid JSON ({e})")

# notes: count, names, language split, word counts, title line
names = sorted(NOTES)
if len(names) != 20: errors.append(f"expected 20 notes, found {len(names)}")
for i, name in enumerate(names, 1):
    if not re.fullmatch(rf"t2-note-{i:02d}-[a-z0-9-]+", name): errors.append(f"bad note name {name}")
    text = NOTES[name]
    w = len(text.split())
    if not 250 <= w <= 600: errors.append(f"{name}: {w} words")
    if not text.startswith("# "): errors.append(f"{name}: no title line")
    if text.count("\n## ") < 2: errors.append(f"{name}: too few headings")
fr_notes = [n for n, t in NOTES.items() if len(re.findall(r"\b(les|des|du|est|et|une|pour|dans)\b", t)) > 3 * len(re.findall(r"\b(the|and|of|is|for|in)\b", t))]
if len(fr_notes) != 4: errors.append(f"expected 4 French notes, detected {len(fr_notes)}")

ids = Counter(r.get("id") for r in recs)
for i, c in ids.items():
    if c > 1: errors.append(f"duplicate id {i}")
if sorted(ids) != [f"t2-{i:03d}" for i in range(1, 61)]: errors.append("ids are not t2-001..t2-060")

for r in recs:
    rid = r.get("id")
    missing = FIELDS - r.keys()
    if missing: errors.append(f"{rid}: missing {missing}"); continue
    if r["language"] not in {"en", "fr"}: errors.append(f"{rid}: bad language")
    if r["type"] not in TYPES: errors.append(f"{rid}: bad type")
    if not isinstance(r["answerable"], bool): errors.append(f"{rid}: answerable not bool")
    srcs = r["expected_sources"]
    for s in srcs:
        if s not in NOTES: errors.append(f"{rid}: unknown source {s}")
    if not r["answerable"]:
        if srcs or r["answer_keywords"] or r["support_phrase"] or r["type"] != "unanswerable":
            errors.append(f"{rid}: unanswerable with sources/keywords/phrase or wrong type")
        continue
    if not srcs: errors.append(f"{rid}: no sources"); continue
    if r["type"] == "unanswerable": errors.append(f"{rid}: answerable typed unanswerable")
    texts = [fold(NOTES[s]) for s in srcs if s in NOTES]
    sp = fold(r["support_phrase"])
    if not sp or not any(sp in t for t in texts): errors.append(f"{rid}: support_phrase not verbatim in a source")
    if not r["answer_keywords"]: errors.append(f"{rid}: no keyword groups")
    for g in r["answer_keywords"]:
        if not g or not any(fold(k) in t for k in g for t in texts):
            errors.append(f"{rid}: keyword group {g} not found in sources")
    if r["type"] == "multi-doc" and len(srcs) < 2: errors.append(f"{rid}: multi-doc with one source")

c = Counter(r.get("answerable") for r in recs)
lang = Counter(r.get("language") for r in recs)
if c[True] != 40 or c[False] != 20: errors.append(f"answerable/unanswerable = {c[True]}/{c[False]}")
if not 8 <= lang["fr"] <= 12: errors.append(f"French questions: {lang['fr']}")
print(f"notes={len(NOTES)} (fr={len(fr_notes)}) questions={len(recs)} answerable={c[True]} unanswerable={c[False]} "
      f"fr={lang['fr']} types={dict(Counter(r.get('type') for r in recs))}")
print("\n".join(errors) if errors else "OK: no problems found")
sys.exit(1 if errors else 0)
