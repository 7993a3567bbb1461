"""Refresh the output block of README.md with the real output of `factdiff check`.

Run by `make readme`; tests/docs.rs fails when the block is stale.
"""
import os
import subprocess
import sys

env = dict(os.environ, NO_COLOR="1")
env.pop("COLUMNS", None)
out = subprocess.run(
    ["cargo", "run", "--quiet", "--", "check", "corpus", "--rules", "rules"],
    capture_output=True, text=True, env=env,
).stdout
readme = open("README.md", encoding="utf-8").read()
start = readme.index("```text\n") + len("```text\n")
end = readme.index("```", start)
open("README.md", "w", encoding="utf-8").write(readme[:start] + out + readme[end:])
sys.stderr.write("README.md output block refreshed\n")
