#!/usr/bin/env python3
"""List the true pairs a links file missed (or the false pairs it made), with both records' fields (standard library).

    python3 missed_pairs.py LINKS.csv EXTRACT.csv [--pattern TAG] [--false] [--limit N] [--summary]

EXTRACT.csv is the generator's extract; EXTRACT.truth.csv and EXTRACT.patterns.csv are read beside it. A missed pair
is two records of one true person in different predicted persons; with --pattern only pairs where either record carries
TAG. --false lists pairs of different true persons in one predicted person instead. --summary counts missed pairs by
which fields differ (forename, surname, dob, postcode, nhs) instead of listing them.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
from collections import Counter, defaultdict

FIELDS = ("forename", "surname", "date_of_birth", "address_line1", "postcode", "nhs_number", "gender", "aliases")


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("links")
    parser.add_argument("extract")
    parser.add_argument("--pattern")
    parser.add_argument("--false", action="store_true")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--summary", action="store_true")
    args = parser.parse_args(argv)
    base = args.extract[: -len(".csv")]
    predicted = {}
    with open(args.links, newline="") as f:
        for row in csv.DictReader(f):
            predicted[(row["source_system"], row["source_record_id"])] = row["person_id"]
    truth = {}
    with open(base + ".truth.csv", newline="") as f:
        for row in csv.DictReader(f):
            truth[(row["source_system"], row["source_record_id"])] = row["true_person_id"]
    tags = defaultdict(set)
    with open(base + ".patterns.csv", newline="") as f:
        for row in csv.DictReader(f):
            tags[(row["source_system"], row["source_record_id"])] = set(row["patterns"].split(";"))
    records = {}
    with open(args.extract, newline="") as f:
        for row in csv.DictReader(f):
            records[(row["source_system"], row["source_record_id"])] = row  # the latest row wins, as near enough

    groups = defaultdict(list)
    for key, person in (predicted.items() if args.false else truth.items()):
        groups[person].append(key)
    pairs = []
    for keys in groups.values():
        for a, b in itertools.combinations(sorted(keys), 2):
            if args.false:
                wrong = truth.get(a) != truth.get(b)
            else:
                wrong = predicted.get(a) is None or predicted.get(a) != predicted.get(b)
            if not wrong:
                continue
            if args.pattern and args.pattern not in tags[a] and args.pattern not in tags[b]:
                continue
            pairs.append((a, b))
    print(f"{len(pairs)} {'false' if args.false else 'missed'} pairs", file=sys.stderr)
    if args.summary:
        counts = Counter()
        for a, b in pairs:
            ra, rb = records[a], records[b]
            differ = [name for name in ("forename", "surname", "date_of_birth", "postcode", "nhs_number")
                      if ra[name].strip().lower().replace(" ", "") != rb[name].strip().lower().replace(" ", "")]
            counts[",".join(differ) or "-"] += 1
        for key, count in counts.most_common(30):
            print(f"{count:6d}  {key}")
        return
    for a, b in pairs[: args.limit]:
        for key in (a, b):
            row = records[key]
            print(f"{key[0]:<11} {key[1]:<12} pred={predicted.get(key, '-'):<7} true={truth.get(key, '-'):<9} "
                  + " | ".join(row[name] for name in FIELDS) + "  [" + ";".join(sorted(tags[key])) + "]")
        print()


if __name__ == "__main__":
    main()
