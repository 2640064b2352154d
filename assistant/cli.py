"""`assistant` command line: index, ask, eval. A thin shell over `Assistant`.

Exit codes: 0 success; 2 a user error (one line on stderr: missing corpus, no index yet, bad
setting, unreadable eval file); 3 the index was updated but some files were skipped (listed).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

EXIT_USER_ERROR = 2
EXIT_SOME_FILES_SKIPPED = 3


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    from assistant.errors import AssistantError

    try:
        return args.handler(args)
    except AssistantError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="Cited answers from local policy documents.")
    parser.add_argument("--config", help="settings file (default: assistant.toml)")
    commands = parser.add_subparsers(dest="command", required=True)

    index = commands.add_parser("index", help="add, update and remove documents in the index")
    _add_dirs(index)
    index.add_argument("--rebuild", action="store_true", help="re-embed every document from scratch")
    index.add_argument("--retry-failed", action="store_true",
                       help="try again the files that failed before and have not changed since")
    index.add_argument("--json", action="store_true", help="print the report as JSON")
    index.add_argument("--watch", action="store_true",
                       help="then keep watching the corpus folder and sync after every change (Ctrl-C stops)")
    index.set_defaults(handler=_index)

    ask = commands.add_parser("ask", help="answer one question with citations")
    _add_dirs(ask)
    ask.add_argument("question")
    ask.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                     help="text (default); markdown: the answer with numbered sources, to paste into a "
                          "paper; json: the whole Answer")
    ask.add_argument("--json", action="store_const", const="json", dest="format", help="same as --format json")
    scope = ask.add_argument_group("limit the answer to some documents (options combine; repeat to allow several)")
    scope.add_argument("--doc", action="append", default=[], metavar="ID",
                       help="a document id (file name without extension) or its path in the corpus")
    scope.add_argument("--lang", action="append", default=[], metavar="CODE", help="a language: en, fr, de, cs, pt")
    scope.add_argument("--publisher", action="append", default=[], metavar="WORDS",
                       help="words of the publisher's name, e.g. Efus")
    scope.add_argument("--since", metavar="DATE", help="documents dated from YYYY[-MM[-DD]]")
    scope.add_argument("--until", metavar="DATE", help="documents dated up to YYYY[-MM[-DD]]")
    ask.set_defaults(handler=_ask)

    evaluate = commands.add_parser("eval", help="score the assistant on a JSONL question file")
    _add_dirs(evaluate)
    evaluate.add_argument("file", type=Path)
    evaluate.add_argument("--json", action="store_true", help="print rows and summary as JSON")
    evaluate.add_argument("--by-type", action="store_true", help="print every metric for each question type")
    evaluate.set_defaults(handler=_eval)
    return parser


def _add_dirs(command: argparse.ArgumentParser) -> None:
    command.add_argument("--corpus", type=Path, help="documents folder (setting corpus_dir)")
    command.add_argument("--index", type=Path, help="index folder (setting index_dir)")


def _assistant(args, load_llm: bool = True):
    from assistant import Assistant, Settings

    return Assistant(args.corpus, args.index, Settings.load(args.config), load_llm=load_llm)


def _index(args) -> int:
    from tqdm import tqdm

    bot = _assistant(args, load_llm=False)  # indexing never generates text
    with tqdm(total=0, unit="file", disable=args.json or not sys.stderr.isatty(), file=sys.stderr) as bar:
        def progress(done: int, total: int, source: str) -> None:
            bar.total = total
            bar.n = done
            bar.set_postfix_str(source[-40:], refresh=True)

        report = bot.sync_index(rebuild=args.rebuild, progress=progress, retry=args.retry_failed)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for outcome in report.outcomes:
            if outcome.status not in ("unchanged", "known failure"):
                reason = f"  ({outcome.reason})" if outcome.reason else ""
                print(f"{outcome.status:<9} {outcome.source}  [{outcome.chunks} chunks]{reason}")
        print(report.summary())
    if args.watch:
        return _watch(bot, args.json)
    return EXIT_SOME_FILES_SKIPPED if report.failed else 0


def _watch(bot, as_json: bool) -> int:
    """One line per sync: its summary (or JSON report), and the files that failed."""
    from assistant.ingest.watch import watch_corpus

    def report_line(report) -> None:
        if as_json:
            print(json.dumps(report.to_dict(), ensure_ascii=False), flush=True)
            return
        failed = "".join(f"; {o.source}: {o.reason}" for o in report.failed)
        print(f"{time.strftime('%H:%M:%S')} {report.summary()}{failed}", flush=True)

    print(f"watching {bot.settings.corpus_dir} (Ctrl-C stops)", file=sys.stderr, flush=True)
    watch_corpus(bot.settings.corpus_dir, bot.sync_index, report_line,
                 lambda message: print(f"error: {message}", file=sys.stderr, flush=True))
    return 0


def _ask(args) -> int:
    filters = {"documents": args.doc, "languages": args.lang, "publishers": args.publisher,
               "since": args.since, "until": args.until}
    answer = _assistant(args).ask(args.question, filters=filters)
    if args.format == "json":
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return 0
    if args.format == "markdown":
        print(answer.to_markdown(), end="")
        return 0
    if answer.scope:
        print(f"(within {answer.scope})")
    print(answer.text)
    shown = answer.citations or answer.passages[:3]
    if shown:
        print("\nClosest passages:" if answer.refused else "\nSources:")
    for number, passage in enumerate(shown, start=1):
        where = f", page {passage.page}" if passage.page else ""
        print(f"[{number}] {passage.title} ({passage.date or 'undated'}) — {passage.source}{where}")
        if passage.url:
            print(f"    {passage.url}")
    return 0


def _eval(args) -> int:
    from assistant.evaluation import load_questions, rows_as_dicts, run_eval, summarize_by_type

    questions = load_questions(args.file)
    started = time.perf_counter()
    bot = _assistant(args)
    bot.retriever.current_snapshot()  # count index loading as start-up, not as the first question
    rows, summary = run_eval(bot, questions, load_seconds=time.perf_counter() - started)
    if args.json:
        print(json.dumps({"summary": summary, "rows": rows_as_dicts(rows)}, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        verdict = "refused" if row.refused else ("correct" if row.answer_correct else "wrong")
        print(f"{row.id:<10} {row.type:<13} {verdict:<8} recall={int(row.retrieved_expected)} "
              f"cited={int(row.citation_hit)} {row.seconds:5.2f}s")
    print()
    for key, value in summary.items():
        if key != "by_type":
            print(f"{key:<20} {value}")
    if args.by_type:
        _print_by_type(summarize_by_type(rows))
    else:
        print("\nby type:")
        for kind, figures in summary["by_type"].items():
            print(f"  {kind:<13} n={figures['n']:<3} correct={figures['answer_correct']} refused={figures['refused']}")
    return 0


BY_TYPE_COLUMNS = (("questions", "n"), ("retrieval_recall@5", "recall@5"), ("answer_correct", "correct"),
                   ("citation_hit", "cit.hit"), ("citation_precision", "cit.prec"),
                   ("correct_refusal", "refused ok"), ("false_refusal", "refused wrongly"))


def _print_by_type(by_type: dict[str, dict]) -> None:
    print("\n" + f"{'type':<15}" + "".join(f"{label:>16}" for _, label in BY_TYPE_COLUMNS))
    for kind, figures in by_type.items():
        cells = ("-" if figures[key] is None else f"{figures[key]:g}" for key, _ in BY_TYPE_COLUMNS)
        print(f"{kind or '(none)':<15}" + "".join(f"{cell:>16}" for cell in cells))


if __name__ == "__main__":
    sys.exit(main())
