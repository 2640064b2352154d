"""What the benchmarks report: RESULTS.md names a `--only` re-run beside the full run, and a
worker's peak memory is its own."""

from benchmarks.results import markdown


def test_a_rerun_is_named_beside_the_run_it_was_merged_into():
    report = {"config": {"name": "full"}, "started_at": "2026-12-06 17:54:57", "finished_at": "2026-12-06 18:09:24",
              "reruns": [{"sections": ["answer", "memory"], "from": "2026-12-06 18:11:38",
                          "to": "2026-12-06 18:14:06", "loadavg_at_start": [1.04, 1.23, 1.51]}],
              "sections": {}, "machine": {}}
    run_line = next(line for line in markdown(report).splitlines() if line.startswith("Run:"))
    assert run_line.startswith("Run: **full**, 2026-12-06 17:54:57 to 2026-12-06 18:09:24; answer, memory re-run")
    assert "from 2026-12-06 18:11:38 to 2026-12-06 18:14:06 (load average 1.04 / 1.23 / 1.51 at start)" in run_line


def test_a_workers_peak_memory_is_its_own_not_that_of_the_process_that_started_it():
    import subprocess
    import sys

    parent = bytearray(400 * 1024 * 1024)
    for page in range(0, len(parent), 4096):  # touch every page, so it is resident
        parent[page] = 1
    child = subprocess.run([sys.executable, "-c", "from benchmarks.common import maxrss_mb; print(maxrss_mb())"],
                           capture_output=True, text=True, check=True)
    assert float(child.stdout) < 300, child.stdout  # ru_maxrss says >= 400: Linux keeps it across exec
