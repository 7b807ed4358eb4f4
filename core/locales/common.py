"""Messages every page shares: the language chooser and the app's name."""

MESSAGES = {
    "common.app_name": {"en": "Pictionary Arena", "de": "Pictionary Arena", "fr": "Pictionary Arena",
                        "es": "Pictionary Arena", "it": "Pictionary Arena"},
    "common.language": {"en": "Language", "de": "Sprache", "fr": "Langue", "es": "Idioma", "it": "Lingua"},
    # The sidebar's list of pages (core/resources.py PAGES)
    "common.page_home": {"en": "Home", "de": "Start", "fr": "Accueil", "es": "Inicio", "it": "Home"},
    "common.page_spectate": {"en": "Spectate", "de": "Zuschauen", "fr": "Regarder", "es": "Mirar", "it": "Guarda"},
    "common.page_leaderboard": {"en": "Leaderboard", "de": "Bestenliste", "fr": "Classement", "es": "Clasificación",
                                "it": "Classifica"},
    "common.page_game": {"en": "Game", "de": "Spiel", "fr": "Partie", "es": "Partida", "it": "Partita"},
    "common.page_stats": {"en": "Stats", "de": "Statistik", "fr": "Statistiques", "es": "Estadísticas", "it": "Statistiche"},
    "common.page_eval": {"en": "Eval", "de": "Auswertung", "fr": "Évaluation", "es": "Evaluación", "it": "Valutazione"},
    "common.page_about": {"en": "About", "de": "Über", "fr": "À propos", "es": "Acerca de", "it": "Informazioni"},
    "common.page_admin": {"en": "Admin", "de": "Verwaltung", "fr": "Administration", "es": "Administración",
                          "it": "Amministrazione"},
    "common.page_host": {"en": "Host", "de": "Moderation", "fr": "Animation", "es": "Anfitrión", "it": "Conduzione"},
}
