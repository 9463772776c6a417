"""Personal numbers never reach a log whole: the record factory and the filter of bot.logging_masks."""
from __future__ import annotations

import io
import json
import logging
import subprocess
import sys

import pytest

from bot import logging_masks
from bot.logging_masks import PersonalNumberFilter, mask_text
from bot.settings import PROJECT_ROOT

MOBILE, ID_NUMBER, CARD = "13800138000", "110105197903140026", "6222020200112233445"


@pytest.fixture
def captured():
    """A logger writing to a string through a plain handler, with the masks installed."""
    logging_masks.install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s %(user)s"))
    logger = logging.getLogger("tests.security.masks")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def test_message_and_arguments_are_masked(captured):
    logger, stream = captured
    logger.debug("Received user message '%s' and %s, card %s", MOBILE, {"id": ID_NUMBER}, CARD,
                 extra={"user": f"sender {MOBILE}"})
    out = stream.getvalue()
    assert MOBILE not in out and ID_NUMBER not in out and CARD not in out
    assert "138****8000" in out and "1101**********0026" in out and "6222***********3445" in out
    assert "sender 138****8000" in out


def test_exception_text_is_masked(captured):
    logger, stream = captured
    try:
        raise ValueError(f"bad mobile {MOBILE} for id {ID_NUMBER}")
    except ValueError:
        logger.exception("failed for %s", MOBILE, extra={"user": "-"})
    out = stream.getvalue()
    assert "Traceback" in out and "ValueError" in out
    assert MOBILE not in out and ID_NUMBER not in out


def test_stack_info_is_masked(captured):
    logger, stream = captured
    number = MOBILE  # noqa: F841 - the source line below shows the number in the stack
    logger.info("where", stack_info=True, extra={"user": "-"})
    assert "Stack (most recent call last)" in stream.getvalue()


def test_structlog_json_with_escaped_chinese_and_full_width_and_spaced_numbers():
    rendered = json.dumps({"event": "processor.message.parse", "parse_data_text": f"我{MOBILE}，身份证{ID_NUMBER}"})
    assert "\\u6211" + MOBILE in rendered  # the escape's hex digits touch the number
    masked = mask_text(rendered)
    assert MOBILE not in masked and ID_NUMBER not in masked and "138****8000" in masked
    assert mask_text("手机 １３８００１３８０００") == "手机 138****8000"
    assert MOBILE not in mask_text("手机 138 0013 8000").replace(" ", "")
    assert MOBILE not in mask_text(json.dumps("１３８００１３８０００")).replace(" ", "")


def test_numbers_that_are_not_personal_stay(captured):
    assert mask_text("C-1001 理赔 ¥13,418.00 2026-11-24 port 5005") == "C-1001 理赔 ¥13,418.00 2026-11-24 port 5005"


def test_a_bad_format_string_is_still_masked_and_logged(captured):
    logger, stream = captured
    logger.warning("only one %s", MOBILE, ID_NUMBER, extra={"user": "-"})
    out = stream.getvalue()
    assert MOBILE not in out and ID_NUMBER not in out and "only one" in out


def test_the_filter_masks_records_made_elsewhere():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "mobile %s", (MOBILE,), None)
    assert PersonalNumberFilter().filter(record) is True
    assert record.getMessage() == "mobile 138****8000"


def test_install_is_idempotent():
    logging_masks.install()
    make_record = logging.Logger.makeRecord
    logging_masks.install()
    assert logging.Logger.makeRecord is make_record and logging_masks.installed()


@pytest.mark.parametrize("module", ["actions", "bot.nlu.components"])
def test_every_process_entry_installs_the_masks(module):
    """The action server imports `actions`, Rasa imports our NLU components; both install the masks."""
    code = (f"import logging, {module}; from bot import logging_masks; assert logging_masks.installed(); "
            f"logging.basicConfig(level=logging.INFO); logging.getLogger('x').info('m %s', '{MOBILE}')")
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "m 138****8000" in result.stderr and MOBILE not in result.stderr


def test_the_cli_installs_the_masks():
    code = ("import logging; from bot import __main__ as m; from bot import logging_masks; "
            "m.cmd_migrate = lambda a: (logging.getLogger('bot').warning('m %s', '" + MOBILE + "'), 0)[1]; "
            "m.main(['migrate']); assert logging_masks.installed()")
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "m 138****8000" in result.stderr and MOBILE not in result.stderr
