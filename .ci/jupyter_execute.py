"""Execute notebooks through real Jupyter (nbclient) with the project-local tslab kernel.

Usage: /usr/bin/python3 .ci/jupyter_execute.py ROOT NOTEBOOK [NOTEBOOK ...]
Prints one line per notebook: "jupyter: PASS name" or "jupyter: FAIL name: reason".
Exit code = number of failures. The kernel starts in ROOT (where `./lib` resolves).
"""
import os
import sys

import nbformat
from nbclient import NotebookClient


def main() -> int:
    root = os.path.abspath(sys.argv[1])
    failures = 0
    for path in sys.argv[2:]:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, kernel_name="tslab", timeout=600, resources={"metadata": {"path": root}})
        name = os.path.basename(path)
        try:
            client.execute()
            outputs = sum(len(c.get("outputs", [])) for c in nb.cells if c.cell_type == "code")
            svgs = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if "image/svg+xml" in o.get("data", {}))
            if svgs == 0:
                raise RuntimeError("no SVG figure was displayed (outputs: %d)" % outputs)
            print("jupyter: PASS %s (%d outputs, %d inline SVG figures)" % (name, outputs, svgs), flush=True)
        except Exception as e:  # noqa: BLE001 - report any failure on one line
            failures += 1
            msg = str(e).strip().splitlines()
            print("jupyter: FAIL %s: %s" % (name, msg[-1] if msg else type(e).__name__), flush=True)
    return failures


if __name__ == "__main__":
    sys.exit(main())
