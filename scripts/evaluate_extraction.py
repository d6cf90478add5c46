"""Measure mention and claim extraction against the development gold set (eval-dev).

    .venv/bin/python scripts/evaluate_extraction.py [--gold ../shared/eval-dev] [--out PRED_DIR] [--verbose]

Runs the Extractor over each corpus file the gold set names, writes the mention records (the
`kg extract --jsonl` format) as PRED_DIR/<seed name>.jsonl and the claim records as
PRED_DIR/claims.jsonl, prints the reference scorer's tables (`score.py mentions PRED_DIR`, then with
`--spans`), and scores the claims.

A claims-only gold set (a folder with claims.jsonl and no gold/ mentions or score.py, such as a held-out
set of unseen papers) scores the claims alone:
    .venv/bin/python scripts/evaluate_extraction.py --gold HELDOUT --corpus HELDOUT/texts

Claim matching. A predicted claim matches a gold claim when all of these hold:
- same file, and the evidence sentences overlap (character offsets into the file);
- same relation name (drives, part_of, located_in...: ckg:relationName);
- the subjects match and the objects match: the two argument texts, whitespace-normalised and
  lower-cased, share their head noun (the last word before the first preposition, a final plural "s"
  dropped: "fission of a leading enterprise" -> "fission") or one contains the other;
- the polarity is the same.
Each gold claim matches at most one prediction and each prediction at most one gold claim (first come,
in file order). Precision = matched / predicted, recall = matched / gold. Polarity and hedging agreement
are reported over the pairs that match on everything but polarity.

A second, family-level line relaxes only the relation: the relation names need only fall in the same
family (RELATION_FAMILIES): positive influence {drives, causes, enables, supports, attracts}, negative
influence {hinders, constrains}, and {performs}, {part_of}, {located_in} each on its own. Files,
sentences, arguments and polarity are matched as above. The first line (exact relation name) is the
primary figure.

A third line counts the predictions whose evidence sentence is one the gold annotates, and the precision
over those: the gold gives about one claim to a sentence and leaves most sentences of a full text out, so
this separates how a claim is read from which sentences were chosen for the gold.

The corpus files are read with kg.ingest.read.read_paper when it exists; until then with the stand-in
reader below, which takes blank-line separated blocks as paragraphs and joins a block to the next when
it does not end a sentence (004 breaks every line with a blank line).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.records import records  # noqa: E402
from kg.ingest.types import Metadata, Paper, Paragraph, Section  # noqa: E402
from kg.ontology import load_relations, load_vocabulary  # noqa: E402

PREPOSITIONS = {"of", "in", "with", "for", "on", "from", "by", "to", "at", "among", "between", "like", "such", "within", "into"}
SENTENCE_END = re.compile(r"[.!?:;。！？][\"'”’)\]]*\s*$")
QUOTES = "“”\""


def default_gold() -> Path:
    return ROOT.parent / "shared" / "eval-dev"


def reader() -> Callable[[Path], Paper]:
    try:
        from kg.ingest.read import read_paper
    except ImportError:
        return stand_in_paper
    return read_paper


def stand_in_paper(path: Path) -> Paper:
    """A paper as plain text: blocks between blank lines, joined while a block does not end a sentence;
    whitespace runs collapsed and straight or curly double quotes read as spaces (004 glues them to words)."""
    text = path.read_text(encoding="utf-8")
    blocks = [(m.start(), m.end()) for m in re.finditer(r"\S[\s\S]*?(?=\n\s*\n|\Z)", text)]
    groups: list[list[tuple[int, int]]] = []
    for start, end in blocks:
        if groups and not SENTENCE_END.search(text[groups[-1][-1][0]:groups[-1][-1][1]]):
            groups[-1].append((start, end))
        else:
            groups.append([(start, end)])
    paragraphs = []
    for group in groups:
        start, end = group[0][0], group[-1][1]
        chars, offsets, space = [], [], False
        for i in range(start, end):
            ch = " " if text[i] in QUOTES or text[i].isspace() else text[i]
            if ch == " " and (space or not chars):
                continue
            chars.append(ch)
            offsets.append(i)
            space = ch == " "
        while chars and chars[-1] == " ":
            chars.pop()
            offsets.pop()
        if chars:
            paragraphs.append(Paragraph(start, end, "".join(chars), tuple(offsets) + (offsets[-1] + 1,)))
    section = Section("body", None, 0, len(text), tuple(paragraphs))
    return Paper(path, text, "text", hashlib.sha256(text.encode()).hexdigest(), Metadata(), (section,))


def norm(text: str) -> str:
    return " ".join(text.replace("“", " ").replace("”", " ").replace('"', " ").split()).lower().strip(" ,.;:’'")


def head_noun(text: str) -> str:
    words = norm(text).split()
    cut = next((i for i, w in enumerate(words) if w in PREPOSITIONS and i > 0), len(words))
    head = words[cut - 1] if cut else ""
    head = re.sub(r"[’']s$", "", head)
    return head[:-1] if head.endswith("s") and not head.endswith("ss") and len(head) > 3 else head


def argument_matches(predicted: str, gold: str) -> bool:
    p, g = norm(predicted), norm(gold)
    return bool(p and g) and (p in g or g in p or head_noun(p) == head_noun(g))


RELATION_FAMILIES = {
    **dict.fromkeys(("drives", "causes", "enables", "supports", "attracts"), "positive influence"),
    **dict.fromkeys(("hinders", "constrains"), "negative influence"),
    "performs": "performs", "part_of": "part_of", "located_in": "located_in",
}


def same_relation(predicted: str, gold: str, family: bool = False) -> bool:
    if not family:
        return predicted == gold
    return RELATION_FAMILIES.get(predicted, predicted) == RELATION_FAMILIES.get(gold, gold)


def same_sentence(pred: dict, gold: dict) -> bool:
    """The evidence sentences overlap."""
    return (pred["file"] == gold["file"]
            and pred["sentence_start"] < gold["sentence_end"] and gold["sentence_start"] < pred["sentence_end"])


def claim_matches(pred: dict, gold: dict, polarity: bool = True, family: bool = False) -> bool:
    return (same_sentence(pred, gold)
            and same_relation(pred["relation"], gold["relation"], family)
            and argument_matches(pred["subject"], gold["subject"])
            and argument_matches(pred["object"], gold["object"])
            and (not polarity or pred["polarity"] == gold["polarity"]))


def pair(predicted: list[dict], gold: list[dict], polarity: bool, family: bool = False) -> list[tuple[int, int]]:
    """One-to-one matches (prediction index, gold index), first come first served."""
    used: set[int] = set()
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if j not in used and claim_matches(p, g, polarity, family):
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


def sentence(texts: dict[str, str], claim: dict) -> str:
    return " ".join(texts[claim["file"]][claim["sentence_start"]:claim["sentence_end"]].split())


def show(claim: dict) -> str:
    flags = f"{claim['polarity']}{', hedged' if claim['hedged'] else ''}"
    return f"{claim['file'][:3]}  {claim['subject']} [{claim['subject_category']}] --{claim['relation']}--> {claim['object']} [{claim['object_category']}] ({flags})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=default_gold(), help="the eval-dev folder (gold/, claims.jsonl, score.py)")
    parser.add_argument("--corpus", type=Path, default=None, help="folder of the seed papers (default: corpus/, else the gold's ../seed-papers)")
    parser.add_argument("--out", type=Path, default=None, help="PRED_DIR for the predictions (default: a temporary folder)")
    parser.add_argument("--ontology", type=Path, default=None, help="ontology file (default: the settings')")
    parser.add_argument("--verbose", action="store_true", help="print false-positive and missed claims with their sentences")
    args = parser.parse_args()

    from kg.extract.pipeline import Extractor

    gold_claims = [json.loads(line) for line in (args.gold / "claims.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    names = sorted({p.name.removesuffix(".jsonl") + ".txt" for p in (args.gold / "gold").glob("*.jsonl")} | {c["file"] for c in gold_claims})
    corpus_dirs = [args.corpus] if args.corpus else [ROOT / "corpus", args.gold.parent / "seed-papers"]
    out = args.out or Path(tempfile.mkdtemp(prefix="clusterkg-eval-"))
    out.mkdir(parents=True, exist_ok=True)

    vocabulary = load_vocabulary(args.ontology) if args.ontology else load_vocabulary()
    relations = load_relations(args.ontology) if args.ontology else load_relations()
    relation_names = {iri: r.name for iri, r in relations.items()}
    extractor = Extractor(vocabulary=vocabulary, relations=relations)
    read = reader()
    print(f"reader: {read.__module__}.{read.__name__}; predictions in {out}", file=sys.stderr)

    texts: dict[str, str] = {}
    predicted: list[dict] = []
    for name in names:
        path = next((d / name for d in corpus_dirs if (d / name).is_file()), None)
        if path is None:
            print(f"evaluate: {name}: not found in {', '.join(map(str, corpus_dirs))}", file=sys.stderr)
            continue
        paper = read(path)
        texts[name] = paper.text
        found = records(extractor.extract(paper), relation_names)
        with open(out / (Path(name).stem + ".jsonl"), "w", encoding="utf-8") as fh:
            for record in found:
                if record["kind"] == "mention":
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        predicted += [{"file": name, **r} for r in found if r["kind"] == "claim"]
    with open(out / "claims.jsonl", "w", encoding="utf-8") as fh:
        for record in predicted:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")

    scorer = args.gold / "score.py"
    if scorer.is_file() and (args.gold / "gold").is_dir():  # a claims-only gold set has no mention gold
        for extra, title in (([], "mentions (text, category)"), (["--spans"], "mentions (start, end, category)")):
            print(f"== {title}")
            sys.stdout.flush()
            subprocess.run([sys.executable, str(scorer), "mentions", str(out), *extra], check=True)

    gold_claims = [g for g in gold_claims if g["file"] in texts]
    matched = pair(predicted, gold_claims, polarity=True)
    loose = pair(predicted, gold_claims, polarity=False)
    polarity_agree = sum(predicted[i]["polarity"] == gold_claims[j]["polarity"] for i, j in loose)
    hedge_agree = sum(predicted[i]["hedged"] == gold_claims[j]["hedged"] for i, j in loose)
    tp = len(matched)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(gold_claims) if gold_claims else 0.0
    print("== claims")
    print(f"gold {len(gold_claims)}  predicted {len(predicted)}  matched {tp}  precision {precision:.3f}  recall {recall:.3f}")
    family_tp = len(pair(predicted, gold_claims, polarity=True, family=True))
    print(f"family level (relation families, see the docstring): matched {family_tp}  "
          f"precision {family_tp / len(predicted) if predicted else 0.0:.3f}  recall {family_tp / len(gold_claims) if gold_claims else 0.0:.3f}")
    in_gold_sentences = [i for i, c in enumerate(predicted) if any(same_sentence(c, g) for g in gold_claims)]
    hit_in_gold_sentences = len({i for i, _ in matched} & set(in_gold_sentences))
    print(f"in sentences the gold annotates: predicted {len(in_gold_sentences)}  matched {hit_in_gold_sentences}  "
          f"precision {hit_in_gold_sentences / len(in_gold_sentences) if in_gold_sentences else 0.0:.3f}; "
          f"elsewhere predicted {len(predicted) - len(in_gold_sentences)}")
    print(f"matched but for polarity: {len(loose)}; polarity agrees {polarity_agree}/{len(loose)}, hedging agrees {hedge_agree}/{len(loose)}")
    by_relation = Counter(p["relation"] for p in predicted)
    hits = Counter(predicted[i]["relation"] for i, _ in matched)
    golds = Counter(g["relation"] for g in gold_claims)
    print(f"{'relation':11} {'gold':>5} {'pred':>5} {'tp':>5}")
    for name in sorted(set(by_relation) | set(golds)):
        print(f"{name:11} {golds[name]:5d} {by_relation[name]:5d} {hits[name]:5d}")
    files = Counter(p["file"] for p in predicted)
    file_hits = Counter(predicted[i]["file"] for i, _ in matched)
    file_golds = Counter(g["file"] for g in gold_claims)
    print(f"{'file':11} {'gold':>5} {'pred':>5} {'tp':>5}")
    for name in sorted(texts):
        print(f"{name[:3]:11} {file_golds[name]:5d} {files[name]:5d} {file_hits[name]:5d}")
    if args.verbose:
        hit_pred = {i for i, _ in matched}
        hit_gold = {j for _, j in matched}
        print("== false positives")
        for i, p in enumerate(predicted):
            if i not in hit_pred:
                print(show(p))
                print("     " + sentence(texts, p))
        print("== missed gold claims")
        for j, g in enumerate(gold_claims):
            if j not in hit_gold:
                print(show(g))
                print("     " + sentence(texts, g))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
