"""Mutation score of the kiosk's promise-keeping code: `python -m bench.mutation`.

A suite can run every line and still check nothing that matters: a put whose
flush is gone, a delivery never marked, a move the state machine should refuse.
Mutation testing changes the code one small way at a time (a comparison
flipped, a constant moved, a call deleted) and counts the changes some test
notices; what survives is a promise no test holds. The tool is mutmut 3: it
puts each function behind a trampoline in a copy of the tree, forks a child
per mutant and runs only the tests that reached that function, so a package
takes minutes on two shared cores, where a tool that starts pytest afresh for
every mutant (cosmic-ray) takes hours.

Each target runs in its own scratch folder under build/mutation/<target>: a
pyproject.toml made of the project's own (its pytest settings) and a
[tool.mutmut] table naming the files to mutate and the fast tests that
exercise them (never the kill campaigns), and links to the project's
packages, which mutmut copies into mutants/ there. Tests that start the
reference central or a `kiosk` child run them from that copy. Never run in CI:
a run is minutes of both cores. The report (score, survivors) is written to
build/mutation/<target>/report.md and printed. After tests were added for the
survivors, `--again` tests only those once more, in the same copy.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRATCH = ROOT / "build" / "mutation"
# every first-party package a test may import, copied whole; only `mutate` is mutated
PACKAGES = ("kiosk", "offline_queue", "drivers", "ui", "config", "central", "rig", "bench",
            "tests")
# the suite's slow campaigns and kills stay out: each would run for every mutant it reaches
PYTEST_ARGS = ("-p", "no:cacheprovider", "-q", "-x", "-m", "not slow")


@dataclass(frozen=True)
class Target:
    mutate: tuple[str, ...]  # glob patterns of the files to mutate, from the project root
    tests: tuple[str, ...]  # the test paths that exercise them


TARGETS: dict[str, Target] = {
    "offline_queue": Target(
        mutate=("offline_queue/*",),
        tests=("tests/offline_queue",)),
    "uplink": Target(
        mutate=("kiosk/uplink/sync.py", "kiosk/uplink/client.py", "kiosk/uplink/transport.py"),
        tests=("tests/kiosk/uplink/test_sync_against_central.py",
               "tests/kiosk/uplink/test_sync_against_hostile_central.py",
               "tests/kiosk/uplink/test_sync_worker.py",
               "tests/kiosk/uplink/test_pinned_central.py")),
    "visit": Target(
        mutate=("kiosk/visit/transitions.py", "kiosk/visit/flow.py"),
        tests=("tests/kiosk/visit/test_transitions.py", "tests/kiosk/visit/test_flow.py",
               "tests/kiosk/visit/test_flow_kinds.py", "tests/kiosk/visit/test_flow_offers.py")),
    "codecs": Target(
        mutate=("drivers/idcard/frame.py", "drivers/idcard/text_block.py",
                "drivers/printer/encode.py", "drivers/printer/decode.py",
                "drivers/scanner/framing.py"),
        tests=("tests/drivers/idcard", "tests/drivers/printer", "tests/drivers/scanner")),
}


def _toml_list(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(json.dumps(value) for value in values) + "]"


def mutmut_table(target: Target) -> str:
    """The [tool.mutmut] table of one target's scratch project."""
    return "\n".join((
        "",
        "[tool.mutmut]",
        f"source_paths = {_toml_list(list(PACKAGES[:-1]))}",
        f"only_mutate = {_toml_list(target.mutate)}",
        f"pytest_add_cli_args = {_toml_list(PYTEST_ARGS)}",
        f"pytest_add_cli_args_test_selection = {_toml_list(target.tests)}",
        "use_git_change_detection = false",
        "",
    ))


def prepare(name: str, target: Target, scratch: Path = SCRATCH) -> Path:
    """The target's scratch project: the project's pyproject.toml with the mutmut table
    appended, and a link to each package (a new run starts from a fresh copy)."""
    folder = scratch / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (folder / "pyproject.toml").write_text(project + mutmut_table(target), encoding="utf-8")
    for package in PACKAGES:
        (folder / package).symlink_to(ROOT / package, target_is_directory=True)
    return folder


