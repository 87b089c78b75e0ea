#!/usr/bin/env python3
"""Compares what a real LRS holds with a progress file and with adpa's export.

lrs_check.py URL DB EXPORT [--only IDS-FILE]: reads every statement from the
LRS at URL (xAPI GET /statements, following "more"), then checks that
  - no statement id appears twice;
  - the statements are exactly the progress file's events, derived here
    from the SQLite tables on their own (learner UUID, verb, fiche,
    question, response, success, score, time), not through adpa;
  - each one equals adpa's export (EXPORT, adpa export --format xapi) once
    the LRS's own additions (stored, authority, version) are set aside.
With --only, the LRS must hold exactly the statements whose ids the file
lists (one per line), and the comparison is limited to them.
"""
import base64
import datetime
import json
import sqlite3
import sys
import urllib.request

url, db, export = sys.argv[1:4]
only = None
if len(sys.argv) > 5 and sys.argv[4] == "--only":
    only = set(open(sys.argv[5]).read().split())


def get_all():
    auth = base64.b64encode(b"adpa-test:secret").decode()
    out, nxt = [], url + "/statements?limit=500"
    while nxt:
        req = urllib.request.Request(nxt, headers={"X-Experience-API-Version": "1.0.3",
                                                    "Authorization": "Basic " + auth})
        with urllib.request.urlopen(req, timeout=30) as r:
            page = json.load(r)
        out += page["statements"]
        more = page.get("more") or ""
        nxt = url.split("/xAPI")[0] + more if more else None
    return out


def iso(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def db_events():
    c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    ev = []
    for uuid, fiche, first, done in c.execute(
            "select l.uuid, r.fiche, r.first_opened, r.completed from reading r"
            " join learner l on l.id = r.learner"):
        ev.append((uuid, "experienced", fiche, None, None, None, iso(first)))
        if done:
            ev.append((uuid, "completed", fiche, None, None, None, iso(done)))
    for uuid, fiche, q, chosen, ok, at in c.execute(
            "select l.uuid, a.fiche, n.question, n.chosen, n.correct, n.at from answer n"
            " join attempt a on a.id = n.attempt join learner l on l.id = a.learner"):
        resp = "[,]".join("choice-%d" % (int(k) + 1) for k in chosen.split(",") if k)
        ev.append((uuid, "answered", fiche, q + 1, resp, bool(ok), iso(at)))
    for uuid, fiche, right, total, fin in c.execute(
            "select l.uuid, a.fiche, a.correct, a.questions, a.finished from attempt a"
            " join learner l on l.id = a.learner where a.finished > 0 and a.questions > 0"):
        verb = "passed" if right * 100 // total >= 80 else "failed"
        ev.append((uuid, verb, fiche, None, None, round(right / total, 4), iso(fin)))
    return ev


def lrs_event(s):
    verb = s["verb"]["id"].rsplit("/", 1)[1]
    parts = s["object"]["id"].split("/")
    fiche = parts[parts.index("fiches") + 1]
    q = int(parts[-1]) if "questions" in parts else None
    res = s.get("result", {})
    resp = res.get("response") if verb == "answered" else None
    ok = res.get("success") if verb == "answered" else None
    score = round(res["score"]["scaled"], 4) if verb in ("passed", "failed") else None
    return (s["actor"]["account"]["name"], verb, fiche, q, resp,
            ok if verb == "answered" else score, s["timestamp"])


held = get_all()
ids = [s["id"] for s in held]
assert len(ids) == len(set(ids)), "duplicate statements in the LRS"
mine = {s["id"]: s for s in json.load(open(export))}
if only is not None:
    assert set(ids) == only, "the LRS holds %d statements, %d expected" % (len(ids), len(only))
    mine = {k: v for k, v in mine.items() if k in only}
else:
    want = sorted(db_events(), key=repr)
    got = sorted((lrs_event(s) for s in held), key=repr)
    assert got == want, "LRS and progress file differ:\n lrs %s\n db  %s" % (got, want)
assert set(ids) == set(mine), "LRS ids and export ids differ"
for s in held:
    s = {k: v for k, v in s.items() if k not in ("stored", "authority", "version")}
    assert s == mine[s["id"]], "statement %s differs:\n lrs %s\n adpa %s" % (s["id"], s, mine[s["id"]])
print("%d statements checked" % len(held))
