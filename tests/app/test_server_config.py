"""The dashboard's server is safe by default (issue 17): it listens on loopback only, and visitors never see
tracebacks (server paths, code) of an uncaught error."""
import tomllib

from conftest import ROOT


def _config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_the_server_listens_on_loopback_only():
    assert _config()["server"]["address"] == "127.0.0.1"


def test_visitors_see_no_error_details():
    value = _config()["client"]["showErrorDetails"]
    assert value == "none"
    import streamlit.config as config  # the option and the value exist in the Streamlit we pin

    assert '"none"' in config._config_options_template["client.showErrorDetails"].description
