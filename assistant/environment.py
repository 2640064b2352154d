"""The process environment every entry point needs, set in this one place.

Offline and private by default: no model hub, no telemetry, no analytics. Libraries read these
variables when they are imported, so `assistant/__init__.py` applies them first of all. A value
the user set already is kept.
"""

import os

OFFLINE_DEFAULTS = {
    "HF_HUB_OFFLINE": "1",  # models come from local folders only
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "ANONYMIZED_TELEMETRY": "False",  # Chroma
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",  # no fork warnings from the tokenizer's thread pool
}


def apply_offline_defaults() -> None:
    for name, value in OFFLINE_DEFAULTS.items():
        os.environ.setdefault(name, value)
