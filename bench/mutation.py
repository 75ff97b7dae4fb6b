"""Mutation score of the kiosk's promise-keeping code: `python -m bench.mutation`.

A suite can run every line and still check nothing that matters: a put whose
flush is gone, a delivery never marked, a move the state machine should refuse.
Mutation testing changes the code one small way at a time (a comparison
flipped, a constant moved, a call deleted) and counts the changes some test
notices; what survives is a promise no test holds. The tool is mutmut 3: it
puts each function behind a trampoline in a copy of the tree, forks a child
per mutant and runs only the tests that reached that function, where a tool
that starts pytest afresh for every mutant (cosmic-ray) pays a whole start
and selection each time. Even so a package is long on two shared cores (0.2-0.4
mutants a second at load 12: offline_queue's 1,878 about two hours), so a
target can name a focus (--focus-only), a stopped run goes on where it stopped
(--resume), a part of it can go first (--only), and --again tests only the
survivors after new tests. Where every test of a target goes through one file
(the uplink's transport), a mutant there that no test notices runs them all:
such a target is also split by file (uplink-transport, uplink-client,
uplink-sync), each against the tests that pin that file, fastest first.

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
from collections import Counter
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRATCH = ROOT / "build" / "mutation"
# every first-party package a test may import, copied whole; only `mutate` is mutated
PACKAGES = ("kiosk", "offline_queue", "drivers", "ui", "config", "central", "rig", "bench",
            "tests")
# the suite's slow campaigns and kills stay out: each would run for every mutant it reaches;
# the tests run in the order the target lists them (bench.mutation_order)
PYTEST_ARGS = ("-p", "no:cacheprovider", "-p", "bench.mutation_order", "-q", "-x", "-m",
               "not slow")


@dataclass(frozen=True)
class Target:
    mutate: tuple[str, ...]  # glob patterns of the files to mutate, from the project root
    tests: tuple[str, ...]  # the test paths that exercise them
    # the mutants (patterns of mutmut's names) of the part the goal is set for, where that
    # is less than every file mutated; it gets a figure of its own
    focus: tuple[str, ...] = ()
    focus_name: str = ""


# the flow's move logic: the table's one moving method, what ends a visit, time, and the
# events every screen shares (the handlers behind the others are the flow's work)
MOVES = ("_fire", "_move", "_end_visit", "tick", "touch", "_rearm", "start", "card_read",
         "back", "finish", "technician")

TARGETS: dict[str, Target] = {
    "offline_queue": Target(
        mutate=("offline_queue/*",),
        tests=("tests/offline_queue",)),
    "uplink": Target(
        mutate=("kiosk/uplink/sync.py", "kiosk/uplink/client.py", "kiosk/uplink/transport.py"),
        focus=("kiosk.uplink.sync.*",), focus_name="the sync worker, sync.py",
        # the sync worker's tests, and those of the client's other requests (a citizen's
        # code, profile, payment, help, documents, heartbeat, enrolment, appointments,
        # queries; the catalog's keeper): the package whole
        tests=("tests/kiosk/uplink/test_sync_against_central.py",
               "tests/kiosk/uplink/test_sync_against_hostile_central.py",
               "tests/kiosk/uplink/test_sync_worker.py",
               "tests/kiosk/uplink/test_pinned_central.py",
               "tests/kiosk/uplink/test_identity_client.py",
               "tests/kiosk/uplink/test_profile_client.py",
               "tests/kiosk/uplink/test_payment_client.py",
               "tests/kiosk/uplink/test_help_client.py",
               "tests/kiosk/uplink/test_documents.py",
               "tests/kiosk/uplink/test_heartbeat.py",
               "tests/kiosk/service/test_provisioning.py",
               "tests/kiosk/visit/test_appointments.py",
               "tests/kiosk/visit/test_flow_kinds.py",
               "tests/kiosk/catalog/test_keeper.py")),
    # the uplink file by file, each against the tests that pin it: every uplink test goes
    # through the transport and the client's request core, so in the whole target a mutant
    # there that no test notices runs them all (30-170 s apiece); here the focused tests on a
    # hostile loopback central come first, and a mutant they kill stops there (-x)
    "uplink-transport": Target(
        mutate=("kiosk/uplink/transport.py",),
        tests=("tests/kiosk/uplink/test_transport.py",
               "tests/kiosk/uplink/test_pinned_central.py")),
    "uplink-client": Target(
        mutate=("kiosk/uplink/client.py",),
        tests=("tests/kiosk/uplink/test_client_answers.py",
               "tests/kiosk/uplink/test_client_requests.py",
               "tests/kiosk/uplink/test_sync_against_hostile_central.py",
               "tests/kiosk/uplink/test_pinned_central.py",
               "tests/kiosk/uplink/test_help_client.py",
               "tests/kiosk/uplink/test_identity_client.py",
               "tests/kiosk/uplink/test_profile_client.py",
               "tests/kiosk/uplink/test_payment_client.py",
               "tests/kiosk/uplink/test_documents.py",
               "tests/kiosk/catalog/test_keeper.py",
               "tests/kiosk/visit/test_appointments.py",
               "tests/kiosk/visit/test_flow_kinds.py",
               "tests/kiosk/service/test_provisioning.py",
               "tests/kiosk/uplink/test_heartbeat.py",
               "tests/kiosk/uplink/test_sync_against_central.py")),
    "uplink-sync": Target(
        mutate=("kiosk/uplink/sync.py",),
        tests=("tests/kiosk/uplink/test_sync_worker.py",
               "tests/kiosk/uplink/test_sync_against_hostile_central.py",
               "tests/kiosk/uplink/test_sync_against_central.py")),
    "visit": Target(
        mutate=("kiosk/visit/transitions.py", "kiosk/visit/flow.py"),
        # the flow's own tests, and those of its fees (paid, owed, settled once printed,
        # against the reference central), its paper (a receipt printed again), and the
        # handlers only they reach: help, a card's progress, what is shown and why, the
        # profile, appointments, cases
        tests=("tests/kiosk/visit/test_transitions.py", "tests/kiosk/visit/test_flow.py",
               "tests/kiosk/visit/test_flow_kinds.py", "tests/kiosk/visit/test_flow_offers.py",
               "tests/kiosk/visit/test_flow_moves.py", "tests/kiosk/visit/payments",
               "tests/kiosk/visit/test_paper.py", "tests/kiosk/visit/test_help.py",
               "tests/kiosk/visit/test_card_progress.py",
               "tests/kiosk/visit/test_shown_and_reasons.py",
               "tests/kiosk/visit/test_flow_profile.py", "tests/kiosk/visit/test_appointments.py",
               "tests/kiosk/visit/test_cases.py"),
        focus=("kiosk.visit.transitions.*", *(f"kiosk.visit.flow.xǁVisitFlowǁ{method}__mutmut_*"
                                              for method in MOVES)),
        focus_name="the table and the flow's moves"),
    # every place bytes or characters from a device or a citizen are turned into values and
    # back: the ID card's frames, read answer and text block, the receipt's ESC/POS both
    # ways and the printer's status bytes, the scanner's lines, the smart card's APDUs and
    # TLV items, and the check characters of the identifiers a card or a form carries
    "codecs": Target(
        mutate=("drivers/idcard/frame.py", "drivers/idcard/read_answer.py",
                "drivers/idcard/text_block.py",
                "drivers/printer/encode.py", "drivers/printer/decode.py",
                "drivers/printer/status.py", "drivers/scanner/framing.py",
                "drivers/smartcard/apdu.py", "drivers/smartcard/tlv.py",
                "kiosk/identifiers/iso7064.py", "kiosk/identifiers/id_number.py",
                "kiosk/identifiers/uscc.py"),
        # the smart card's codecs through their own tests only: the tests through pcscd
        # share the one daemon of the machine, which a forked child per mutant would crowd
        tests=("tests/drivers/idcard", "tests/drivers/printer", "tests/drivers/scanner",
               "tests/drivers/smartcard/test_smartcard_t0.py",
               "tests/drivers/smartcard/test_smartcard_tlv.py",
               "tests/drivers/smartcard/test_smartcard_apdus.py", "tests/kiosk/identifiers")),
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
_SQL_WORD = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|FROM|SET|VALUES|INTO|CASE|WHEN|"
                       r"NULL)\b", re.IGNORECASE)
_SQL_START = ("SELECT", "INSERT", "UPDATE", "DELETE", "WHERE", "PRAGMA", "VALUES", "ROLLBACK")
# a condition handed to a query as a fragment (`id = ?`), or the tail of one (`ORDER BY x`)
_SQL_FRAGMENT = re.compile(r"^\w+ = \?$|\b(ORDER|GROUP) BY\b")


def _changed_literal(before: str, after: str) -> tuple[str, str] | None:
    """The string literal of `before` where `after` first differs from it, and the
    character before its opening quote; None outside a literal."""
    at = next((i for i, (a, b) in enumerate(zip(before, after, strict=False))
               if a != b), None)
    if at is None:
        return None
    # the kiosk's literals are double-quoted (single quotes are SQL's, inside them)
    opening = before.rfind('"', 0, at + 1)
    if opening < 0:
        opening = before.rfind("'", 0, at + 1)
    closing = before.find(before[opening], at) if opening >= 0 else -1
    if closing < 0:
        return None
    return before[opening + 1:closing], before[opening - 1:opening]


def sql_case_only(before: str, after: str) -> bool:
    """Whether all a mutant changed is the case of SQL text or of a row's key."""
    if before == after or before.lower() != after.lower():
        return False
    found = _changed_literal(before, after)
    if found is None:
        return False
    literal, ahead = found
    sql = (literal.strip().upper().startswith(_SQL_START) or len(_SQL_WORD.findall(literal)) > 1
           or bool(_SQL_FRAGMENT.search(literal)))
    return sql or (ahead == "[" and literal.isidentifier())


