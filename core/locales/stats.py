"""The Stats page (pages/4_Stats.py): which model wins, how fast, at what cost."""

MESSAGES = {
    "stats.page_title": {"en": "Pictionary Arena: stats", "de": "Pictionary Arena: Statistik",
                         "fr": "Pictionary Arena : statistiques", "es": "Pictionary Arena: estadísticas",
                         "it": "Pictionary Arena: statistiche"},
    "stats.title": {"en": "📊 Stats", "de": "📊 Statistik", "fr": "📊 Statistiques", "es": "📊 Estadísticas",
                    "it": "📊 Statistiche"},
    "stats.with_written": {"en": "Include games with the word written in the drawing",
                           "de": "Spiele einbeziehen, in deren Zeichnung das Wort geschrieben stand",
                           "fr": "Inclure les parties où le mot était écrit dans le dessin",
                           "es": "Incluir las partidas con la palabra escrita en el dibujo",
                           "it": "Includi le partite con la parola scritta nel disegno"},
    "stats.with_written_help": {
        "en": "Models read letters well: such games say little about drawing, so they are left out.",
        "de": "Modelle lesen Buchstaben gut: Solche Spiele sagen wenig über das Zeichnen aus, deshalb fehlen sie.",
        "fr": "Les modèles lisent bien les lettres : ces parties disent peu de chose du dessin, elles sont donc "
              "écartées.",
        "es": "Los modelos leen bien las letras: esas partidas dicen poco del dibujo, así que se dejan fuera.",
        "it": "I modelli leggono bene le lettere: queste partite dicono poco sul disegno, quindi sono escluse.",
    },
    "stats.empty": {
        "en": "No finished game with guesses in this period yet. Play a few games, then come back: this page will "
              "show which model wins, how fast and at what cost.",
        "de": "In diesem Zeitraum gibt es noch kein beendetes Spiel mit Tipps. Spiel ein paar Runden und komm "
              "zurück: Diese Seite zeigt dann, welches Modell gewinnt, wie schnell und zu welchen Kosten.",
        "fr": "Aucune partie terminée avec des propositions sur cette période. Jouez quelques parties, puis "
              "revenez : cette page montrera quel modèle gagne, à quelle vitesse et à quel coût.",
        "es": "Aún no hay ninguna partida terminada con respuestas en este periodo. Juega unas cuantas y vuelve: "
              "esta página mostrará qué modelo gana, con qué rapidez y a qué coste.",
        "it": "Ancora nessuna partita finita con risposte in questo periodo. Gioca qualche partita, poi torna: "
              "questa pagina mostrerà quale modello vince, quanto in fretta e a quale costo.",
    },
    "stats.counts": {
        "en": "{games} finished games and {guesses} guesses. Small samples show as wide intervals.",
        "de": "{games} beendete Spiele und {guesses} Tipps. Kleine Stichproben zeigen sich als breite Intervalle.",
        "fr": "{games} parties terminées et {guesses} propositions. Les petits échantillons apparaissent en "
              "intervalles larges.",
        "es": "{games} partidas terminadas y {guesses} respuestas. Las muestras pequeñas se ven como intervalos "
              "amplios.",
        "it": "{games} partite finite e {guesses} risposte. I campioni piccoli appaiono come intervalli ampi.",
    },
    "stats.named_it_help": {"en": "Share of its games in which it ever said the word",
                            "de": "Anteil seiner Spiele, in denen es das Wort überhaupt genannt hat",
                            "fr": "Part de ses parties dans lesquelles il a dit le mot au moins une fois",
                            "es": "Proporción de sus partidas en las que llegó a decir la palabra",
                            "it": "Quota delle sue partite in cui ha detto la parola almeno una volta"},
    "stats.price_help": {"en": "Empty when a call's price is unknown", "de": "Leer, wenn der Preis eines Aufrufs "
                         "unbekannt ist", "fr": "Vide quand le prix d'un appel est inconnu",
                         "es": "Vacío cuando no se conoce el precio de una llamada",
                         "it": "Vuoto quando il prezzo di una chiamata non è noto"},
    "stats.no_rating": {"en": "No head-to-head rating yet: it needs games in which two or more guessers raced.",
                        "de": "Noch keine Direktvergleichs-Wertung: Dafür braucht es Spiele, in denen zwei oder mehr "
                              "Rater gegeneinander angetreten sind.",
                        "fr": "Pas encore de classement en face-à-face : il faut des parties où au moins deux "
                              "devineurs se sont affrontés.",
                        "es": "Aún no hay clasificación cara a cara: hacen falta partidas en las que compitieran dos "
                              "o más adivinadores.",
                        "it": "Ancora nessuna classifica testa a testa: servono partite in cui due o più indovini si "
                              "sono sfidati."},
}
