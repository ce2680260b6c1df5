"""What the local sign-in server remembers, in memory: sessions, requests, codes, refresh families."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SESSION_SECONDS = 12 * 3600
REQUEST_SECONDS = 15 * 60
GRANT_SECONDS = 60
EMAIL_CODE_SECONDS = 15 * 60
EMAIL_CODE_ATTEMPTS = 5


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass
class Session:
    id: str
    email: str
    expires_at: float
    cognito_refresh: dict[str, str] = field(default_factory=dict)  # pool client id -> Cognito refresh token


@dataclass(frozen=True)
class AuthRequest:
    """An /oauth2/authorize call waiting for the person to sign in; forms carry only its id, never a URL."""

    id: str
    client_id: str
    redirect_uri: str
    state: str
    code_challenge: str
    expires_at: float


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    code_challenge: str
    session_id: str
    expires_at: float
    used: bool = False
    family_id: str | None = None


@dataclass
class Family:
    """A chain of rotated refresh tokens: only the newest is valid; reusing an older one revokes all."""

    id: str
    session_id: str
    client_id: str
    current: str  # digest of the one valid refresh token
    revoked: bool = False


@dataclass
class EmailCode:
    code_digest: str
    expires_at: float
    attempts: int = 0


class AuthStore:
    def __init__(self, now: Callable[[], float] = time.time) -> None:
        self.now = now
        self.lock = threading.RLock()
        self.sessions: dict[str, Session] = {}
        self.requests: dict[str, AuthRequest] = {}
        self.grants: dict[str, Grant] = {}  # code digest -> grant
        self.families: dict[str, Family] = {}
        self.refresh_index: dict[str, str] = {}  # refresh token digest (any generation) -> family id
        self.email_codes: dict[tuple[str, str], EmailCode] = {}  # (purpose, email) -> code
        self.continuations: dict[str, Any] = {}  # id -> SignUpContinuation (continuation.py)

    def purge(self) -> None:
        """Forget what has expired (the server is long-running; nothing else removes it)."""
        now = self.now()
        tables: list[dict[Any, Any]] = [
            self.sessions,
            self.requests,
            self.grants,
            self.email_codes,
            self.continuations,
        ]
        for table in tables:
            for key in [k for k, v in table.items() if v.expires_at <= now]:
                del table[key]

    def live_session(self, session_id: str | None) -> Session | None:
        session = self.sessions.get(session_id or "")
        if session is None or session.expires_at <= self.now():
            return None
        return session

    def end_session(self, session_id: str) -> None:
        self.sessions.pop(session_id, None)
        for family in self.families.values():
            if family.session_id == session_id:
                family.revoked = True

    def end_sessions_of(self, email: str) -> None:
        for session in [s for s in self.sessions.values() if s.email == email]:
            self.end_session(session.id)

    def live_request(self, request_id: str | None) -> AuthRequest | None:
        request = self.requests.get(request_id or "")
        return request if request is not None and request.expires_at > self.now() else None

    def start_family(self, session_id: str, client_id: str) -> str:
        token = new_secret()
        family = Family(new_secret(), session_id, client_id, digest(token))
        self.families[family.id] = family
        self.refresh_index[family.current] = family.id
        return token

    def rotate(self, family: Family) -> str:
        token = new_secret()
        family.current = digest(token)
        self.refresh_index[family.current] = family.id
        return token

    def save_email_code(self, purpose: str, email: str) -> str:
        code = f"{secrets.randbelow(10**6):06d}"
        self.email_codes[(purpose, email)] = EmailCode(digest(code), self.now() + EMAIL_CODE_SECONDS)
        return code

    def check_email_code(self, purpose: str, email: str, code: str) -> bool:
        """True for the right code; wrong guesses count and burn the code after a few."""
        entry = self.email_codes.get((purpose, email))
        if entry is None or entry.expires_at <= self.now():
            return False
        if secrets.compare_digest(entry.code_digest, digest(code.strip())):
            return True
        entry.attempts += 1
        if entry.attempts >= EMAIL_CODE_ATTEMPTS:
            del self.email_codes[(purpose, email)]
        return False

    def forget_email_code(self, purpose: str, email: str) -> None:
        self.email_codes.pop((purpose, email), None)
