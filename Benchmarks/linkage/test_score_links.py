"""Tests for score_links.py (standard library unittest).

    python3 -m unittest discover -s Benchmarks/linkage -v
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score_links  # noqa: E402

TRUTH = [  # 3 persons: A has 3 records (3 pairs), B has 2 (1 pair), C has 1
    ("S1", "1", "A"), ("S2", "1", "A"), ("S3", "1", "A"),
    ("S1", "2", "B"), ("S2", "2", "B"),
    ("S1", "3", "C"),
]


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


class ScoreLinksTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.truth = os.path.join(self.tmp.name, "truth.csv")
        write(self.truth, ["source_system", "source_record_id", "true_person_id"], TRUTH)

    def tearDown(self):
        self.tmp.cleanup()

    def links(self, rows, name="links.csv", header=("source_system", "source_record_id", "person_id")):
        path = os.path.join(self.tmp.name, name)
        write(path, header, rows)
        return path

    def test_perfect(self):
        r = score_links.score_files(self.links([(s, i, "x" + p) for s, i, p in TRUTH]), self.truth)
        self.assertEqual((r["precision"], r["recall"], r["f1"]), (1.0, 1.0, 1.0))
        self.assertEqual(r["true_pairs"], 4)

    def test_all_singletons(self):
        r = score_links.score_files(self.links([(s, i, s + i) for s, i, _ in TRUTH]), self.truth)
        self.assertEqual((r["precision"], r["recall"], r["f1"]), (1.0, 0.0, 0.0))

    def test_one_big_cluster(self):
        r = score_links.score_files(self.links([(s, i, "all") for s, i, _ in TRUTH]), self.truth)
        self.assertEqual(r["predicted_pairs"], 15)
        self.assertAlmostEqual(r["precision"], 4 / 15)
        self.assertEqual(r["recall"], 1.0)
        self.assertEqual(r["predicted_persons_merging_several"], 1)

    def test_partial(self):
        # A split into {S1,S2} and {S3}; B merged with C.
        rows = [("S1", "1", "p"), ("S2", "1", "p"), ("S3", "1", "q"),
                ("S1", "2", "r"), ("S2", "2", "r"), ("S1", "3", "r")]
        r = score_links.score_files(self.links(rows), self.truth)
        # predicted pairs: p 1, r 3 -> 4; correct: A 1, B 1 -> 2; true 4
        self.assertEqual((r["predicted_pairs"], r["correct_pairs"], r["true_pairs"]), (4, 2, 4))
        self.assertAlmostEqual(r["precision"], 0.5)
        self.assertAlmostEqual(r["recall"], 0.5)
        self.assertEqual(r["true_persons_split"], 1)

    def test_missing_records_count_as_singletons_or_are_left_out(self):
        rows = [("S1", "1", "a"), ("S2", "1", "a"), ("S1", "2", "b"), ("S2", "2", "b"),
                ("S9", "9", "z")]
        path = self.links(rows)
        r = score_links.score_files(path, self.truth)
        self.assertEqual(r["truth_records_missing_from_links"], 2)
        self.assertEqual(r["links_records_not_in_truth"], 1)
        self.assertAlmostEqual(r["recall"], 2 / 4)
        r = score_links.score_files(path, self.truth, universe="intersection")
        self.assertEqual(r["records_scored"], 4)
        self.assertEqual((r["precision"], r["recall"]), (1.0, 1.0))

    def test_extra_columns_bom_and_cli_json(self):
        path = os.path.join(self.tmp.name, "bom.csv")
        with open(path, "w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f)
            w.writerow(["person_id", "source_record_id", "source_system", "confidence"])
            for s, i, p in TRUTH:
                w.writerow([p, i, s, "0.9"])
        p = subprocess.run([sys.executable, os.path.join(HERE, "score_links.py"), path, self.truth, "--json"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout)["f1"], 1.0)

    def test_missing_column_is_an_error(self):
        path = self.links([("S1", "1")], header=("source_system", "source_record_id"))
        with self.assertRaises(SystemExit):
            score_links.score_files(path, self.truth)


if __name__ == "__main__":
    unittest.main()
