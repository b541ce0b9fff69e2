"""Generate pipeline/data/lexicon/plover_cameo.generated.yaml from PETRARCH2's CAMEO verb dictionary (issue 18).

    python scripts/plover_from_cameo.py          # write the file
    python scripts/plover_from_cameo.py --check  # exit 1 if the stored file differs (tests run this)

The source (`scripts/sources/CAMEO.2.0.txt.gz`, MIT) lists verbs in blocks, each block and verb with an
optional CAMEO code, and patterns "- * OBJECT [code]" for what a verb means with a given object ("send aid",
"send troops"). Each verb's forms (the listed irregular ones, else regular -s/-ed/-ing forms) become single-word
triggers of the PLOVER type of its code (`pipeline/data/lexicon/cameo_to_plover.yaml`); patterns whose object is
plain words (or a synonym set of plain words) become phrase triggers. Patterns with subject words, negation or
other PETRARCH operators are left out. The event stage uses these triggers only where the hand-made lexicon
(`plover.yaml`) finds no verb in the main clause.
"""
from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from generated import write_or_check  # noqa: E402

from pipeline.config import load_yaml  # noqa: E402

SOURCE = ROOT / "scripts" / "sources" / "CAMEO.2.0.txt.gz"
MAPPING = ROOT / "pipeline" / "data" / "lexicon" / "cameo_to_plover.yaml"
OUT = ROOT / "pipeline" / "data" / "lexicon" / "plover_cameo.generated.yaml"
_CODE = re.compile(r"\[([^\]]*)\]")


def plover_type(code: str, by_prefix: dict) -> str | None:
    """The PLOVER type of a CAMEO code ("0334:038" -> its source part 0334 -> AGREE), None when it has none."""
    code = code.split(":")[0].strip()
    if not code or not code[0].isdigit():
        return None
    for n in (3, 2):
        if code[:n] in by_prefix:
            return by_prefix[code[:n]]
    return None


