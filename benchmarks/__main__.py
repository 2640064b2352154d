"""`python -m benchmarks [--quick] [--only NAME[,NAME]]`."""

from __future__ import annotations

import argparse
import sys

from benchmarks import BENCHMARKS, run
from benchmarks.common import Config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="smaller sizes (no 10k-document or 100k-chunk corpora); a few minutes")
    parser.add_argument("--only", action="append", default=[],
                        help=f"run only these benchmarks (repeat or comma-separate): {', '.join(BENCHMARKS)}")
    args = parser.parse_args(argv)
    only = [name for value in args.only for name in value.split(",") if name]
    unknown = [name for name in only if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    config = Config.quick() if args.quick else Config()
    report = run(config, only or None)
    failed = [name for name, section in report["sections"].items() if "error" in section]
    print(f"wrote {config.out_dir / 'report.json'} and {config.results_md}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
