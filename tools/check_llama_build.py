"""Exit 0 when the installed llama.cpp runs the shipped model on this CPU, non-zero otherwise.

pip caches the llama-cpp-python wheel it compiles, keyed by the source archive, not by the
CPU. A wheel compiled elsewhere (a shared cache, a copied home folder, another host of the
same image) can use instructions this CPU lacks, and the process then dies with SIGILL on the
first long prompt, not at import. `make install` runs this and rebuilds the wheel when it fails.
"""

from __future__ import annotations

import sys

from assistant.environment import apply_offline_defaults


def main() -> int:
    apply_offline_defaults()
    from llama_cpp import Llama

    from assistant.models.generators import default_gguf_path

    model = Llama(model_path=str(default_gguf_path()), n_ctx=1024, n_threads=2, verbose=False)
    # A long prompt is evaluated in batches, through the matrix kernels a short one skips.
    model("policy " * 400, max_tokens=2)
    model.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
