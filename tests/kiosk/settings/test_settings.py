"""Settings: the defaults load, and every mistake is named with its fix."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from config import bundled
from kiosk.settings.files import LANGUAGES, FirstLook, read_settings
from kiosk.settings.model import SettingsError, UiSettings, checked, load_settings


def test_defaults_and_the_annotated_example_both_load() -> None:
    assert load_settings().ui.language == "zh_CN"
    example = load_settings(bundled("kiosk.example.toml"))
    assert example.device.ref_prefix == "K0107"


def test_the_site_file_overrides_defaults(tmp_path: Path) -> None:
    site = tmp_path / "kiosk.toml"
    site.write_text('[ui]\nlanguage = "en"\n')
    settings = load_settings(site)
    assert settings.ui.language == "en"
    assert settings.ui.idle_timeout_s == load_settings().ui.idle_timeout_s


@pytest.mark.parametrize(("text", "policy"), [
    ('url = "usb://0x0416:0x5011"', "required"),
    ('url = "serial:///dev/ttyS0"', "required"),
    ('url = "tcp://192.0.2.7:9100"', "best_effort"),
    ('url = "tcp://192.0.2.7:9100"\nstatus = "required"', "required"),
    ('url = "usb://0x0416:0x5011"\nstatus = "none"', "none"),
])
def test_the_printer_status_policy_follows_its_link_unless_set(tmp_path: Path, text: str,
                                                               policy: str) -> None:
    site = tmp_path / "kiosk.toml"
    site.write_text(f"[printer]\n{text}\n")
    assert load_settings(site).printer.status_policy == policy


def test_kiosk_config_names_the_site_file(tmp_path: Path, monkeypatch) -> None:
    site = tmp_path / "other.toml"
    site.write_text('[printer]\nencoding = "big5"\n')
    monkeypatch.setenv("KIOSK_CONFIG", str(site))
    assert load_settings().printer.encoding == "big5"


@pytest.mark.parametrize(("text", "expected"), [
    ('[ui]\nidle_timout_s = 30\n', "ui.idle_timout_s: unknown key"),
    ('[ui]\nlanguage = "fr"\n', "ui.language = 'fr'"),
    ('[idcard]\nbaud = 12345\n', "idcard.baud = 12345"),
    ('[central]\nurl = "http://192.0.2.1/kiosk/v1"\n', "plain http is allowed only to loopback"),
    ('[printer]\nurl = "lpt1"\n', "printer.url"),
    ('[printer]\nstatus = "maybe"\n', "printer.status = 'maybe'"),
    ('[a4_printer]\nqueue = "hall printer"\n', "a4_printer.queue = 'hall printer': Value error, "
                                                "is not a CUPS queue name"),
    ('[a4_printer]\nserver = "192.0.2.7:631"\n', "must be cupsd's socket"),
    ('[a4_printer]\njob_timeout_s = 0\n', "a4_printer.job_timeout_s = 0"),
    ('[ui\n', "not valid TOML"),
    ('[device]\nstate_dir = ""\n', "device.state_dir = '': Value error, must name the folder"),
    ('[maintenance]\nat = "25:00"\n', "maintenance.at = '25:00'"),
    ('[device]\ntime_zone = "Beijing"\n', "device.time_zone = 'Beijing': Value error, "),
    ('[nearest_alternative]\nfr = "Guichet voisin"\n', "nearest_alternative.fr: unknown key"),
])
def test_bad_settings_fail_with_the_key_and_the_fix(tmp_path: Path, text: str,
                                                    expected: str) -> None:
    site = tmp_path / "kiosk.toml"
    site.write_text(text)
    with pytest.raises(SettingsError) as caught:
        load_settings(site)
    assert expected in str(caught.value)
    assert str(site) in str(caught.value)


def test_the_first_frames_values_are_read_as_the_check_takes_them(tmp_path: Path) -> None:
    site = tmp_path / "kiosk.toml"
    site.write_text('[ui]\nlanguage = "zh_TW"\nhide_cursor = false\n'
                    '[device]\nstate_dir = "/srv/kiosk"\n')
    unchecked = read_settings(site)
    assert unchecked.first_look() == FirstLook("zh_TW", False, Path("/srv/kiosk"))
    assert checked(unchecked).first_look() == unchecked.first_look()


@pytest.mark.parametrize("text", [
    '[ui]\nlanguage = "fr"\n',
    '[ui]\nhide_cursor = 3\n',
    '[device]\nstate_dir = 7\n',
    '[device]\nstate_dir = ""\n',
    'ui = "zh_CN"\n',
])
def test_a_first_frame_value_the_check_refuses_gives_no_first_look(tmp_path: Path,
                                                                   text: str) -> None:
    site = tmp_path / "kiosk.toml"
    site.write_text(text)
    unchecked = read_settings(site)
    assert unchecked.first_look() is None  # so `kiosk run` checks before any window
    with pytest.raises(SettingsError):
        checked(unchecked)


def test_the_first_frames_languages_are_the_settings_languages() -> None:
    assert get_args(UiSettings.model_fields["language"].annotation) == LANGUAGES
