from tests.integration.tasks.conftest import desk  # noqa: F401 - the staffed stack under moto
