"""Every setting of the assistant, read from the environment in one place.

Each variable is listed with its default in `.env.example` and the README.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Tuple

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TELEGRAM_API_BASE = "https://api.telegram.org"
# The offline service centre (demo values; users see them verbatim).
SERVICE_CENTRE_DEFAULTS = {
    "name": "理赔服务中心（北京）",
    "address": "北京市朝阳区建国路88号 华安大厦2层 理赔服务中心",
    "hours": "09:00-17:00",
    "transport": "地铁1号线、10号线国贸站C口出，步行约5分钟；公交到国贸站下车；大厦地下有收费停车场，门口有无障碍坡道和电梯",
    "bring": "本人身份证原件;医保卡（社保卡）;理赔材料的原件（发票、病历、出院小结等）;老花镜（如需要）;"
             "家人代办时：代办人身份证和被保险人签字的委托书",
}

CLAIMS_MODES = ("embedded", "scaled")
# Defaults of the scaled mode (CLAIMS_MODE=scaled or `python -m bot up --scaled`): the local
# PostgreSQL and Redis; every one can be overridden by its variable.
SCALED_DEFAULTS = {
    "DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/claims",
    "TRACKER_DB_URL": "postgresql://postgres@127.0.0.1:5432/claims_tracker",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
    "RASA_INSTANCES": "2",
}


def _load_dotenv(path: Path) -> None:
    """Read KEY=VALUE lines from `.env` without overriding the real environment."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip('"').strip("'"))


@dataclass(frozen=True)
class Settings:
    var_dir: Path
    uploads_dir: Path
    database_url: str
    tracker_db_url: str
    rasa_url: str
    action_server_url: str
    timezone: str
    clock_now: str | None
    id_hash_secret: str
    log_level: str
    gateway_host: str
    gateway_port: int
    rasa_token: str
    advisor_hours: str
    advisor_minutes_per_case: int
    advisor_session_hours: int
    advisor_max_failed_logins: int
    advisor_lockout_minutes: int
    cookie_secure: bool
    telegram_bot_token: str = ""
    telegram_mode: str = "polling"
    telegram_webhook_url: str = ""
    telegram_webhook_secret: str = ""
    telegram_api_base: str = TELEGRAM_API_BASE
    service_centre_name: str = SERVICE_CENTRE_DEFAULTS["name"]
    service_centre_address: str = SERVICE_CENTRE_DEFAULTS["address"]
    service_centre_hours: str = SERVICE_CENTRE_DEFAULTS["hours"]
    service_centre_transport: str = SERVICE_CENTRE_DEFAULTS["transport"]
    service_centre_bring: tuple = tuple(SERVICE_CENTRE_DEFAULTS["bring"].split(";"))
    service_centre_slot_capacity: int = 3
    service_centre_booking_days: int = 14
    # Scale-out (bot.scale): "embedded" (one Rasa, SQLite, in-memory locks) or "scaled".
    claims_mode: str = "embedded"
    redis_url: str = ""
    rasa_instances: int = 1
    rasa_urls_setting: tuple = ()
    action_server_urls_setting: tuple = ()
    # Seconds the gateway waits for Rasa before apologising with an advisor offer (issue 9).
    rasa_timeout: float = 8.0
    # Messages each Rasa instance works on at once (0: no limit) and the longest wait for a place
    # before the same apology (bot.gateway.slots).
    rasa_concurrency: int = 3
    rasa_queue_timeout: float = 30.0
    # Days an upload that no claim holds is kept (bot.documents.retention); 0 keeps every file.
    upload_retention_days: int = 30

    @property
    def gateway_url(self) -> str:
        return f"http://{self.gateway_host}:{self.gateway_port}"

    @property
    def scaled(self) -> bool:
        return self.claims_mode == "scaled"

    @property
    def rasa_urls(self) -> tuple:
        """Every Rasa instance, in order: RASA_URLS if set, else RASA_URL with its port + 0, 1, ..."""
        if self.rasa_urls_setting:
            return self.rasa_urls_setting
        from bot.scale import with_port_offset

        return tuple(with_port_offset(self.rasa_url, i) for i in range(self.rasa_instances))

    @property
    def action_server_urls(self) -> tuple:
        """The action server of each Rasa instance: ACTION_SERVER_URLS if set (repeated round the list when
        shorter than the instances), else ACTION_SERVER_URL with its port + i."""
        if self.action_server_urls_setting:
            given = self.action_server_urls_setting
            return tuple(given[i % len(given)] for i in range(len(self.rasa_urls)))
        from bot.scale import with_port_offset

        return tuple(with_port_offset(self.action_server_url, i) for i in range(len(self.rasa_urls)))


# The last settings built, with the environment and working directory they were built from.
_last_built: Optional[Tuple[dict, str, "Settings"]] = None


def load_settings() -> Settings:
    """The settings from the environment (and `.env` if present).

    Built again only when the environment (or the working directory, for relative paths) changed
    since the last call: the clock asks for them for every date a query reads, and building them
    resolves paths on disk (about 0.3 ms, measured; most of the gateway's Python time per message)."""
    global _last_built
    _load_dotenv(PROJECT_ROOT / ".env")
    environ = getattr(os.environ, "_data", None)  # CPython's raw mapping: copied in about 1 µs
    snapshot = dict(environ if environ is not None else os.environ)
    cwd = os.getcwd()
    last = _last_built
    if last is not None and last[1] == cwd and last[0] == snapshot:
        return last[2]
    settings = _build_settings()
    _last_built = (snapshot, cwd, settings)
    return settings


