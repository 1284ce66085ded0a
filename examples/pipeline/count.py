"""Stage 2 of the example pipeline: count the words stage 1 wrote.

Reads $UNIP_PIPELINE_TOKENS/tokens.txt, writes $UNIP_PIPELINE_OUTPUT/counts.json.
"""
import collections
import json
import os

tokens = os.path.join(os.environ["UNIP_PIPELINE_TOKENS"], "tokens.txt")
with open(tokens, encoding="utf-8") as f:
    counts = collections.Counter(line.strip() for line in f if line.strip())
with open(os.path.join(os.environ["UNIP_PIPELINE_OUTPUT"], "counts.json"), "w", encoding="utf-8") as f:
    json.dump(dict(counts.most_common()), f, ensure_ascii=False, indent=1)
print(f"count: {len(counts)} distinct words")
