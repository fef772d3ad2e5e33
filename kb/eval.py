"""Scoring extraction against gold files: people, places and meetings, with errors grouped by cause.

    python -m kb.eval                       # seeds + the development sets, if ../shared is beside the project
    python -m kb.eval --set seeds -v        # one set, listing every miss and extra
    python -m kb.eval --write docs/quality.md

Gold files: the form of shared/gold/seeds.json (people, places, meetings) and of shared/dev/gold-*.json
(one entry per article). Each article is extracted in process and stored in a fresh in-memory store, as
`kb add` would, so merging across articles is scored too (the seeds are one store).
"""

from __future__ import annotations

import argparse
import difflib
import json
import platform
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kb.extract.gazetteer_norm import normalise_name

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


# ---- loose comparison of names, dates and places (as a human judge would) ------------------------------
def _tokens(name: str) -> list[str]:
    stop = {"al", "el", "bin", "ibn", "de", "van", "von", "der", "jr", "sr", "king", "queen", "prince", "president", "pm"}
    toks = [t for t in normalise_name(name).split() if t not in stop]
    return toks or normalise_name(name).split()


def _tok_eq(a: str, b: str) -> bool:
    return a == b or (len(a) > 3 and len(b) > 3 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8)


def same_person(gold: str, system: str, aliases=()) -> bool:
    if normalise_name(gold) == normalise_name(system) or normalise_name(system) in {normalise_name(a) for a in aliases}:
        return True
    g, s = _tokens(gold), _tokens(system)
    short, long_ = (s, g) if len(s) <= len(g) else (g, s)
    return bool(short) and all(any(_tok_eq(x, y) for y in long_) for x in short) and any(len(x) >= 4 for x in short)


def same_people(gold: list[str], system: list[str], aliases: dict) -> bool:
    return len(gold) == len(system) and all(any(same_person(g, s, aliases.get(g, ())) for s in system) for g in gold) \
        and all(any(same_person(g, s, aliases.get(g, ())) for g in gold) for s in system)


def date_ok(gm: dict, sm: dict) -> bool:
    gd = gm.get("date")
    if gd is None:
        return True
    sd = sm.get("date") or ""
    if sd in (gm.get("accept") or []):
        return True
    if gm.get("date_range"):
        lo, hi = gm["date_range"]
        s0, s1 = sm.get("date_start") or sd, sm.get("date_end") or sd
        return bool(s0) and s0[:10] <= hi and s1[:10] >= lo
    return sd.startswith(gd)


def place_ok(gm: dict, sm: dict, place_aliases: dict) -> bool:
    """The gold place, one of its aliases or accepted places (loosely), or exactly its country."""
    gp = gm.get("place")
    if not gp:
        return True
    sp = normalise_name(sm.get("place") or "")
    if not sp:
        return False
    names = [normalise_name(n) for n in (gp, *place_aliases.get(gp, ()), *(gm.get("accept_place") or []))]
    if any(n == sp or n in sp.split(",")[0] or sp in n for n in names):
        return True
    return bool(gm.get("country")) and sp == normalise_name(gm["country"])


# ---- scoring ------------------------------------------------------------------------------------------
@dataclass
class SetScore:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    status_ok: int = 0
    kind_ok: int = 0
    causes: Counter = field(default_factory=Counter)
    details: list[str] = field(default_factory=list)
    people: list[int] = field(default_factory=lambda: [0, 0, 0])  # tp, fp, fn
    places: list[int] = field(default_factory=lambda: [0, 0, 0])

    @staticmethod
    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def row(self) -> dict:
        p, r, f = self.prf(self.tp, self.fp, self.fn)
        return {"set": self.name, "P": p, "R": r, "F1": f, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "status": self.status_ok / self.tp if self.tp else 0.0, "kind": self.kind_ok / self.tp if self.tp else 0.0}


