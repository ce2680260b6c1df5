"""A real OpenSSH server on a loopback port, started by the test as an unprivileged instance (Debian's
openssh-server, installed here when the test runs as root)."""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SSHD = Path("/usr/sbin/sshd")


def ensure_openssh() -> str | None:
    """None when sshd, ssh and ssh-keygen are there (installing them as root), else why not."""
    if SSHD.exists() and shutil.which("ssh") and shutil.which("ssh-keygen"):
        return None
    if os.geteuid() != 0:
        return "openssh-server is not installed and the test is not root (apt-get install openssh-server)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [
        "apt-get",
        "install",
        "-y",
        "-qq",
        "--no-install-recommends",
        "openssh-server",
        "openssh-client",
    ]
    if subprocess.run(install, env=env, capture_output=True, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, check=False)
        subprocess.run(install, env=env, capture_output=True, check=False)
    return None if SSHD.exists() else "apt-get install openssh-server failed"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Sshd:
    port: int
    directory: Path
    krl: Path
    user: str

    def login(self, key: Path, certificate: str) -> subprocess.CompletedProcess[str]:
        """`ssh ... true` with the key and this certificate only; returncode 0 means sshd let us in."""
        cert_file = self.directory / f"{key.name}-{time.monotonic_ns()}-cert.pub"
        cert_file.write_text(certificate + "\n")
        command = [
            "ssh",
            "-F",
            "/dev/null",
            "-i",
            str(key),
            "-o",
            f"CertificateFile={cert_file}",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "IdentityAgent=none",
            "-o",
            "BatchMode=yes",
            "-o",
            "PreferredAuthentications=publickey",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "ConnectTimeout=5",
            "-o",
            "LogLevel=ERROR",
            "-p",
            str(self.port),
            f"{self.user}@127.0.0.1",
            "true",
        ]
        return subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)


def user_key(directory: Path, name: str) -> tuple[Path, str]:
    path = directory / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)], check=True)
    path.chmod(0o600)
    return path, (directory / f"{name}.pub").read_text().strip()


@contextmanager
def running_sshd(directory: Path, ca_public_key: str, krl: bytes) -> Iterator[Sshd]:
    directory.mkdir(parents=True, exist_ok=True)
    host_key = directory / "host_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(host_key)], check=True)
    (directory / "ca.pub").write_text(ca_public_key + "\n")
    krl_file = directory / "revoked.krl"
    krl_file.write_bytes(krl)
    port, user = _free_port(), getpass.getuser()
    config = directory / "sshd_config"
    config.write_text(
        "\n".join(
            [
                "ListenAddress 127.0.0.1",
                f"HostKey {host_key}",
                f"PidFile {directory / 'sshd.pid'}",
                f"TrustedUserCAKeys {directory / 'ca.pub'}",
                f"RevokedKeys {krl_file}",
                "AuthorizedKeysFile none",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                f"PermitRootLogin {'prohibit-password' if user == 'root' else 'no'}",
                "LogLevel VERBOSE",
                "",
            ]
        )
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(exist_ok=True)  # the privilege-separation directory sshd checks for
    log = (directory / "sshd.log").open("w")
    process = subprocess.Popen(
        [str(SSHD), "-D", "-e", "-f", str(config), "-p", str(port)], stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"sshd exited: {(directory / 'sshd.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield Sshd(port, directory, krl_file, user)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
