"""Staff callers of each role, for the reports' scope tests."""

from helpdesk.identity.model import Principal, Role

MANAGER = Principal("sub-m", "anna@x", frozenset({Role.MANAGER}))
ACCOUNTANT = Principal("sub-a", "acc@x", frozenset({Role.ACCOUNTANT}))
DEVELOPER = Principal("sub-d", "dev@x", frozenset({Role.DEVELOPER}))
HR = Principal("sub-h", "hr@x", frozenset({Role.HR}))
