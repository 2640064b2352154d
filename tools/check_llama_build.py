"""Exit 0 when the installed llama.cpp runs the shipped model on this CPU, non-zero otherwise.

pip caches the llama-cpp-python wheel it compiles, keyed by the source archive, not by the
CPU. A wheel compiled elsewhere (a shared cache, a copied home folder, another host of the
same image) can use instructions this CPU lacks, and the process then dies with SIGILL on the
first long prompt, not at import. `make install` runs this and rebuilds the wheel when it fails.
"""

from __future__ import annotations

import sys

from assistant import Settings  # sets the offline environment first
from assistant.models.generators import LlamaCppGenerator


def main() -> int:
    generator = LlamaCppGenerator(Settings())  # the app's own loading, with the shipped model
    # A long prompt is evaluated in batches, through the matrix kernels a short one skips.
    for _ in generator.stream([{"role": "user", "content": "policy " * 400}], max_tokens=2):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
