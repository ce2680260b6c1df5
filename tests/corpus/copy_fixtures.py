"""Copy a public repository's mail fixtures with its licence into tests/corpus/data/<name>/, once.

    python -m tests.corpus.copy_fixtures NAME GIT_DIR FOLDER LICENCE_PATH URL

Every `*.eml` below FOLDER at HEAD (a bare mirror is enough), keeping its sub-folders. For corpora whose
expectations are what mature parsers read (the property test) or labels made later, not values in test code.
A licence that lives in a source file's header is given as LICENCE_PATH:FIRST-LAST (its lines), and the
LICENSE written says where it came from.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def main(name: str, repo: str, folder: str, licence: str, url: str) -> None:
    def git(*args: str) -> bytes:
        return subprocess.run(["git", "--git-dir", repo, *args], capture_output=True, check=True).stdout

    out = DATA / name
    listed = git("ls-tree", "-r", "--name-only", "HEAD", folder).decode().splitlines()
    paths = [p for p in listed if p.endswith(".eml")]
    for path in paths:
        target = out / Path(path).relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(git("show", f"HEAD:{path}"))
    commit = git("rev-parse", "HEAD").decode().strip()
    licence_path, _, lines = licence.partition(":")
    text = git("show", f"HEAD:{licence_path}")
    if lines:
        first, last = (int(n) for n in lines.split("-"))
        note = f"Lines {first}-{last} of {licence_path} in {url} at commit {commit}, its licence:\n\n"
        text = note.encode() + b"\n".join(text.split(b"\n")[first - 1 : last]) + b"\n"
    (out / "LICENSE").write_bytes(text)
    (out / "SOURCE.txt").write_text(
        f"{url} at commit {commit}: {folder}/**/*.eml ({len(paths)} mails), copied by "
        f"tests/corpus/copy_fixtures.py with its licence ({licence} as LICENSE). Test data only, never "
        "shipped.\n"
    )
    print(f"{len(paths)} mails copied to {out}")


if __name__ == "__main__":
    main(*sys.argv[1:6])