def _mutmut(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    mutmut = Path(sys.executable).with_name("mutmut")
    return subprocess.run(["nice", "-n", "10", str(mutmut), *args], cwd=folder, text=True,
                          capture_output=True, check=False,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


# SQLite reads keywords and names in any case, and sqlite3.Row finds a column in any case
CASE_ONLY = "equivalent: SQL and sqlite3.Row keys ignore case"
_SQL_OR_ROW = re.compile(r"row\[|\b(SELECT|INSERT|UPDATE|DELETE|WHERE|FROM|SET|PRAGMA)\b",
                         re.IGNORECASE)


def survivors(listing: str) -> list[str]:
    """The mutants `mutmut results` lists as survived, or as reached by no test."""
    found = []
    for line in listing.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if status in ("survived", "no tests"):
            found.append(f"{name} ({status})")
    return found


def changed(diff: str) -> tuple[str, str]:
    """The lines a mutant's diff (`mutmut show`) takes out and puts in, each joined."""
    def joined(sign: str) -> str:
        return " / ".join(line[1:].strip() for line in diff.splitlines()
                          if line.startswith(sign) and not line.startswith(sign * 3))
    return joined("-"), joined("+")


def judged(diff: str) -> str:
    """A survivor as one line: what it changed, and CASE_ONLY when all it changed is the
    case of SQL text or of a row's key (each such line is still read before it is
    recorded as equivalent)."""
    before, after = changed(diff)
    line = f"`{before}` -> `{after}`"
    if before != after and before.lower() == after.lower() and _SQL_OR_ROW.search(before):
        line += f" ({CASE_ONLY})"
    return line


def report(name: str, stats: dict[str, int], left: list[str]) -> str:
    """The target's figure and its surviving mutants, as docs/BENCHMARKS.md records them."""
    tested = stats["total"] - stats["skipped"]
    killed = stats["killed"] + stats["timeout"]
    score = 100.0 * killed / tested if tested else 0.0
    equivalent = sum(CASE_ONLY in mutant for mutant in left)
    rest = tested - equivalent
    lines = [f"{name}: {killed} of {tested} mutants killed ({score:.1f} %); "
             f"survived {stats['survived']}, no tests {stats['no_tests']}, "
             f"timeout {stats['timeout']}, suspicious {stats['suspicious']}",
             f"{name}: less {equivalent} that only change the case of SQL: {killed} of {rest} "
             f"killed ({100.0 * killed / rest if rest else 0.0:.1f} %)"]
    lines += [f"  {mutant}" for mutant in left]
    return "\n".join(lines) + "\n"


def run(name: str, children: int, *, again: bool = False) -> str:
    """Mutate and test one target from a fresh copy; with `again`, test once more only the
    mutants the last run of it left alive (after new tests, with the code unchanged)."""
    folder = SCRATCH / name
    if again:
        names = [m.split()[0] for m in survivors(_mutmut(folder, "results").stdout)]
        if not names:
            return _report(name, folder)
    else:
        names = []
        prepare(name, TARGETS[name])
    done = _mutmut(folder, "run", "--max-children", str(children), *names)
    if done.returncode != 0:
        raise SystemExit(f"mutmut run for {name} failed:\n{done.stdout[-3000:]}"
                         f"{done.stderr[-3000:]}")
    return _report(name, folder)


def _report(name: str, folder: Path) -> str:
    _mutmut(folder, "export-cicd-stats")
    stats = json.loads((folder / "mutants" / "mutmut-cicd-stats.json").read_text())
    left = [f"{mutant}: {judged(_mutmut(folder, 'show', mutant.split()[0]).stdout)}"
            for mutant in survivors(_mutmut(folder, "results").stdout)]
    text = report(name, stats, left)
    (folder / "report.md").write_text(text, encoding="utf-8")
    return text


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.mutation", description=__doc__)
    parser.add_argument("--module", action="append", choices=sorted(TARGETS),
                        help="a target to run (repeatable); default: "
                             "offline_queue, uplink and visit")
    parser.add_argument("--again", action="store_true",
                        help="test again only the mutants the last run left alive")
    parser.add_argument("--max-children", type=int, default=2,
                        help="mutants tested at once (default 2: the machine's cores)")
    options = parser.parse_args(argv)
    options.module = options.module or ["offline_queue", "uplink", "visit"]
    return options


def main(argv: list[str] | None = None) -> None:
    options = parse(argv)
    for name in options.module:
        print(run(name, options.max_children, again=options.again), flush=True)


if __name__ == "__main__":
    main()
