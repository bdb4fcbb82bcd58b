#!/usr/bin/env python3
"""Score any person-links file against a truth file (standard library only).

    python3 score_links.py LINKS.csv TRUTH.csv [--patterns PATTERNS.csv]
                           [--universe truth|intersection] [--json]

LINKS.csv  columns source_system, source_record_id, person_id (extra columns are
           ignored): what `hub tracker export-links` writes, and what
           splink_run.py writes. One row per source record.
TRUTH.csv  columns source_system, source_record_id, true_person_id, as written by
           seed/synthetic/generate.py.
PATTERNS.csv  (optional) columns source_system, source_record_id, patterns: the
           generator's pattern tags per record, separated by ';' (records not
           in it have none).

Metrics are pairwise: every unordered pair of source records that the links
file puts in the same person is a predicted link; every pair that the truth
puts in the same person is a true link.
    precision = correct predicted links / predicted links
    recall    = correct predicted links / true links
    F1        = 2PR / (P + R)
The universe of records is, by default, every record in the truth file: a
truth record the links file does not mention counts as a person on its own (no
links), so a system cannot score well by dropping hard records. With
--universe intersection only records present in both files are scored. Records
in the links file but not in the truth file are counted and ignored.

Also, always:
    merged clusters   predicted persons holding records of >= 2 true persons,
                      and that count per 10,000 predicted persons;
    ASC/CSC joins     predicted persons holding a PIP-ASC record of one true
                      person and a PIP-CSC record of a different true person
                      (an adult social care client joined to another's child);
and with --patterns:
    typo pairs        true pairs where either record carries a typo tag
                      (typo_name, typo_dob), and the share of them recalled;
    per pattern       for each tag: records with it, true pairs involving such
                      a record and how many were recalled, false pairs (same
                      predicted person, different true persons) involving such
                      a record, and merged clusters holding such a record.

Hub and the Splink baseline are scored by this same code.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict

ASC_SOURCE, CSC_SOURCE = "PIP-ASC", "PIP-CSC"
TYPO_TAGS = ("typo_name", "typo_dob")
ANY_TYPO = "any_typo"  # the per-pattern row of TYPO_TAGS together


def read_mapping(path, cluster_col):
    """(source_system, source_record_id) -> cluster label; also duplicate count."""
    mapping = {}
    duplicates = conflicts = 0
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        missing = {"source_system", "source_record_id", cluster_col} - set(reader.fieldnames or [])
        if missing:
            sys.exit("%s: missing column(s) %s" % (path, ", ".join(sorted(missing))))
        for row in reader:
            key = (row["source_system"].strip(), row["source_record_id"].strip())
            label = row[cluster_col].strip()
            if key in mapping:
                duplicates += 1
                if mapping[key] != label:
                    conflicts += 1
                continue
            mapping[key] = label
    return mapping, duplicates, conflicts


def read_patterns(path):
    """(source_system, source_record_id) -> frozenset of pattern tags."""
    patterns = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        missing = {"source_system", "source_record_id", "patterns"} - set(reader.fieldnames or [])
        if missing:
            sys.exit("%s: missing column(s) %s" % (path, ", ".join(sorted(missing))))
        for row in reader:
            key = (row["source_system"].strip(), row["source_record_id"].strip())
            tags = frozenset(t.strip() for t in row["patterns"].split(";") if t.strip())
            patterns[key] = patterns.get(key, frozenset()) | tags
    return patterns


def pairs(n):
    return n * (n - 1) // 2


def score(links, truth, universe="truth", patterns=None):
    if universe == "truth":
        keys = list(truth)
    elif universe == "intersection":
        keys = [k for k in truth if k in links]
    else:
        raise ValueError(universe)
    missing = sum(1 for k in truth if k not in links)
    unknown = sum(1 for k in links if k not in truth)

    pred_sizes = Counter()
    true_sizes = Counter()
    joint = Counter()
    asc_true = defaultdict(set)  # predicted person -> true persons of its PIP-ASC records
    csc_true = defaultdict(set)
    # per tag: tagged records per true person, per (predicted, true) cell, per predicted person
    tag_true, tag_joint, tag_pred = Counter(), Counter(), Counter()
    tag_records = Counter()
    for i, k in enumerate(keys):
        t = truth[k]
        p = links.get(k)
        if p is None:
            p = ("\0singleton", i)  # unlinked: a cluster of its own
        pred_sizes[p] += 1
        true_sizes[t] += 1
        joint[(p, t)] += 1
        if k[0] == ASC_SOURCE:
            asc_true[p].add(t)
        elif k[0] == CSC_SOURCE:
            csc_true[p].add(t)
        if patterns:
            tags = patterns.get(k)
            if tags:
                if any(tag in tags for tag in TYPO_TAGS):
                    tags = tags | {ANY_TYPO}
                for tag in tags:
                    tag_records[tag] += 1
                    tag_true[(tag, t)] += 1
                    tag_joint[(tag, p, t)] += 1
                    tag_pred[(tag, p)] += 1

    tp = sum(pairs(n) for n in joint.values())
    pred = sum(pairs(n) for n in pred_sizes.values())
    true = sum(pairs(n) for n in true_sizes.values())
    precision = tp / pred if pred else 1.0
    recall = tp / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    # How many true persons were split across several predicted persons, and how
    # many predicted persons merge several true persons.
    parts_per_true = defaultdict(int)
    parts_per_pred = defaultdict(int)
    for (p, t) in joint:
        parts_per_true[t] += 1
        parts_per_pred[p] += 1
    merged = {p for p, n in parts_per_pred.items() if n > 1}
    asc_csc_joins = sum(1 for p, ascs in asc_true.items()
                        if p in csc_true and any(a != c for a in ascs for c in csc_true[p]))
    result = {
        "universe": universe,
        "records_scored": len(keys),
        "truth_records": len(truth),
        "links_records": len(links),
        "truth_records_missing_from_links": missing,
        "links_records_not_in_truth": unknown,
        "true_persons": len(true_sizes),
        "predicted_persons": len(pred_sizes),
        "true_persons_split": sum(1 for n in parts_per_true.values() if n > 1),
        "predicted_persons_merging_several": sum(1 for n in parts_per_pred.values() if n > 1),
        "true_pairs": true,
        "predicted_pairs": pred,
        "correct_pairs": tp,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "merged_clusters": len(merged),
        "merged_per_10k": 10_000 * len(merged) / len(pred_sizes) if pred_sizes else 0.0,
        "asc_csc_joins": asc_csc_joins,
    }
    if patterns is not None:
        per = {}
        for tag in sorted(tag_records):
            per[tag] = {"records": tag_records[tag], "true_pairs": 0, "recalled_pairs": 0,
                        "false_pairs": 0, "merged_clusters": 0}
        # True pairs with at least one tagged record: all pairs minus those among untagged records.
        for (tag, t), k in tag_true.items():
            n = true_sizes[t]
            per[tag]["true_pairs"] += pairs(n) - pairs(n - k)
        for (tag, p, t), k in tag_joint.items():
            n = joint[(p, t)]
            per[tag]["recalled_pairs"] += pairs(n) - pairs(n - k)
            per[tag]["false_pairs"] -= pairs(n) - pairs(n - k)  # correct pairs come off the predicted ones below
        for (tag, p), k in tag_pred.items():
            n = pred_sizes[p]
            per[tag]["false_pairs"] += pairs(n) - pairs(n - k)
            if p in merged:
                per[tag]["merged_clusters"] += 1
        for figures in per.values():
            figures["recall"] = figures["recalled_pairs"] / figures["true_pairs"] if figures["true_pairs"] else 1.0
        typo = per.get(ANY_TYPO, {"true_pairs": 0, "recalled_pairs": 0, "recall": 1.0})
        result["typo_pairs"] = typo["true_pairs"]
        result["typo_pairs_recalled"] = typo["recalled_pairs"]
        result["typo_pair_recall"] = typo["recall"]
        result["per_pattern"] = per
    return result


def score_files(links_path, truth_path, universe="truth", patterns_path=None):
    links, ldup, lconf = read_mapping(links_path, "person_id")
    truth, tdup, tconf = read_mapping(truth_path, "true_person_id")
    patterns = read_patterns(patterns_path) if patterns_path else None
    result = score(links, truth, universe, patterns)
    result["links_duplicate_rows"] = ldup
    result["links_conflicting_rows"] = lconf
    result["truth_duplicate_rows"] = tdup
    return result


def format_report(r):
    lines = [
        "records scored %d (universe: %s); truth %d, links %d"
        % (r["records_scored"], r["universe"], r["truth_records"], r["links_records"]),
        "truth records missing from links %d; links records not in truth %d"
        % (r["truth_records_missing_from_links"], r["links_records_not_in_truth"]),
        "persons: true %d, predicted %d; true persons split %d; predicted persons merging several %d"
        % (r["true_persons"], r["predicted_persons"], r["true_persons_split"],
           r["predicted_persons_merging_several"]),
        "pairs: true %d, predicted %d, correct %d"
        % (r["true_pairs"], r["predicted_pairs"], r["correct_pairs"]),
        "precision %.4f  recall %.4f  F1 %.4f" % (r["precision"], r["recall"], r["f1"]),
        "merged clusters %d of %d predicted persons: %.2f per 10,000"
        % (r["merged_clusters"], r["predicted_persons"], r["merged_per_10k"]),
        "clusters joining a %s record with a %s record of another true person: %d"
        % (ASC_SOURCE, CSC_SOURCE, r["asc_csc_joins"]),
    ]
    if "per_pattern" in r:
        lines.append("typo pairs (either record typo_name or typo_dob): true %d, recalled %d, recall %.4f"
                     % (r["typo_pairs"], r["typo_pairs_recalled"], r["typo_pair_recall"]))
        lines.append("%-18s %8s %10s %10s %8s %11s %8s" % (
            "pattern", "records", "true pairs", "recalled", "recall", "false pairs", "merged"))
        for tag, f in sorted(r["per_pattern"].items()):
            lines.append("%-18s %8d %10d %10d %8.4f %11d %8d" % (
                tag, f["records"], f["true_pairs"], f["recalled_pairs"], f["recall"], f["false_pairs"],
                f["merged_clusters"]))
    if r.get("links_conflicting_rows"):
        lines.append("warning: %d links rows give a second, different person_id for a record (first kept)"
                     % r["links_conflicting_rows"])
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("links")
    ap.add_argument("truth")
    ap.add_argument("--patterns", help="the generator's pattern tags per record: adds typo-pair recall and per-pattern figures")
    ap.add_argument("--universe", choices=["truth", "intersection"], default="truth")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    args = ap.parse_args(argv)
    r = score_files(args.links, args.truth, args.universe, args.patterns)
    print(json.dumps(r, indent=2) if args.json else format_report(r))


if __name__ == "__main__":
    main()
