#!/usr/bin/env python3
"""Score any person-links file against a truth file (standard library only).

    python3 score_links.py LINKS.csv TRUTH.csv [--universe truth|intersection] [--json]

LINKS.csv  columns source_system, source_record_id, person_id (extra columns are
           ignored): what `hub tracker export-links` writes, and what
           splink_run.py writes. One row per source record.
TRUTH.csv  columns source_system, source_record_id, true_person_id, as written by
           seed/synthetic/generate.py.

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

Hub and the Splink baseline are scored by this same code.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict


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


def pairs(n):
    return n * (n - 1) // 2


def score(links, truth, universe="truth"):
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
    for i, k in enumerate(keys):
        t = truth[k]
        p = links.get(k)
        if p is None:
            p = ("\0singleton", i)  # unlinked: a cluster of its own
        pred_sizes[p] += 1
        true_sizes[t] += 1
        joint[(p, t)] += 1

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
    return {
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
    }


def score_files(links_path, truth_path, universe="truth"):
    links, ldup, lconf = read_mapping(links_path, "person_id")
    truth, tdup, tconf = read_mapping(truth_path, "true_person_id")
    result = score(links, truth, universe)
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
    ]
    if r.get("links_conflicting_rows"):
        lines.append("warning: %d links rows give a second, different person_id for a record (first kept)"
                     % r["links_conflicting_rows"])
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("links")
    ap.add_argument("truth")
    ap.add_argument("--universe", choices=["truth", "intersection"], default="truth")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    args = ap.parse_args(argv)
    r = score_files(args.links, args.truth, args.universe)
    print(json.dumps(r, indent=2) if args.json else format_report(r))


if __name__ == "__main__":
    main()
