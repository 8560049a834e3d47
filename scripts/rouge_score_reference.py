#!/usr/bin/env python3
"""Reference scores from Google's rouge-score, for epitome-eval's agreement test.

Reads JSON lines {"target": str, "prediction": str} from the file named by the first
argument and prints, for each, one JSON line
{"plain": {"rouge1": [p, r, f], "rouge2": ..., "rougeL": ..., "rougeLsum": ...},
 "stem": {...}} computed by rouge_score.rouge_scorer.RougeScorer without and with
use_stemmer. The first line printed is {"rouge_score": version, "nltk": version}.
"""
import json
import sys
from importlib import metadata

from rouge_score import rouge_scorer

TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]


def main():
    scorers = {
        "plain": rouge_scorer.RougeScorer(TYPES, use_stemmer=False),
        "stem": rouge_scorer.RougeScorer(TYPES, use_stemmer=True),
    }
    out = sys.stdout
    out.write(json.dumps({"rouge_score": metadata.version("rouge-score"),
                          "nltk": metadata.version("nltk")}) + "\n")
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            pair = json.loads(line)
            row = {}
            for name, scorer in scorers.items():
                s = scorer.score(pair["target"], pair["prediction"])
                row[name] = {t: [s[t].precision, s[t].recall, s[t].fmeasure] for t in TYPES}
            out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
