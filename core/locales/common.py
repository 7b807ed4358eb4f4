"""Messages every page shares: the language chooser and the app's name."""

MESSAGES = {
    "common.app_name": {"en": "Pictionary Arena", "de": "Pictionary Arena", "fr": "Pictionary Arena",
                        "es": "Pictionary Arena", "it": "Pictionary Arena"},
    "common.language": {"en": "Language", "de": "Sprache", "fr": "Langue", "es": "Idioma", "it": "Lingua"},
}
