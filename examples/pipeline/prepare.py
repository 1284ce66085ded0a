"""Stage 1 of the example pipeline: split a text into lowercase words, one per line.

Reads the file in $UNIP_PIPELINE_INPUT, writes $UNIP_PIPELINE_TOKENS/tokens.txt (a folder, as
every pipeline output is).
"""
import os
import re
import sys

source = os.environ["UNIP_PIPELINE_INPUT"]
target = os.environ["UNIP_PIPELINE_TOKENS"]
with open(source, encoding="utf-8") as f:
    words = re.findall(r"\w+", f.read().lower())
if not words:
    print(f"no words in {os.path.basename(source)}", file=sys.stderr)
    sys.exit(2)
with open(os.path.join(target, "tokens.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(words) + "\n")
print(f"prepare: {len(words)} words")
