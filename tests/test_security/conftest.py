"""Security tests reuse the gateway's fake Rasa and the actions' seeded database fixtures."""
from tests.test_gateway.conftest import fake_rasa, gateway_db, gateway_client  # noqa: F401 - fixtures
from tests.test_bot.conftest import frozen_clock  # noqa: F401 - fixture
