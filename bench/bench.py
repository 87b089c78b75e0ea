#!/usr/bin/env python3
"""adpa benchmark: synthetic courses of 100, 1,000 and 10,000 fiches and one
fiche of about 900 KB, measured side by side with cmark and lowdown on the
same input. Prints ratios (never a lone absolute time is the verdict) and peak
memory. Search: on the 10,000-fiche course, the first search (which builds
the index into an empty cache) against a search on the index already built. Each figure is the median of several runs; peak memory is the child's
maximum resident set size from wait4().

usage: bench.py ADPA [--out DIR] [--runs N] [--check-targets]
"""
import argparse, os, random, shutil, statistics, subprocess, sys, tempfile, time

GNU_TIME = "/usr/bin/time"

WORDS = ("public spectateur billetterie donnée saison théâtre abonnement festival "
         "segment campagne courriel consentement tableau indicateur fidélité salle "
         "programmation médiation numérique enquête pratique culturelle réseau").split()

def para(rng, n):
    w = [rng.choice(WORDS) for _ in range(n)]
    w[0] = w[0].capitalize()
    for i in range(7, n, 11):
        w[i] = "**" + w[i] + "**"
    for i in range(4, n, 17):
        w[i] = "*" + w[i] + "*"
    return " ".join(w) + "."

def body(rng, nwords, links):
    out, done = [], 0
    sec = 0
    while done < nwords:
        sec += 1
        out.append(f"## Section {sec}\n")
        out.append(para(rng, 60) + "\n")
        out.append("".join(f"- {para(rng, 12)}\n" for _ in range(3)))
        if links:
            out.append(f"Voir [la fiche liée](fiche:{rng.choice(links)}) et "
                       f"[une source](https://exemple.org/{sec}).\n")
        out.append("```\nutm_source=lettre&utm_medium=email\n```\n")
        done += 60 + 36 + 8
    return "\n".join(out)

def fiche(i, rubric, order, text):
    return (f"---\nid: f{i:05d}\ntitle: \"Fiche synthétique {i}\"\nrubric: {rubric}\n"
            f"order: {order}\nsummary: \"Une fiche générée pour mesurer adpa.\"\n"
            f"keywords: [\"Donnée\", \"Segmentation\"]\nduration: 5\nlevel: debutant\n"
            f"quiz:\n  - question: \"Question {i} ?\"\n    choices:\n"
            f"      - text: \"Oui\"\n        correct: true\n"
            f"      - text: \"Non\"\n        correct: false\n"
            f"    explanation: \"Parce que.\"\n---\n{text}")

RUBRICS = ["comprendre", "decouvrir", "maitriser", "piloter", "annexes"]

def make_course(root, n, rng):
    if os.path.isdir(root):
        return
    os.makedirs(root)
    with open(os.path.join(root, "course.yaml"), "w") as f:
        f.write("id: synth\ntitle: \"Synthétique\"\nrubrics:\n")
        for r in RUBRICS:
            f.write(f"  - id: {r}\n    title: \"{r.capitalize()}\"\n")
    with open(os.path.join(root, "glossary.yaml"), "w") as f:
        f.write("- term: \"Donnée\"\n  definition: \"Un fait.\"\n"
                "- term: \"Segmentation\"\n  definition: \"Des groupes.\"\n")
    ids = [f"f{i:05d}" for i in range(n)]
    for i in range(n):
        r = RUBRICS[i % 5]
        d = os.path.join(root, r)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"{i:05d}.md"), "w") as f:
            f.write(fiche(i, r, i, body(rng, 500, ids)))