def statuses(listing: str) -> dict[str, str]:
    """Each mutant's status, from `mutmut results --all true`."""
    found = {}
    for line in listing.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            found[name] = status
    return found


def survivors(found: dict[str, str]) -> list[str]:
    """The mutants no test noticed: survived, or reached by no test."""
    return [name for name, status in found.items() if status in ("survived", "no tests")]


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
    if sql_case_only(before, after):
        line += f" ({CASE_ONLY})"
    return line


def figure(label: str, found: dict[str, str], judged_lines: dict[str, str]) -> str:
    """One line: how many of the mutants in `found` some test killed, and how many once
    those judged equivalent are left out. A timeout is a kill (the mutant hung a test)."""
    counts = Counter(found.values())
    killed = counts["killed"] + counts["timeout"]
    tested = len(found) - counts["skipped"] - counts["not checked"]
    equivalent = sum(CASE_ONLY in judged_lines.get(name, "") for name in found)
    rest = tested - equivalent
    return (f"{label}: {killed} of {tested} mutants killed ({_percent(killed, tested)}); "
            f"{equivalent} equivalent (case of SQL) left out: {killed} of {rest} "
            f"({_percent(killed, rest)}); survived {counts['survived']}, no tests "
            f"{counts['no tests']}, timeout {counts['timeout']}, not checked "
            f"{counts['not checked']}")


