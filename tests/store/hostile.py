#!/usr/bin/env python3
"""Builds hostile collected progress files from a genuine one.

hostile.py BASE OUTDIR: BASE is a progress file adpa wrote; each fixture is a
copy of it changed as an attacker would (or a file that is not one), written
to OUTDIR/NAME.db. Prints the names, one a line. Every fixture must be read
by adpa report / progress --db with a clear error (or, for the last group,
read correctly) and never hang, blow up or crash.
"""
import os
import shutil
import sqlite3
import sys

base, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)


def edit(name, *sql, writable=False):
    path = os.path.join(out, name + ".db")
    shutil.copyfile(base, path)
    c = sqlite3.connect(path, isolation_level=None)
    c.execute("PRAGMA journal_mode=DELETE")
    if writable:
        c.execute("PRAGMA writable_schema=ON")
    for s in sql:
        c.execute(s)
    c.close()
    print(name)
    return path


LOOP = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
        " SELECT x AS id, 'n' || x AS name, 0 AS created FROM c")
# the learner table replaced by a view that never ends
edit("view-loop", "DROP TABLE learner", "CREATE VIEW learner AS " + LOOP)
# a view that multiplies rows of 1 MB strings: gigabytes from a few kilobytes
edit("view-blowup", "DROP TABLE learner",
     "CREATE VIEW learner AS SELECT a.id * 10000 + b.id AS id, printf('%.*c', 1000000, 'x') AS name,"
     " 0 AS created FROM (" + LOOP.replace("x + 1 FROM c", "x + 1 FROM c WHERE x < 3000")
     + ") a, (" + LOOP.replace("x + 1 FROM c", "x + 1 FROM c WHERE x < 3000") + ") b")
# the reading table replaced by a view over a loop
edit("view-reading", "DROP TABLE reading",
     "CREATE VIEW reading AS SELECT 1 AS learner, 'c' AS course, 'f' || x AS fiche,"
     " 0 AS first_opened, 0 AS last_opened, 0 AS seconds, 0 AS position, 0 AS furthest,"
     " 0 AS completed, '' AS hash FROM (" + LOOP.replace("x AS id", "x") + ")")
# a trigger added (fires on nothing adpa does, but the schema is not adpa's)
edit("trigger", "CREATE TRIGGER t AFTER INSERT ON learner BEGIN DELETE FROM reading; END")
# a virtual table in place of a real one
edit("virtual", "DROP TABLE note",
     "CREATE VIRTUAL TABLE note USING fts5(learner, course, fiche, text, updated)")
# a generated column: the same names, not the same table
edit("generated", "DROP TABLE state",
     "CREATE TABLE state(learner INTEGER NOT NULL, key TEXT NOT NULL, value TEXT"
     " GENERATED ALWAYS AS (printf('%.*c', 100000000, 'x')) VIRTUAL,"
     " PRIMARY KEY(learner, key)) WITHOUT ROWID")
# a column missing: the schema text rewritten behind SQLite's back
edit("columns", "UPDATE sqlite_schema SET sql = replace(sql, ', created INTEGER NOT NULL', '')"
     " WHERE name = 'learner'", writable=True)
# an extra table and an index adpa does not create
edit("extra", "CREATE TABLE extra(x)", "CREATE INDEX learner_created ON learner(created)")
# a value longer than adpa reads (2 MiB learner name)
edit("long-name", "INSERT INTO learner(name, created) VALUES (printf('%.*c', 2097152, 'x'), 0)")
# NULL where the schema says NOT NULL (the constraint dropped, NULLs
# inserted, the constraint written back)
edit("nulls",
     "UPDATE sqlite_schema SET sql = replace(sql, 'name TEXT NOT NULL UNIQUE', 'name TEXT UNIQUE')"
     " WHERE name = 'learner'", writable=True)
c = sqlite3.connect(os.path.join(out, "nulls.db"), isolation_level=None)
c.execute("INSERT INTO learner(name, created) VALUES (NULL, 0)")
c.execute("PRAGMA writable_schema=ON")
c.execute("UPDATE sqlite_schema SET sql = replace(sql, 'name TEXT UNIQUE', 'name TEXT NOT NULL UNIQUE')"
          " WHERE name = 'learner'")
c.close()
# too many learners for one collected file
edit("crowd", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500)"
     " INSERT INTO learner(name, created, uuid)"
     " SELECT 'p' || x, 0, printf('00000000-0000-4000-8000-%012d', x) FROM c")
# another program's database, and a newer adpa's
edit("other-app", "PRAGMA application_id = 42")
edit("newer", "PRAGMA user_version = 99")

# corrupt pages: the second half of the file overwritten
path = os.path.join(out, "corrupt.db")
shutil.copyfile(base, path)
size = os.path.getsize(path)
with open(path, "r+b") as f:  # every page after the first (the schema)
    f.seek(4096)
    f.write(bytes((i * 37) & 0xff for i in range(size - 4096)))
print("corrupt")
# not a database at all, empty, and too big (sparse: no disk used)
with open(os.path.join(out, "text.db"), "w") as f:
    f.write("pas une base\n")
print("text")
open(os.path.join(out, "empty.db"), "w").close()
print("empty")
with open(os.path.join(out, "huge.db"), "wb") as f:
    f.truncate(65 << 20)
print("huge")