def make_big(root, body_path, rng):
    """The 900 KB fiche in course root, and its body alone in body_path (outside
    the course, so adpa does not take it for a fiche)."""
    if os.path.isdir(root) and os.path.exists(body_path):
        return
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "comprendre"))
    with open(os.path.join(root, "course.yaml"), "w") as f:
        f.write("id: big\ntitle: \"Grande fiche\"\nrubrics:\n  - id: comprendre\n    title: \"C\"\n")
    text = body(rng, 135000, ["big"])
    while len(text.encode()) > 920000:
        text = text[: text.rfind("\n## ")]
    with open(os.path.join(root, "comprendre", "big.md"), "w") as f:
        f.write(fiche(0, "comprendre", 1, text).replace("id: f00000", "id: big"))
    with open(body_path, "w") as f:
        f.write(text)

def concat_bodies(root, dest):
    with open(dest, "w") as out:
        for dirpath, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                if name.endswith(".md"):
                    t = open(os.path.join(dirpath, name)).read()
                    out.write(t.split("\n---\n", 1)[1] + "\n")

def run_once(cmd, rss, env=None):
    """One run under GNU time, which forks the command: a child forked by this
    Python process would be charged Python's own resident set at exec time.
    Returns the wall time and the peak RSS in KiB."""
    t0 = time.perf_counter()
    p = subprocess.run([GNU_TIME, "-f", "%M", "-o", rss] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd)} failed ({p.returncode}): {p.stderr.decode()[:300]}")
    return elapsed, int(open(rss).read().split()[-1])

def measure_many(cmds, runs, env=None, before=None):
    """Runs the commands in turn, runs times over (a, b, a, b...), so that a
    change of load on the machine weighs on all of them alike. Returns, per
    command, the median wall time and the peak RSS in MiB. before, when given,
    runs ahead of each run, untimed (e.g. to empty a cache)."""
    times = [[] for _ in cmds]
    peaks = [0 for _ in cmds]
    with tempfile.NamedTemporaryFile() as rss:
        for _ in range(runs):
            for i, cmd in enumerate(cmds):
                if before:
                    before()
                t, kib = run_once(cmd, rss.name, env)
                times[i].append(t)
                peaks[i] = max(peaks[i], kib)
    return [(statistics.median(t), m / 1024.0) for t, m in zip(times, peaks)]

def measure(cmd, runs, env=None, before=None):
    """Median wall time and peak RSS (MiB) of one command."""
    return measure_many([cmd], runs, env, before)[0]

