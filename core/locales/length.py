"""Messages about a game's length: the "more time" chooser, its leaderboard boards and the speed figures."""

MESSAGES = {
    "length.label": {
        "en": "Game length",
        "de": "Spiellänge",
        "fr": "Durée de la partie",
        "es": "Duración de la partida",
        "it": "Durata della partita",
    },
    "length.help": {
        "en": "More time for anyone who wants it: longer games are ranked apart on the leaderboard, so speed "
              "stays fair.",
        "de": "Mehr Zeit für alle, die sie möchten: Längere Spiele werden in der Bestenliste getrennt gewertet, "
              "damit der Vergleich der Geschwindigkeit fair bleibt.",
        "fr": "Plus de temps pour qui le souhaite : les parties plus longues ont leur propre classement, pour que "
              "la vitesse reste comparable.",
        "es": "Más tiempo para quien lo quiera: las partidas más largas tienen su propia clasificación, para que "
              "la velocidad siga siendo justa.",
        "it": "Più tempo per chi lo desidera: le partite più lunghe hanno una classifica a parte, così il "
              "confronto sulla velocità resta equo.",
    },
    "length.standard": {
        "en": "Standard ({seconds} s)",
        "de": "Standard ({seconds} s)",
        "fr": "Standard ({seconds} s)",
        "es": "Estándar ({seconds} s)",
        "it": "Standard ({seconds} s)",
    },
    "length.more_time": {
        "en": "More time ({seconds} s)",
        "de": "Mehr Zeit ({seconds} s)",
        "fr": "Plus de temps ({seconds} s)",
        "es": "Más tiempo ({seconds} s)",
        "it": "Più tempo ({seconds} s)",
    },
    "length.other": {
        "en": "{seconds} s",
        "de": "{seconds} s",
        "fr": "{seconds} s",
        "es": "{seconds} s",
        "it": "{seconds} s",
    },
    "length.unknown": {
        "en": "That game length is not offered (any more): the standard length ({seconds} s) is chosen instead. "
              "Play again when you are ready.",
        "de": "Diese Spiellänge wird nicht (mehr) angeboten: Stattdessen ist die Standardlänge ({seconds} s) "
              "gewählt. Spiel einfach noch einmal, wenn du bereit bist.",
        "fr": "Cette durée n'est pas (ou plus) proposée : la durée standard ({seconds} s) est choisie à la place. "
              "Relancez une partie quand vous êtes prêt.",
        "es": "Esa duración no está disponible (o ya no lo está): se elige en su lugar la duración estándar "
              "({seconds} s). Vuelve a jugar cuando quieras.",
        "it": "Questa durata non è (più) disponibile: al suo posto è scelta la durata standard ({seconds} s). "
              "Gioca di nuovo quando sei pronto.",
    },
    "length.board_note": {
        "en": "Games with more time are ranked apart from standard games, so speed stays fair.",
        "de": "Spiele mit mehr Zeit werden getrennt von den Standardspielen gewertet, damit der Vergleich der "
              "Geschwindigkeit fair bleibt.",
        "fr": "Les parties avec plus de temps sont classées à part des parties standard, pour que la vitesse "
              "reste comparable.",
        "es": "Las partidas con más tiempo se clasifican aparte de las estándar, para que la velocidad siga "
              "siendo justa.",
        "it": "Le partite con più tempo sono classificate a parte rispetto a quelle standard, così il confronto "
              "sulla velocità resta equo.",
    },
    "length.board_more_time": {
        "en": "⏱️ More time: games of {seconds} s, ranked on their own.",
        "de": "⏱️ Mehr Zeit: Spiele mit {seconds} s, eigens gewertet.",
        "fr": "⏱️ Plus de temps : parties de {seconds} s, avec leur propre classement.",
        "es": "⏱️ Más tiempo: partidas de {seconds} s, con su propia clasificación.",
        "it": "⏱️ Più tempo: partite da {seconds} s, con una classifica a parte.",
    },
    "length.column": {
        "en": "Length",
        "de": "Länge",
        "fr": "Durée",
        "es": "Duración",
        "it": "Durata",
    },
    "length.stats_note": {
        "en": "Speed and win figures count standard games ({seconds} s) only. Games with more time left out: "
              "{count}.",
        "de": "Geschwindigkeit und Siegquoten zählen nur Standardspiele ({seconds} s). Nicht mitgezählte Spiele "
              "mit mehr Zeit: {count}.",
        "fr": "Les chiffres de vitesse et de victoires ne comptent que les parties standard ({seconds} s). "
              "Parties avec plus de temps laissées de côté : {count}.",
        "es": "Las cifras de velocidad y de victorias solo cuentan las partidas estándar ({seconds} s). "
              "Partidas con más tiempo que no se cuentan: {count}.",
        "it": "Le cifre su velocità e vittorie contano solo le partite standard ({seconds} s). Partite con più "
              "tempo escluse: {count}.",
    },
}
