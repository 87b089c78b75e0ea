#!/usr/bin/env python3
"""French typography of the interface's strings: every string literal of
src/tui/*.c (key help, view notes, messages, prompts, labels) is extracted
and checked against the course's rules:

- a no-break space (U+00A0 or U+202F) before : ; ? ! and inside « »;
- the typographic apostrophe (’), never ' between letters;
- « 6 min » with a no-break space between the number and the unit;
- one name per status (nouvelle, en cours, lue, maîtrisée) and « Lexique »,
  never « glossaire »;
- no English words on screen.

A key name in a hint (« ? aide », « Q : quitter ») is a key, not
punctuation: a ? or ! standing alone after two spaces, or at the start of a
literal, is allowed. Literals that never reach the screen (format
specifiers, escape sequences, environment variables, terminfo names) hold no
letters-and-space text and pass every rule. Prints one line per problem,
PATH:LINE: message (TAP). Arguments: C files, or directories of them.
"""
import re
import sys
from pathlib import Path

NBSP = "\u00a0\u202f"
LETTER = r"A-Za-zÀ-ÖØ-öø-ÿœŒ"

RULES = [
    (re.compile(r"[" + LETTER + r"]'[" + LETTER + r"]"), "ASCII apostrophe: use ’"),
    (re.compile(r"(?<=[^ ]) [:;]"), "a plain space before : or ;: use a no-break space"),
    (re.compile(r"(?<=[" + LETTER + r"\)»%]) [?!](?= \(|\"|$)"), "a plain space before ? or !: use a no-break space"),
    (re.compile(r"[" + LETTER + r"\)][:;?!](?= |$)"), "no space before : ; ? !: add a no-break space"),
    (re.compile(r"«(?![" + NBSP + r"])"), "« without a no-break space after it"),
    (re.compile(r"(?<![" + NBSP + r"])»"), "» without a no-break space before it"),
    (re.compile(r"(\d|%d|%zu|%u|%ld|%lld) (min|h|jours?|ko|Mo|%%)(?![" + LETTER + r"])"), "a plain space between a number and its unit"),
    (re.compile(r"\b[Gg]lossaire\b"), "« Lexique », not « glossaire »"),
    (re.compile(r"\b(non lue|non commencée|pas encore ouverte)\b"), "status names: nouvelle, en cours, lue, maîtrisée"),
    (re.compile(r"\b(the|cannot|error|failed|not found|file|press|quit|help|search|warning|unknown)\b"), "English on screen"),
]

NEEDS_SPACE = {"English on screen", "no space before : ; ? !: add a no-break space"}

# A string literal (no raw strings in C); adjacent literals are joined.
LIT = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def literals(text):
    """(line, joined literal) for every run of adjacent string literals,
    skipping comments, #include lines and character literals."""
    code = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group()), text, flags=re.S)
    code = re.sub(r"//[^\n]*", "", code)
    code = re.sub(r"^#\s*include[^\n]*", "", code, flags=re.M)
    code = re.sub(r"'(?:[^'\\\n]|\\.)'", "' '", code)
    out, pos = [], 0
    while True:
        m = LIT.search(code, pos)
        if not m:
            return out
        line = code.count("\n", 0, m.start()) + 1
        parts = [m.group(1)]
        pos = m.end()
        while True:
            n = re.match(r'\s*"((?:[^"\\\n]|\\.)*)"', code[pos:])
            if not n:
                break
            parts.append(n.group(1))
            pos += n.end()
        out.append((line, "".join(parts)))


def problems(path):
    for line, s in literals(path.read_text(encoding="utf-8")):
        s = s.replace("\\n", " ").replace('\\"', '"')
        # key names in hints: « ? aide », « Q : quitter », a lone ? or ! key
        t = re.sub(r"(^|  )[?!/<>\[\]] ", r"\1K ", s)
        for rx, msg in RULES:
            if " " not in t and msg in NEEDS_SPACE:
                continue  # an identifier or an escape sequence, not text
            if rx.search(t):
                yield line, msg, s


def unnamed_keys(files):
    """Function keys bound in a key table ({KEY_X, true, ...}) that keys.c's
    fn_names[] does not name (the help would show a number)."""
    keys_c = next((f for f in files if f.name == "keys.c"), None)
    named = set(re.findall(r"\{(KEY_[A-Z0-9_]+), \"", keys_c.read_text(encoding="utf-8"))) if keys_c else set()
    for f in files:
        for m in re.finditer(r"\{(KEY_[A-Z0-9_]+), true,", f.read_text(encoding="utf-8")):
            if m.group(1) not in named:
                yield f, m.group(1)


def main(paths):
    bad = 0
    files = []
    for p in map(Path, paths):  # files, or directories of *.c
        files += sorted(p.glob("*.c")) if p.is_dir() else [p]
    for f in files:
        for line, msg, s in problems(f):
            bad += 1
            print(f"{f}:{line}: {msg}: \"{s}\"")
    print("1..2")
    print(f"{'not ' if bad else ''}ok 1 - French typography of {len(files)} files' strings ({bad} problems)")
    unnamed = list(unnamed_keys(files))
    for f, k in unnamed:
        print(f"# {f}: {k} is bound but has no name in keys.c")
    print(f"{'not ' if unnamed else ''}ok 2 - every bound function key has a name ({len(unnamed)} without)")
    return 1 if bad or unnamed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