def regular_forms(base: str) -> list[str]:
    """base, -s, -ed and -ing forms of a regular English verb."""
    if base.endswith("ee"):
        return [base, base + "s", base + "d", base + "ing"]
    if base.endswith("e"):
        return [base, base + "s", base + "d", base[:-1] + "ing"]
    if re.search(r"[^aeiou]y$", base):
        return [base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    if re.search(r"(s|x|z|ch|sh)$", base):
        return [base, base + "es", base + "ed", base + "ing"]
    return [base, base + "s", base + "ed", base + "ing"]


def _words(token: str) -> str:
    return token.strip("+").replace("_", " ").strip().lower()


def parse(text: str, by_prefix: dict) -> tuple[dict, dict]:
    """(synonym sets, blocks): each block a dict with its code, verbs (form lists with codes) and patterns."""
    synsets: dict[str, list[str]] = {}
    blocks: list[dict] = []
    current_set = None
    block = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("&"):
            current_set = line.strip()
            synsets[current_set] = []
            continue
        if line.startswith("---"):
            current_set = None
            m = _CODE.search(line)
            name = line.strip("- ").split()[0]
            block = {"name": name, "code": m.group(1) if m else "", "verbs": [], "patterns": []}
            blocks.append(block)
            continue
        if current_set is not None and block is None:
            if line.startswith("+"):
                synsets[current_set].append(_words(line.split()[0]))
            continue
        if block is None:
            continue
        if line.startswith("-"):
            m = _CODE.search(line)
            comment = raw.split("#", 1)[1].strip() if "#" in raw else ""
            block["patterns"].append((line[1 : m.start() if m else None].strip(), m.group(1) if m else "", comment))
            continue
        m = _CODE.search(line)
        head = line[: m.start()] if m else line
        braces = re.search(r"\{([^}]*)\}", head)
        base = head[: braces.start()] if braces else head
        base = base.split()[0] if base.split() else ""
        if not base:
            continue
        forms = [_words(f) for f in braces.group(1).split()] if braces else []
        block["verbs"].append({"base": _words(base), "irregular": forms, "code": m.group(1) if m else ""})
    return synsets, blocks


def _object_alternatives(tail: str, synsets: dict) -> list[str] | None:
    """A pattern's object ("* {HUMANITARIAN AID}", "* &PKO", "* (TO BORDER)") as a word sequence (a synonym
    set kept as its "&NAME"), in a list; None when the pattern is not of that plain shape."""
    if not tail.startswith("*"):
        return None
    rest = tail[1:].strip()
    if not rest or re.search(r"[\^$%=|<>!]", rest):
        return None
    rest = rest.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ")
    words = rest.split()
    if len(words) > 3:
        return None
    out = []
    for w in words:
        if w.startswith("&"):
            if not synsets.get(w):
                return None
            out.append(w.lower())
        elif re.fullmatch(r"[A-Z][A-Z'-]*", w):
            out.append(w.lower())
        else:
            return None
    return [" ".join(out)] if out else None


def generate() -> str:
    """The generated YAML text."""
    mapping = load_yaml(MAPPING.read_text(encoding="utf-8"))
    by_prefix = {str(k): str(v) for k, v in mapping["by_prefix"].items()}
    stop = {str(w).lower() for w in mapping.get("stop_forms") or ()}
    synsets, blocks = parse(gzip.decompress(SOURCE.read_bytes()).decode("utf-8"), by_prefix)
    words: dict[str, str] = {}
    phrases: dict[str, dict[str, str]] = {}
    for block in blocks:
        for verb in block["verbs"]:
            base = verb["base"]
            first, _, particle = base.partition(" ")
            forms = [base] + verb["irregular"] if verb["irregular"] else [f + (" " + particle if particle else "") for f in regular_forms(first)]
            verb["forms"] = sorted(set(forms))
            kind = plover_type(verb["code"] or block["code"], by_prefix)
            if kind is None:
                continue
            for f in verb["forms"]:
                if f not in stop and len(f) > 2:
                    words.setdefault(f, kind)
        for tail, code, comment in block["patterns"]:
            kind = plover_type(code, by_prefix)
            objects = _object_alternatives(tail, synsets)
            if kind is None or not objects:
                continue
            named = {_words(c) for c in re.split(r"[,\s]+", comment) if c}
            verbs = [v for v in block["verbs"] if v["base"] in named] or block["verbs"]
            for v in verbs:
                for f in v["forms"]:
                    if f in ("will", "would"):
                        continue
                    for obj in objects:
                        phrases.setdefault(f, {}).setdefault(obj, kind)
    head = (
        "# GENERATED by scripts/plover_from_cameo.py from scripts/sources/CAMEO.2.0.txt.gz: do not edit by hand.\n"
        "# Single-word verb triggers (verb form -> PLOVER type) and phrase triggers (verb form -> object words -> type),\n"
        "#   from PETRARCH2's CAMEO verb dictionary and the CAMEO -> PLOVER table in cameo_to_plover.yaml.\n"
        "# source: openeventdata/petrarch2 petrarch2/data/dictionaries/CAMEO.2.0.txt (2019-03-18); examples: \"shelled\" ->\n"
        "#   ASSAULT, \"send\" + \"aid\" -> AID, \"send\" + \"troops\" -> MOBILIZE.\n"
        "# date: 2026-12-07 (generated; the dictionary is of 2019-03-18)\n"
        "# licence: MIT (the dictionary); CC BY-SA 4.0 (the type table)\n"
        "# known gaps: patterns with subject words, negation or PETRARCH operators are left out; a verb's forms\n"
        "#   are the listed irregular ones or regular -s/-ed/-ing forms (no consonant doubling unless listed).\n"
    )
    used = sorted({w for objs in phrases.values() for o in objs for w in o.split() if w.startswith("&")})
    lines = [head, "sets:\n"]
    for name in used:
        lines.append(f"  {_q(name)}: [{', '.join(_q(w) for w in sorted(set(synsets[name.upper()])))}]\n")
    lines.append("words:\n")
    lines += [f"  {_q(w)}: {t}\n" for w, t in sorted(words.items())]
    lines.append("phrases:\n")
    for f in sorted(phrases):
        lines.append(f"  {_q(f)}:\n")
        lines += [f"    {_q(o)}: {t}\n" for o, t in sorted(phrases[f].items())]
    return "".join(lines)


def _q(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def main(argv=None) -> int:
    return write_or_check({OUT: generate()}, __doc__.split("\n\n")[0], "scripts/plover_from_cameo.py", argv)


if __name__ == "__main__":
    sys.exit(main())