def score_meetings(score: SetScore, gold: list[dict], system: list[dict], people_aliases=None, place_aliases=None,
                   extracted_people=(), label=""):
    people_aliases, place_aliases = people_aliases or {}, place_aliases or {}
    used, matched = set(), {}
    for gi, gm in enumerate(gold):
        options = [gm["participants"], *(gm.get("accept_participants") or [])]
        for si, sm in enumerate(system):
            if si in used:
                continue
            if any(same_people(o, sm["participants"], people_aliases) for o in options) and date_ok(gm, sm) \
                    and place_ok(gm, sm, place_aliases):
                used.add(si)
                matched[gi] = si
                break
    optional = {i for i, m in enumerate(gold) if m.get("optional")}
    for gi, gm in enumerate(gold):
        if gi in optional:
            continue
        if gi in matched:
            sm = system[matched[gi]]
            score.tp += 1
            score.status_ok += gm["status"] == sm["status"]
            score.kind_ok += sm["kind"] in [gm["kind"], *(gm.get("accept_kind") or [])]
            if gm["status"] != sm["status"]:
                score.causes["status"] += 1
                score.details.append(f"{label} status: {gm['participants']} gold {gm['status']} got {sm['status']}")
            if sm["kind"] not in [gm["kind"], *(gm.get("accept_kind") or [])]:
                score.causes["kind"] += 1
                score.details.append(f"{label} kind: {gm['participants']} gold {gm['kind']} got {sm['kind']}")
            continue
        score.fn += 1
        cause = _miss_cause(gm, system, used, people_aliases, place_aliases, extracted_people)
        score.causes[cause] += 1
        score.details.append(f"{label} missed ({cause}): {gm['participants']} {gm.get('date')} {gm.get('place')} {gm['status']}")
    opt_matched = {matched[g] for g in optional if g in matched}
    for si, sm in enumerate(system):
        if si not in used and si not in opt_matched:
            score.fp += 1
            score.causes["false meeting"] += 1
            score.details.append(f"{label} extra: {sm['participants']} {sm.get('date')} {sm.get('place')} {sm['status']}"
                                 f" <- {sm['sources'][0]['evidence'][:140] if sm.get('sources') else ''}")


def _miss_cause(gm, system, used, people_aliases, place_aliases, extracted_people) -> str:
    for p in gm["participants"]:
        if not any(same_person(p, e, people_aliases.get(p, ())) for e in extracted_people):
            return "person not found"
    same = [sm for si, sm in enumerate(system) if si not in used and same_people(gm["participants"], sm["participants"], people_aliases)]
    if not same:
        return "meeting not detected"
    if not any(date_ok(gm, sm) for sm in same):
        return "date"
    return "place"


# ---- running extraction -------------------------------------------------------------------------------
def _store(tmp: str, name: str):
    from kb.api import KnowledgeBase

    return KnowledgeBase(str(Path(tmp) / f"{name}.sqlite3"), writer=True)


def eval_seeds(verbose=False) -> SetScore:
    gold = json.loads((SHARED / "gold" / "seeds.json").read_text(encoding="utf-8"))
    score = SetScore("seeds")
    with tempfile.TemporaryDirectory() as tmp:
        kb = _store(tmp, "seeds")
        report = kb.add([str(ROOT / "seeds")])
        for failed in (f for f in report.files if f.status == "failed"):
            score.causes["article failed"] += 1
            score.details.append(f"seeds failed: {failed.error}")
        system = kb.timeline()
        people = [p["name"] for p in kb.people()]
        places = [p["name"] for p in kb.places()]
    pa = {p["name"]: p.get("aliases", []) for p in gold["people"]}
    la = {p["name"]: p.get("aliases", []) for p in gold["places"]}
    score_meetings(score, gold["meetings"], system, pa, la, people, "seeds")
    # people: every gold person who takes part in a meeting or speaks must be found under one name
    gold_names = [p["name"] for p in gold["people"]]
    found = [g for g in gold_names if any(same_person(g, s, pa.get(g, ())) for s in people)]
    extra = [s for s in people if not any(same_person(g, s, pa.get(g, ())) for g in gold_names)]
    score.people = [len(found), len(extra), len(gold_names) - len(found)]
    gp = [p["name"] for p in gold["places"]]
    fp = [g for g in gp if any(normalise_name(g) == normalise_name(s) or normalise_name(s) in map(normalise_name, la.get(g, ())) for s in places)]
    score.places = [len(fp), 0, len(gp) - len(fp)]
    if verbose:
        for s in extra:
            score.details.append(f"seeds person not in gold: {s}")
    return score


