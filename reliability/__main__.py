"""``python -m reliability [F1 F2 …] [--kills N] [--fuzz]``: the scenario table."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reliability.scenarios import SCENARIOS, run_scenario


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m reliability")
    parser.add_argument("names", nargs="*", help="scenarios to run (default: all)")
    parser.add_argument("--kills", type=int, default=20, help="kill -9 trials in F14")
    parser.add_argument("--fuzz", type=int, default=10000,
                        help="property-test examples per parser (0: skip)")
    args = parser.parse_args()
    names = args.names or list(SCENARIOS)
    header = (f"{'scenario':<9}{'result':<7}{'accounted':>10}{'missing':>9}{'dup raw':>9}"
              f"{'dup':>5}{'invalid':>9}{'exit':>6}{'seconds':>9}  title")
    print(header)
    print("-" * len(header))
    rows = []
    for name in names:
        kwargs = {"kills": args.kills} if name == "F14" else {}
        o = run_scenario(name, **kwargs)
        rows.append(o)
        print(f"{o.name:<9}{'pass' if o.passed else 'FAIL':<7}{o.accounted:>9.1f}%"
              f"{o.missing:>9}{o.raw_duplicates:>9}{o.duplicates:>5}{o.invalid_lines:>9}"
              f"{str(o.exit_status):>6}{o.seconds:>9.1f}  {o.title}", flush=True)
        for failure in o.failures:
            print(f"{'':<16}! {failure}")
    passed = sum(o.passed for o in rows)
    print(f"\n{passed} of {len(rows)} scenarios pass")
    fuzz_ok = True
    if args.fuzz:
        import os
        import subprocess

        root = Path(__file__).resolve().parent.parent
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "tests/parsers/test_fuzz.py"],
                              cwd=root, env={**os.environ, "CWSCRAPE_FUZZ_EXAMPLES":
                                             str(args.fuzz)}, capture_output=True, text=True)
        fuzz_ok = proc.returncode == 0
        counts = json.loads((root / "bench-results" / "fuzz.json").read_text())
        print("\nfuzzing (hypothesis):", "no crash" if fuzz_ok else "FAILED")
        for parser_name, count in counts.items():
            print(f"  {parser_name:<22}{count:>8} examples")
        if not fuzz_ok:
            print(proc.stdout[-3000:])
    out = Path("bench-results")
    out.mkdir(exist_ok=True)
    (out / "reliability.json").write_text(json.dumps([o.__dict__ for o in rows], indent=2))
    return 0 if passed == len(rows) and fuzz_ok else 1


if __name__ == "__main__":
    sys.exit(main())
