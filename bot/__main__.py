"""Command line: `python -m bot <command>`.

  migrate   create or upgrade the claims database (alembic)
  seed      add the demo customers, policies and claims if the database is empty
  up        start Rasa, the action server and the gateway; chat in this terminal (Ctrl-C stops all)
  serve     start Rasa, the action server and the gateway without the terminal chat
            (both with --scaled: RASA_INSTANCES Rasa + action-server pairs on PostgreSQL and Redis)
  gateway   run only the gateway (chat API, events, advisor console); `serve` starts it for you
  chat      chat in the terminal through a gateway that is already running
  upload    send a file (photo or PDF) into a conversation, e.g. the terminal chat's
  clean-uploads  delete uploads no claim holds after UPLOAD_RETENTION_DAYS (the gateway does it daily)
  advisor   add, list or unlock advisor accounts of the console (`advisor add USERNAME --name 显示名`)
"""
from __future__ import annotations

import argparse
import logging
import sys

from bot.settings import load_settings


def cmd_migrate(args) -> int:
    from bot.store.db import migrate

    migrate()
    print(f"✓ database ready ({_safe_url(load_settings().database_url)})")
    return 0


def cmd_seed(args) -> int:
    from bot.store.db import session_scope
    from bot.store.seed import DEMO_ADVISOR, seed_demo, seed_demo_advisor

    with session_scope() as session:
        seeded = seed_demo(session)
    print("✓ demo data added" if seeded else "✓ demo data already present")
    with session_scope() as session:
        if seed_demo_advisor(session):
            print(f"✓ demo advisor added: log in at /advisor as {DEMO_ADVISOR[0]} (password in the README; demo only)")
    return 0


def cmd_up(args) -> int:
    import os

    from bot import supervisor, terminal_chat

    if args.scaled:  # the children (gateway, actions) read the same settings
        os.environ["CLAIMS_MODE"] = "scaled"
    settings = load_settings()
    running = supervisor.already_running()
    if running:
        print(f"✗ a server already answers at {running}; stop it first, or use `python -m bot chat`", file=sys.stderr)
        return 1
    supervisor.stop_on_hangup()
    log_path = settings.var_dir / "log" / "services.log"
    if settings.scaled:
        try:
            procfile = supervisor.prepare_scaled()
        except RuntimeError as problem:
            print(f"✗ {problem}", file=sys.stderr)
            return 1
        print(f"… starting {len(settings.rasa_urls)} Rasa servers, {len(settings.rasa_urls)} action servers and "
              f"the gateway on PostgreSQL ({_safe_url(settings.database_url)}, tracker "
              f"{_safe_url(settings.tracker_db_url)}) and Redis locks (log: {log_path}; Procfile: {procfile})")
        process = supervisor.start(log_path, procfile)
    else:
        from bot.store.db import migrate

        migrate()  # idempotent: `serve` on a new or older database must not fail at the first message
        print(f"… starting Rasa server, action server and gateway (log: {log_path})")
        process = supervisor.start(log_path, supervisor.prepare_embedded())
    try:
        if not supervisor.wait_ready(process):
            print(f"✗ the servers did not start; see {log_path}", file=sys.stderr)
            return 1
        print(f"✓ gateway at {settings.gateway_url}: chat API {settings.gateway_url}/api/messages, "
              f"advisor console {settings.gateway_url}/advisor/")
        print(f"✓ Rasa server at {', '.join(settings.rasa_urls)} (REST channel and HTTP API, loopback only), "
              f"action server{'s' if len(settings.rasa_urls) > 1 else ''} ready")
        print(f"\n  ➜  网页聊天 Web chat: {settings.gateway_url}/   (open it in a browser)\n")
        if args.command == "serve":
            print("Press Ctrl-C to stop.")
            process.wait()
        else:
            terminal_chat.chat(new=args.new)
    except KeyboardInterrupt:
        print()
    finally:
        print("… stopping")
        supervisor.stop(process)
        print("✓ stopped")
    return 0