def eval_dev(set_name: str) -> SetScore:
    from kb.ingest import Overrides

    lang = set_name.split("-")[1]
    gold = json.loads((SHARED / "dev" / f"gold-{lang}.json").read_text(encoding="utf-8"))
    score = SetScore(set_name)
    with tempfile.TemporaryDirectory() as tmp:
        for art in gold:
            path = SHARED / "dev" / "texts" / (art.get("file") or art["id"] + ".txt")
            kb = _store(tmp, art["id"])
            pub = date.fromisoformat(art["published"]) if art.get("published") else None
            report = kb.add([str(path)], Overrides(source=art.get("source"), published=pub, language=art["language"]))
            for failed in (f for f in report.files if f.status == "failed"):
                score.causes["article failed"] += 1
                score.details.append(f"{art['id']} failed: {failed.error}")
            system = kb.timeline()
            people = [p["name"] for p in kb.people()]
            score_meetings(score, art["meetings"], system, extracted_people=people, label=art["id"])
    return score


def format_table(scores: list[SetScore]) -> str:
    lines = ["| set | P | R | F1 | tp | fp | fn | status | kind |", "|---|---|---|---|---|---|---|---|---|"]
    for s in scores:
        r = s.row()
        lines.append(f"| {r['set']} | {r['P']:.2f} | {r['R']:.2f} | {r['F1']:.3f} | {r['tp']} | {r['fp']} | {r['fn']} | "
                     f"{r['status']:.2f} | {r['kind']:.2f} |")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m kb.eval", description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", action="append", choices=["seeds", "dev-id", "dev-en"])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--write", metavar="FILE", help="write the quality table (Markdown) to FILE")
    a = ap.parse_args(argv)
    sets = a.set or ["seeds", "dev-id", "dev-en"]
    if not SHARED.exists():
        sys.exit(f"error: {SHARED}: the gold data is not beside the project")
    scores = []
    for name in sets:
        s = eval_seeds(a.verbose) if name == "seeds" else eval_dev(name)
        scores.append(s)
        r = s.row()
        print(f"{name}: P {r['P']:.2f} R {r['R']:.2f} F1 {r['F1']:.3f} (tp {s.tp} fp {s.fp} fn {s.fn}), "
              f"status {s.status_ok}/{s.tp}, kind {s.kind_ok}/{s.tp}")
        if name == "seeds":
            for label, (tp, fp, fn) in (("people", s.people), ("places", s.places)):
                p, rr, f = SetScore.prf(tp, fp, fn)
                print(f"  {label}: P {p:.2f} R {rr:.2f} F1 {f:.3f}")
        if s.causes:
            print("  errors by cause: " + ", ".join(f"{k} {v}" for k, v in s.causes.most_common()))
        if a.verbose:
            for d in s.details:
                print("   ", d)
    print()
    print(format_table(scores))
    if a.write:
        _write_quality(Path(a.write), scores)


def _write_quality(path: Path, scores: list[SetScore]):
    from kb import __version__

    causes = Counter()
    for s in scores:
        causes.update(s.causes)
    text = [
        "# Meeting extraction quality",
        "",
        f"Produced by `python -m kb.eval --write {path}` (kb {__version__}, Python {platform.python_version()}); "
        "do not edit by hand. Matching follows the development data's rules: same participants (names compared "
        "loosely), the date at the gold precision, the place (or its country); optional gold meetings count neither way.",
        "",
        format_table(scores),
        "",
        "## Remaining errors by cause",
        "",
        "| set | " + " | ".join(sorted(causes)) + " |",
        "|---|" + "---|" * len(causes),
    ]
    for s in scores:
        text.append(f"| {s.name} | " + " | ".join(str(s.causes.get(c, 0)) for c in sorted(causes)) + " |")
    # a hand-written analysis below the generated figures is kept as it is
    analysis = ""
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if "\n## Analysis" in old:
            analysis = "\n" + old[old.index("\n## Analysis") + 1:]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(text) + "\n" + analysis, encoding="utf-8")


if __name__ == "__main__":
    main()
