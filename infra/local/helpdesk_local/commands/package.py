"""`helpdesk package`: build the layer and every function's artifact and print their sizes."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("package", help="build deployable artifacts and print their sizes")
    parser.add_argument("--out", type=Path, default=Path("build/artifacts"))
    parser.add_argument("--no-deps", action="store_true", help="layer without third-party dependencies")
    parser.set_defaults(handler=_package)


def _package(args: argparse.Namespace) -> int:
    from helpdesk_local.packaging import build_all

    artifacts = build_all(args.out, with_dependencies=not args.no_deps)
    print(f"{'artifact':28} {'zipped':>12} {'unzipped':>12}")
    for a in artifacts:
        print(f"{a.name:28} {a.zipped_bytes:>12,} {a.unzipped_bytes:>12,}")
    print(f"\nwritten to {args.out}/ (for AWS use `sam build && sam deploy`, which builds the same layout)")
    return 0
