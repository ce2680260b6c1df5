"""The one error taxonomy. Each API maps these bases to status codes in exactly one place."""


class DomainError(Exception):
    """Base of every error the domain raises on purpose."""


class NotFound(DomainError):
    """The thing asked for does not exist (or the caller may not know it exists)."""


class Conflict(DomainError):
    """The request clashes with the current state (duplicate, stale version, limit reached)."""


class Invalid(DomainError):
    """The input is malformed or breaks a rule."""


class Malformed(Invalid):
    """The input cannot be read as what it claims to be (not JSON, not the expected shape at all)."""


class Unauthorized(DomainError):
    """The caller is not authenticated (missing or bad credentials)."""


class Forbidden(DomainError):
    """The caller is authenticated but may not do this."""


class Unavailable(DomainError):
    """Something the product needs is missing or down (configuration, reference data): retry; ops must act."""


class RateLimited(DomainError):
    """Too many attempts; retry after `retry_after` seconds."""

    def __init__(self, message: str = "too many requests", retry_after: int = 60) -> None:
        super().__init__(message)
        self.retry_after = retry_after
