"""Settings: defaults, secrets.toml, env overrides, and a clear error for a bad value."""
from __future__ import annotations

import pytest

from core.settings import ROOT, Settings, SettingsError


def test_defaults_match_the_readme():
    s = Settings.load({}, {})
    assert (s.MAX_CONCURRENT_GAMES, s.GAME_SECONDS, s.IDLE_SECONDS, s.MIN_GUESS_INTERVAL) == (2, 45, 60, 1.0)
    assert s.db_path == ROOT / "data" / "pictionary.db"
    assert s.words_path == ROOT / "words.txt"


def test_env_wins_over_secrets_and_secrets_over_defaults():
    s = Settings.load({"GAME_SECONDS": "30"}, {"GAME_SECONDS": 20, "MAX_CONCURRENT_GAMES": 3})
    assert s.GAME_SECONDS == 30 and s.MAX_CONCURRENT_GAMES == 3


def test_db_path_follows_the_data_dir_unless_named(tmp_path):
    assert Settings.load({"PICTIONARY_DATA_DIR": str(tmp_path)}).db_path == tmp_path / "pictionary.db"
    s = Settings.load({"PICTIONARY_DATA_DIR": str(tmp_path), "PICTIONARY_DB": str(tmp_path / "x.db")})
    assert s.db_path == tmp_path / "x.db"


def test_lists_and_booleans_are_parsed():
    s = Settings.load({"ANTHROPIC_MODELS": "a, b ,,c", "SKETCH_ENABLED": "off"}, {"OPENAI_MODELS": ["x", "y"]})
    assert s.ANTHROPIC_MODELS == ("a", "b", "c") and s.OPENAI_MODELS == ("x", "y")
    assert s.SKETCH_ENABLED is False


@pytest.mark.parametrize("env, name", [
    ({"GAME_SECONDS": "abc"}, "GAME_SECONDS"),
    ({"GAME_SECONDS": "0"}, "GAME_SECONDS"),
    ({"GAME_SECONDS": "nan"}, "GAME_SECONDS"),
    ({"MAX_CONCURRENT_GAMES": "0"}, "MAX_CONCURRENT_GAMES"),
    ({"MAX_CONCURRENT_GAMES": "1.5"}, "MAX_CONCURRENT_GAMES"),
    ({"DAILY_BUDGET_USD": "-1"}, "DAILY_BUDGET_USD"),
    ({"SKETCH_MIN_CONFIDENCE": "2"}, "SKETCH_MIN_CONFIDENCE"),
    ({"SKETCH_ENABLED": "perhaps"}, "SKETCH_ENABLED"),
    ({"PRICES_JSON": "{not json"}, "PRICES_JSON"),
])
def test_bad_value_fails_naming_the_setting(env, name):
    with pytest.raises(SettingsError, match=name):
        Settings.load(env)


def test_secrets_never_show_in_repr():
    s = Settings.load({"ANTHROPIC_API_KEY": "sk-ant-secret-value", "ADMIN_PASSWORD": "hunter2"})
    assert "sk-ant-secret-value" not in repr(s) and "hunter2" not in repr(s)
    assert set(s.secret_values()) == {"sk-ant-secret-value", "hunter2"}


def test_each_part_reads_its_knobs_from_the_one_settings_object():
    from core.audience import AudienceSettings
    from core.lobby import LobbySettings
    from core.moderation import Strikes
    from core.pool import PoolSettings

    s = Settings.load({"MIN_GUESS_INTERVAL": "0.5", "MODERATION_WINDOW_HOURS": "2", "MODERATION_REST_MINUTES": "3",
                       "RETENTION_DAYS": "1", "GUESSES_PER_ADDRESS": "7", "AUDIENCE_GUESSES": "false"})
    pool = PoolSettings.from_settings(s)
    assert pool.schedule == s.guess_schedule and pool.schedule.min_interval == 0.5
    assert not hasattr(pool, "min_interval"), "the guess interval lives in the schedule only"
    lobby = LobbySettings.from_settings(s)
    assert lobby.strikes == Strikes(count=3, window_s=7200, rest_s=180) and lobby.retention_s == 86400
    audience = AudienceSettings.from_settings(s)
    assert audience.strikes == lobby.strikes and audience.per_address == 7 and not audience.enabled
