"""Builds the deployable artifacts: the core layer (domain package + dependencies), one zip per function."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from helpdesk_local.template import load_template

ROOT = Path(__file__).resolve().parents[3]


@dataclass
class Artifact:
    name: str
    path: Path
    zipped_bytes: int
    unzipped_bytes: int


def build_all(
    out: Path, with_dependencies: bool = True, platform: str = "manylinux2014_aarch64"
) -> list[Artifact]:
    out.mkdir(parents=True, exist_ok=True)
    template = load_template(ROOT / "template.yaml")
    artifacts = [build_layer(out, with_dependencies, platform)]
    for name, spec in template["Resources"].items():
        if spec["Type"] == "AWS::Serverless::Function":
            code = ROOT / spec["Properties"]["CodeUri"]
            artifacts.append(_zip_dir(code, out / f"{name}.zip", name))
    return artifacts


def build_layer(out: Path, with_dependencies: bool, platform: str) -> Artifact:
    with tempfile.TemporaryDirectory() as tmp:
        python = Path(tmp) / "python"
        shutil.copytree(
            ROOT / "layers/core/helpdesk",
            python / "helpdesk",
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
        if with_dependencies:
            requirements = [
                line.split("#")[0].strip()
                for line in (ROOT / "layers/core/requirements.txt").read_text().splitlines()
            ]
            runtime_only = [r for r in requirements if r.startswith("chalice")]
            pip = [
                sys.executable,
                "-m",
                "pip",
                "install",
                "-q",
                "--target",
                str(python),
                "--platform",
                platform,
                "--python-version",
                "3.12",
                "--implementation",
                "cp",
                "--only-binary=:all:",
            ]
            subprocess.run(pip + [r for r in requirements if r and r not in runtime_only], check=True)
            subprocess.run(pip + ["--no-deps", *runtime_only], check=True)
            # The Lambda runtime ships the AWS SDK; a second copy would only add 80 MB to every cold start.
            for provided in ("boto3", "botocore", "s3transfer", "jmespath"):
                for path in python.glob(f"{provided}*"):
                    shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
            for junk in python.rglob("__pycache__"):
                shutil.rmtree(junk, ignore_errors=True)
        return _zip_dir(Path(tmp), out / "CoreLayer.zip", "CoreLayer")


def _zip_dir(source: Path, target: Path, name: str) -> Artifact:
    unzipped = 0
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(source.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, path.relative_to(source))
                unzipped += path.stat().st_size
    return Artifact(name, target, target.stat().st_size, unzipped)