def _build_settings() -> Settings:
    var_dir = Path(os.environ.get("CLAIMS_VAR_DIR", PROJECT_ROOT / "var")).resolve()
    mode = (os.environ.get("CLAIMS_MODE") or "embedded").strip().lower()
    if mode not in CLAIMS_MODES:
        raise ValueError(f"CLAIMS_MODE must be one of {', '.join(CLAIMS_MODES)}, not {mode!r}")
    scaled = mode == "scaled"
    default_db = SCALED_DEFAULTS["DATABASE_URL"] if scaled else f"sqlite:///{var_dir / 'claims.db'}"
    default_tracker = SCALED_DEFAULTS["TRACKER_DB_URL"] if scaled else f"sqlite:///{var_dir / 'tracker.db'}"
    return Settings(
        var_dir=var_dir,
        uploads_dir=Path(os.environ.get("CLAIMS_UPLOADS_DIR") or var_dir / "uploads").resolve(),
        database_url=os.environ.get("DATABASE_URL") or default_db,
        tracker_db_url=os.environ.get("TRACKER_DB_URL") or default_tracker,
        rasa_url=os.environ.get("RASA_URL", "http://127.0.0.1:5005"),
        action_server_url=os.environ.get("ACTION_SERVER_URL", "http://127.0.0.1:5055/webhook"),
        timezone=os.environ.get("CLAIMS_TIMEZONE", "Asia/Shanghai"),
        clock_now=os.environ.get("CLAIMS_NOW") or None,
        id_hash_secret=os.environ.get("ID_HASH_SECRET", "dev-only-change-me"),
        log_level=os.environ.get("LOG_LEVEL", "INFO"),
        gateway_host=os.environ.get("GATEWAY_HOST", "127.0.0.1"),
        gateway_port=int(os.environ.get("GATEWAY_PORT", "8080")),
        rasa_token=os.environ.get("RASA_TOKEN", ""),
        advisor_hours=os.environ.get("ADVISOR_HOURS", "09:00-21:00"),
        advisor_minutes_per_case=int(os.environ.get("ADVISOR_MINUTES_PER_CASE", "6")),
        advisor_session_hours=int(os.environ.get("ADVISOR_SESSION_HOURS", "8")),
        advisor_max_failed_logins=int(os.environ.get("ADVISOR_MAX_FAILED_LOGINS", "5")),
        advisor_lockout_minutes=int(os.environ.get("ADVISOR_LOCKOUT_MINUTES", "15")),
        cookie_secure=os.environ.get("COOKIE_SECURE", "false").lower() in ("1", "true", "yes"),
        telegram_bot_token=os.environ.get("TELEGRAM_BOT_TOKEN", "").strip(),
        telegram_mode=(os.environ.get("TELEGRAM_MODE") or "polling").strip().lower(),
        telegram_webhook_url=os.environ.get("TELEGRAM_WEBHOOK_URL", "").strip(),
        telegram_webhook_secret=os.environ.get("TELEGRAM_WEBHOOK_SECRET", "").strip(),
        telegram_api_base=(os.environ.get("TELEGRAM_API_BASE") or TELEGRAM_API_BASE).rstrip("/"),
        service_centre_name=_env_text("SERVICE_CENTRE_NAME", "name"),
        service_centre_address=_env_text("SERVICE_CENTRE_ADDRESS", "address"),
        service_centre_hours=_env_text("SERVICE_CENTRE_HOURS", "hours"),
        service_centre_transport=_env_text("SERVICE_CENTRE_TRANSPORT", "transport"),
        service_centre_bring=tuple(
            item.strip() for item in _env_text("SERVICE_CENTRE_BRING", "bring").replace("；", ";").split(";")
            if item.strip()),
        service_centre_slot_capacity=int(os.environ.get("SERVICE_CENTRE_SLOT_CAPACITY") or "3"),
        service_centre_booking_days=int(os.environ.get("SERVICE_CENTRE_BOOKING_DAYS") or "14"),
        claims_mode=mode,
        redis_url=(os.environ.get("REDIS_URL") or (SCALED_DEFAULTS["REDIS_URL"] if scaled else "")).strip(),
        rasa_instances=int(os.environ.get("RASA_INSTANCES") or (SCALED_DEFAULTS["RASA_INSTANCES"] if scaled else "1")),
        rasa_urls_setting=_env_list("RASA_URLS"),
        action_server_urls_setting=_env_list("ACTION_SERVER_URLS"),
        rasa_timeout=float(os.environ.get("RASA_TIMEOUT") or "8"),
        rasa_concurrency=int(os.environ.get("RASA_CONCURRENCY") or "3"),
        rasa_queue_timeout=float(os.environ.get("RASA_QUEUE_TIMEOUT") or "30"),
        upload_retention_days=int(os.environ.get("UPLOAD_RETENTION_DAYS") or "30"),
    )


def _env_list(name: str) -> tuple:
    """A comma-separated list setting (empty: not set)."""
    return tuple(item.strip().rstrip("/") for item in (os.environ.get(name) or "").split(",") if item.strip())


def _env_text(name: str, default_key: str) -> str:
    """A service-centre text from the environment, or its demo default when unset or empty."""
    return (os.environ.get(name) or "").strip() or SERVICE_CENTRE_DEFAULTS[default_key]