def in_focus(mutant: str, target: Target) -> bool:
    """Whether `mutant` is one of the target's focus (every mutant, without a focus)."""
    return not target.focus or any(fnmatch(mutant, pattern) for pattern in target.focus)


def _percent(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f} %" if whole else "-"


def report(name: str, target: Target, found: dict[str, str],
           judged_lines: dict[str, str]) -> str:
    """The target's figures (all its mutants, then those of its `focus`) and its surviving
    mutants, each as the line it changes, as docs/BENCHMARKS.md records them."""
    lines = [figure(name, found, judged_lines)]
    if target.focus:
        focused = {mutant: status for mutant, status in found.items()
                   if in_focus(mutant, target)}
        lines.append(figure(f"{name} ({target.focus_name})", focused, judged_lines))
    lines += [f"  {mutant} ({found[mutant]}): {judged_lines[mutant]}"
              for mutant in survivors(found)]
    return "\n".join(lines) + "\n"


def run(name: str, children: int, *, again: bool = False, focus_only: bool = False,
        resume: bool = False, only: tuple[str, ...] = ()) -> str:
    """Mutate and test one target from a fresh copy (with `focus_only`, only the mutants of
    its focus); with `again`, test once more only the mutants the last run of it left
    alive (after new tests, with the code unchanged), of its focus where it has one; with
    `resume`, go on with a stopped run in its copy (mutmut tests only the mutants without
    a result), so a package's hours need not be one sitting; with `only` (patterns of
    mutmut's names), test those first, in the copy: mutmut takes the mutants whose tests
    look quickest first, and a transport every test goes through comes last."""
    folder = SCRATCH / name
    if resume or only:
        names = list(only)
        if not folder.exists():
            prepare(name, TARGETS[name])
    elif again:
        names = [mutant for mutant in survivors(_results(folder))
                 if in_focus(mutant, TARGETS[name])]
        if not names:
            return _report(name, folder)
    else:
        names = list(TARGETS[name].focus) if focus_only else []
        prepare(name, TARGETS[name])
    done = _mutmut(folder, "run", "--max-children", str(children), *names)
    if done.returncode != 0:
        raise SystemExit(f"mutmut run for {name} failed:\n{done.stdout[-3000:]}"
                         f"{done.stderr[-3000:]}")
    return _report(name, folder)