def search_rows(a, row):
    """The search index of the 10,000-fiche course: built by a first search
    into an empty cache, then queried. "donnee" is in every fiche (a keyword),
    the worst case: all 10,000 fiches ranked for the 20 shown."""
    course = os.path.join(a.out, "course-10000")
    cache = tempfile.mkdtemp(prefix="adpa-bench-cache-")
    env = dict(os.environ, XDG_CACHE_HOME=cache)
    empty = lambda: shutil.rmtree(os.path.join(cache, "adpa"), ignore_errors=True)
    search = [a.adpa, "--course", course, "search"]
    t_build, m_build = measure(search + ["donnee"], a.runs, env=env, before=empty)
    t_query, m_query = measure(search + ["donnee"], a.runs, env=env)
    t_rare, _ = measure(search + ["fiche", "4242"], a.runs, env=env)
    size = sum(os.path.getsize(os.path.join(cache, "adpa", f))
               for f in os.listdir(os.path.join(cache, "adpa")))
    shutil.rmtree(cache)
    row("search 10000 fiches: first search, builds the index",
        f"{t_build:.2f} s, {m_build:.1f} MiB, {size / 2**20:.0f} MiB file")
    row("search 10000 fiches: query on the built index",
        f"{t_query * 1000:.0f} ms, {m_query:.1f} MiB (rare word {t_rare * 1000:.0f} ms)")
    row("search 10000 fiches: query / index build", f"{t_query / t_build:.3f}x", "< 0.1x",
        t_query / t_build < 0.1)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("adpa")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "out"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--check-targets", action="store_true")
    ap.add_argument("--bundled", default=os.path.join(os.path.dirname(__file__), "..",
                                                       "courses", "audience-data"))
    a = ap.parse_args()
    rng = random.Random(42)
    for n in (100, 1000, 10000):
        make_course(os.path.join(a.out, f"course-{n}"), n, rng)
    big = os.path.join(a.out, "big")
    big_body = os.path.join(a.out, "big-body.md")
    make_big(big, big_body, rng)
    for n in (100, 1000, 10000):
        cat = os.path.join(a.out, f"bodies-{n}.md")
        if not os.path.exists(cat):
            concat_bodies(os.path.join(a.out, f"course-{n}"), cat)
    have_lowdown = shutil.which("lowdown") is not None
    env_ok = shutil.which("cmark") is not None
    if not env_ok:
        sys.exit("bench: cmark (Debian package cmark) is needed")
    if not os.access(GNU_TIME, os.X_OK):
        sys.exit("bench: GNU time (Debian package time) is needed for peak memory")

    rows, failures = [], []
    def row(name, value, target=None, ok=None):
        rows.append((name, value, target or "", "" if ok is None else ("ok" if ok else "MISSED")))
        if ok is False:
            failures.append(name)

    bigfiche = os.path.join(big, "comprendre", "big.md")
    size = os.path.getsize(bigfiche)
    show_cmd = [a.adpa, "--course", big, "show", "big", "--width", "80", "--color", "never"]
    cmark_cmd = ["cmark", "-t", "html", big_body]
    lowdown_cmd = ["lowdown", "-tterm", "--term-width", "80", big_body]
    res = measure_many([show_cmd, cmark_cmd] + ([lowdown_cmd] if have_lowdown else []), a.runs)
    (t_show, m_show), (t_cm, m_cm) = res[0], res[1]
    row(f"show 900 KB fiche ({size // 1024} KiB): adpa / cmark -t html", f"{t_show / t_cm:.2f}x", "<= 1.5x", t_show / t_cm <= 1.5)
    if have_lowdown:
        t_ld = res[2][0]
        row("show 900 KB fiche: adpa / lowdown -tterm", f"{t_show / t_ld:.2f}x", "< 1x", t_show < t_ld)
    row("show 900 KB fiche: adpa peak memory", f"{m_show:.1f} MiB (cmark {m_cm:.1f} MiB)")

    for n in (100, 1000, 10000):
        course = os.path.join(a.out, f"course-{n}")
        cat = os.path.join(a.out, f"bodies-{n}.md")
        (t_c, _), (t_check, m_check), (t_list, m_list) = measure_many(
            [["cmark", "-t", "html", cat], [a.adpa, "check", course],
             [a.adpa, "--course", course, "list"]], a.runs)
        big_n = n == 10000
        row(f"check {n} fiches: adpa / cmark on all bodies", f"{t_check / t_c:.2f}x",
            "<= 2x" if big_n else None, t_check / t_c <= 2 if big_n else None)
        row(f"list {n} fiches: adpa / cmark on all bodies", f"{t_list / t_c:.3f}x",
            "<= 0.25x" if big_n else None, t_list / t_c <= 0.25 if big_n else None)
        row(f"list {n} fiches: peak memory", f"{m_list:.1f} MiB (check {m_check:.1f} MiB)",
            "< 64 MiB" if big_n else None, m_list < 64 if big_n else None)
    search_rows(a, row)
    if os.path.isdir(a.bundled):
        _, m_b = measure([a.adpa, "--course", a.bundled, "list"], a.runs)
        row("list bundled course: peak memory", f"{m_b:.1f} MiB", "< 16 MiB", m_b < 16)

    w = max(len(r[0]) for r in rows)
    print(f"adpa benchmark, median of {a.runs} runs each, ratios against peers run side by side")
    for name, value, target, verdict in rows:
        print(f"  {name:<{w}}  {value:>28}  {target:>9}  {verdict}")
    if failures and a.check_targets:
        sys.exit(f"bench: {len(failures)} target(s) missed")

if __name__ == "__main__":
    main()
