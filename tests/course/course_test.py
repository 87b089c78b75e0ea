#!/usr/bin/env python3
"""The bundled course cannot shrink or slip unnoticed: counts per rubric,
words per fiche, quiz sizes and kinds, glossary size, paths, required
sections, links, durations, and French typography. TAP output.

usage: course_test.py ADPA COURSE_DIR
"""
import glob, json, math, os, re, subprocess, sys
import yaml

adpa, course = sys.argv[1], sys.argv[2]
n = failed = 0

def result(ok, name, detail=""):
    global n, failed
    n += 1
    if not ok:
        failed += 1
    print(f"{'ok' if ok else 'not ok'} {n} - {name}")
    if not ok and detail:
        for line in str(detail).splitlines()[:30]:
            print(f"#   {line}")

def words(text):
    """Words of a Markdown body: whitespace-separated tokens (no-break spaces
    separate too) that hold a letter or a digit, so list markers, heading
    marks and lone punctuation do not count."""
    return sum(1 for t in text.split() if re.search(r"\w", t))

# the counter itself: what counts as a word is part of the rule
sample = "## Titre\n\n- **Un** mot\u00a0: l’objet, 5\u202f000 [lien](https://a.org/x) — fin.\n"
result(words(sample) == 8, "word counter: marks and lone punctuation do not count, no-break spaces separate",
       words(sample))
result(words("mot " * 901) > 900, "word counter: a 901-word body counts as more than 900")

def split_fiche(path):
    raw = open(path, encoding="utf-8").read()
    _, front, body = raw.split("---\n", 2)
    return yaml.safe_load(front), body

# adpa check: no error, no warning
p = subprocess.run([adpa, "check", course], capture_output=True, text=True)
result(p.returncode == 0 and p.stdout.rstrip().endswith("0 errors, 0 warnings"),
       "adpa check reports no error and no warning", p.stdout[-2000:])

meta = yaml.safe_load(open(os.path.join(course, "course.yaml"), encoding="utf-8"))
rubric_ids = [r["id"] for r in meta["rubrics"]]
result(rubric_ids == ["comprendre", "decouvrir", "maitriser", "piloter", "annexes"],
       "the five rubrics, in order", rubric_ids)
result(meta.get("mastery") == 80, "mastery is 80")
result(all(len(r.get("summary", "").split()) >= 25 for r in meta["rubrics"]),
       "each rubric has a one-paragraph summary")

fiches = {}
for path in sorted(glob.glob(os.path.join(course, "*", "*.md"))):
    fm, body = split_fiche(path)
    fiches[fm["id"]] = (path, fm, body)

per_rubric = {r: [f for f in fiches.values() if f[1]["rubric"] == r] for r in rubric_ids}
for r in rubric_ids:
    want = 8 if r == "annexes" else 9
    result(len(per_rubric[r]) >= want, f"{r}: at least {want} fiches", len(per_rubric[r]))
result(len(fiches) >= 44, "at least 44 fiches", len(fiches))

bad = {k: [] for k in ("words", "long", "quiz", "mix", "link", "sections", "sources", "duration",
                       "explain")}
for fid, (path, fm, body) in fiches.items():
    w = words(body)
    if w > 900:
        bad["long"].append(f"{fid}: {w} words (at most 900)")
    if w < 400:
        bad["words"].append(f"{fid}: {w} words (at least 400)")
    quiz = fm.get("quiz") or []
    lo, hi = (2, 3) if fm["rubric"] == "annexes" else (3, 5)
    if not lo <= len(quiz) <= hi:
        bad["quiz"].append(f"{fid}: {len(quiz)} questions")
    kinds = {sum(1 for c in q["choices"] if c["correct"]) > 1 for q in quiz}
    if kinds != {True, False}:
        bad["mix"].append(f"{fid}: only {'multiple' if True in kinds else 'single'}-answer")
    for q in quiz:
        if len(q["explanation"].split()) < 12:
            bad["explain"].append(f"{fid}: « {q['question'][:50]} »")
    if not re.search(r"\]\(fiche:[a-z0-9-]+\)", body):
        bad["link"].append(fid)
    heads = re.findall(r"^## (.+)$", body, re.M)
    if len(heads) < 2 or heads[-2:] != ["À retenir", "Pour aller plus loin"]:
        bad["sections"].append(f"{fid}: ends with {heads[-2:]}")
    tail = body.split("## Pour aller plus loin", 1)[-1]
    for s in fm.get("sources") or []:
        if s["title"] not in tail:
            bad["sources"].append(f"{fid}: « {s['title'][:60]} » not in « Pour aller plus loin »")
    items = re.findall(r"^[-*] ", tail, re.M)
    if len(items) != len(fm.get("sources") or []):
        bad["sources"].append(f"{fid}: {len(items)} items for {len(fm.get('sources') or [])} sources")
    expect = math.ceil(w / 200) + math.ceil(len(quiz) / 3)
    if abs(fm["duration"] - expect) > 1:
        bad["duration"].append(f"{fid}: {fm['duration']} min, about {expect} expected")