def _results(folder: Path) -> dict[str, str]:
    return statuses(_mutmut(folder, "results", "--all", "true").stdout)


# `mutmut show` for many mutants in one process (a process each takes seconds apiece)
_DIFFS = """
import json, sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
def diff(name):
    try:
        return get_diff_for_mutant(name)
    except Exception as exc:
        return f"-(no diff: {exc})"
print(json.dumps({name: diff(name) for name in json.load(sys.stdin)}))
"""


def _diffs(folder: Path, names: list[str]) -> dict[str, str]:
    done = subprocess.run(["nice", "-n", "10", sys.executable, "-c", _DIFFS], cwd=folder,
                          input=json.dumps(names), text=True, capture_output=True, check=True)
    return json.loads(done.stdout)


def _report(name: str, folder: Path) -> str:
    found = _results(folder)
    judged_lines = {mutant: judged(diff)
                    for mutant, diff in _diffs(folder, survivors(found)).items()}
    text = report(name, TARGETS[name], found, judged_lines)
    (folder / "report.md").write_text(text, encoding="utf-8")
    return text


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.mutation", description=__doc__)
    parser.add_argument("--module", action="append", choices=sorted(TARGETS),
                        help="a target to run (repeatable); default: "
                             "offline_queue, uplink and visit")
    parser.add_argument("--again", action="store_true",
                        help="test again only the mutants the last run left alive (of the "
                             "focus, where a target has one)")
    parser.add_argument("--resume", action="store_true",
                        help="go on with the last, stopped run of each target in its copy")
    parser.add_argument("--only", action="append", default=[], metavar="PATTERN",
                        help="test (again) the mutants whose names match, in the last "
                             "run's copy (repeatable; e.g. 'kiosk.uplink.transport.*'; a "
                             "private function's are x__name__mutmut_N, two underscores)")
    parser.add_argument("--focus-only", action="store_true",
                        help="test only the mutants of each target's focus (visit: the table "
                             "and the flow's moves)")
    parser.add_argument("--max-children", type=int, default=2,
                        help="mutants tested at once (default 2: the machine's cores)")
    options = parser.parse_args(argv)
    options.module = options.module or ["offline_queue", "uplink", "visit"]
    return options


def main(argv: list[str] | None = None) -> None:
    options = parse(argv)
    for name in options.module:
        print(run(name, options.max_children, again=options.again,
                  focus_only=options.focus_only, resume=options.resume,
                  only=tuple(options.only)), flush=True)


if __name__ == "__main__":
    main()
