"""RESULTS.md says which sections a `--only` re-run measured, and when, beside the full run."""

from benchmarks.results import markdown


def test_a_rerun_is_named_beside_the_run_it_was_merged_into():
    report = {"config": {"name": "full"}, "started_at": "2026-12-06 17:54:57", "finished_at": "2026-12-06 18:09:24",
              "reruns": [{"sections": ["answer", "memory"], "from": "2026-12-06 18:11:38",
                          "to": "2026-12-06 18:14:06", "loadavg_at_start": [1.04, 1.23, 1.51]}],
              "sections": {}, "machine": {}}
    run_line = next(line for line in markdown(report).splitlines() if line.startswith("Run:"))
    assert run_line.startswith("Run: **full**, 2026-12-06 17:54:57 to 2026-12-06 18:09:24; answer, memory re-run")
    assert "from 2026-12-06 18:11:38 to 2026-12-06 18:14:06 (load average 1.04 / 1.23 / 1.51 at start)" in run_line