def cmd_gateway(args) -> int:
    from bot.gateway.app import run

    run(load_settings())
    return 0


def cmd_chat(args) -> int:
    import requests

    from bot import terminal_chat

    try:
        terminal_chat.chat(new=args.new)
    except KeyboardInterrupt:
        print()
    except requests.RequestException as error:
        print(f"✗ the gateway at {load_settings().gateway_url} did not answer ({error}); "
              "start it with `python -m bot serve`", file=sys.stderr)
        return 1
    return 0


def cmd_upload(args) -> int:
    """Send a file into a conversation through the gateway's upload API, as a channel would; print the replies."""
    from pathlib import Path

    import requests

    from bot import terminal_chat
    from bot.channels.files import FileProblem

    settings = load_settings()
    sender = args.sender or terminal_chat.sender_id(settings.var_dir)
    try:
        reply = terminal_chat.upload(settings.gateway_url, sender, Path(args.path).expanduser(), args.caption)
    except (FileProblem, terminal_chat.GatewayError) as problem:
        print(f"✗ {problem}", file=sys.stderr)
        return 1
    except requests.RequestException as error:
        print(f"✗ the gateway at {settings.gateway_url} did not answer ({error}); "
              "start it with `python -m bot serve`", file=sys.stderr)
        return 1
    terminal_chat.render(reply["messages"])
    return 0


def cmd_clean_uploads(args) -> int:
    from bot.documents.retention import run_retention

    settings = load_settings()
    days = settings.upload_retention_days if args.days is None else args.days
    result = run_retention(settings.database_url, settings.uploads_dir, days, args.dry_run)
    if result is None:
        print("nothing to do: retention is off (0 days) or there is no uploads folder")
        return 0
    verb = "would delete" if args.dry_run else "deleted"
    print(f"{verb} {result.deleted} uploads older than {days} days that no claim holds "
          f"({result.freed_bytes / 1e6:.1f} MB); kept {result.kept_for_claims} claim documents and "
          f"{result.kept_recent} recent uploads; {result.partial_writes} unfinished writes removed")
    return 0


def _safe_url(url: str) -> str:
    """Never print a database password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate").set_defaults(func=cmd_migrate)
    sub.add_parser("seed").set_defaults(func=cmd_seed)
    for name in ("up", "serve"):
        p = sub.add_parser(name)
        p.add_argument("--new", action="store_true", help="start a new conversation instead of continuing the last one")
        p.add_argument("--scaled", action="store_true",
                       help="scale-out mode: several Rasa + action servers on PostgreSQL and Redis (CLAIMS_MODE=scaled)")
        p.set_defaults(func=cmd_up)
    sub.add_parser("gateway", help="run only the gateway on GATEWAY_HOST:GATEWAY_PORT").set_defaults(func=cmd_gateway)
    p = sub.add_parser("chat")
    p.add_argument("--new", action="store_true")
    p.set_defaults(func=cmd_chat)
    p = sub.add_parser("upload", help="send a file into a conversation (default: the terminal chat's)")
    p.add_argument("path")
    p.add_argument("--caption", help="what the file is, e.g. 发票")
    p.add_argument("--sender", help="conversation id (default: the terminal chat's)")
    p.set_defaults(func=cmd_upload)
    p = sub.add_parser("clean-uploads", help="delete uploads no claim holds, older than UPLOAD_RETENTION_DAYS "
                                             "(the gateway does it daily)")
    p.add_argument("--days", type=int, help="instead of UPLOAD_RETENTION_DAYS (30)")
    p.add_argument("--dry-run", action="store_true", help="only count what would be deleted")
    p.set_defaults(func=cmd_clean_uploads)
    from bot.advisor.cli import add_advisor_parser

    add_advisor_parser(sub)
    args = parser.parse_args(argv)
    logging.basicConfig(level=load_settings().log_level)
    from bot import logging_masks

    logging_masks.install()  # mobiles, ID and bank-card numbers never reach a log whole
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