result(not bad["long"], "no fiche body exceeds 900 words (front matter excluded)", "\n".join(bad["long"]))
result(not bad["words"], "every fiche has at least 400 words of body", "\n".join(bad["words"]))
result(not bad["quiz"], "quizzes: 3 to 5 questions (annexes 2 or 3)", "\n".join(bad["quiz"]))
result(not bad["mix"], "every quiz mixes single- and multiple-answer questions", "\n".join(bad["mix"]))
result(not bad["explain"], "every question has an explanation that teaches", "\n".join(bad["explain"]))
result(not bad["link"], "every fiche links to another fiche", "\n".join(bad["link"]))
result(not bad["sections"], "every fiche ends with « À retenir » then « Pour aller plus loin »",
       "\n".join(bad["sections"]))
result(not bad["sources"], "« Pour aller plus loin » lists exactly the sources", "\n".join(bad["sources"]))
result(not bad["duration"], "durations are honest (200 words a minute, a minute per 3 questions)",
       "\n".join(bad["duration"]))

# requires: acyclic is checked by adpa check; here: they point backwards or sideways only
gloss = yaml.safe_load(open(os.path.join(course, "glossary.yaml"), encoding="utf-8"))
result(len(gloss) >= 80, "glossary: at least 80 terms", len(gloss))
def sentences(text):
    # a sentence ends with . ! or ? before a capital or the end; « art. 4 » does not end one
    return len(re.findall(r"(?<!\bart)[.!?](?=\s+[A-ZÀÂÇÉÈÊÎÔÛ«]|\s*$)", text))
long_defs = [g["term"] for g in gloss if sentences(g["definition"]) > 3]
result(not long_defs, "glossary definitions: one to three sentences", long_defs)
result(all(g.get("see") for g in gloss), "every glossary term points to fiches",
       [g["term"] for g in gloss if not g.get("see")])

paths = meta.get("paths") or []
result(len(paths) >= 5, "at least 5 suggested paths", len(paths))
badp = [f"{p['id']}: {len(p['fiches'])}" for p in paths if not 6 <= len(p["fiches"]) <= 12]
result(not badp, "paths have 6 to 12 fiches", badp)
order = []
for p in paths:
    seen = set()
    for fid in p["fiches"]:
        for req in fiches[fid][1].get("requires") or []:
            if req in p["fiches"] and req not in seen:
                order.append(f"{p['id']}: {fid} comes before its prerequisite {req}")
        seen.add(fid)
result(not order, "in a path, prerequisites come first", "\n".join(order))

# French typography, in prose (code spans, code blocks and URLs aside)
def prose(text):
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"https?://\S+", "", text)
    return text

def typo_problems(text):
    out = []
    for m in re.finditer(r"(\S)( ?)([;:!?])(?=\s|$)", text):
        if m.group(1) in "\u00a0\u202f" or m.group(3) == ":" and m.group(1) == "]":
            continue
        out.append(f"no (narrow) no-break space before « {m.group(3)} » near « {text[max(0, m.start() - 20):m.end()]} »")
    for m in re.finditer(r"«(?!\u00a0)|(?<!\u00a0)»", text):
        out.append(f"guillemet without a no-break space near « {text[max(0, m.start() - 20):m.end() + 20]} »")
    for m in re.finditer(r"\w'\w", text):
        out.append(f"ASCII apostrophe near « {text[max(0, m.start() - 20):m.end() + 20]} »")
    for m in re.finditer(r"\w·\w", text):
        out.append(f"median point near « {text[max(0, m.start() - 20):m.end() + 20]} »")
    return out

typo = []
for fid, (path, fm, body) in fiches.items():
    strings = [fm["title"], fm["summary"], body]
    for q in fm.get("quiz") or []:
        strings += [q["question"], q["explanation"]] + [c["text"] for c in q["choices"]]
    for s in strings:
        typo += [f"{fid}: {t}" for t in typo_problems(prose(s))]
for g in gloss:
    typo += [f"glossary {g['term']}: {t}" for t in typo_problems(prose(g["definition"]))]
typo += [f"about.md: {t}" for t in typo_problems(prose(open(os.path.join(course, "about.md"), encoding="utf-8").read()))]
result(not typo, "French typography (no-break spaces, « », ’, no median point)", "\n".join(typo))

about = open(os.path.join(course, "about.md"), encoding="utf-8").read()
result("CC BY-SA" in about, "about.md states the content licence")

print(f"1..{n}")
sys.exit(1 if failed else 0)
