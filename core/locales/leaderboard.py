"""The Leaderboard page (pages/2_Leaderboard.py), and the periods the Leaderboard and Stats share."""

MESSAGES = {
    "leaderboard.page_title": {"en": "Pictionary Arena: leaderboard", "de": "Pictionary Arena: Bestenliste",
                               "fr": "Pictionary Arena : classement", "es": "Pictionary Arena: clasificación",
                               "it": "Pictionary Arena: classifica"},
    "leaderboard.title": {"en": "🏆 Leaderboard", "de": "🏆 Bestenliste", "fr": "🏆 Classement",
                          "es": "🏆 Clasificación", "it": "🏆 Classifica"},
    "leaderboard.intro": {
        "en": "The fastest games: how long the winner took to name the drawing (👤 marks a person in the room). "
              "Ties go to the earlier game.",
        "de": "Die schnellsten Spiele: wie lange der Sieger brauchte, um die Zeichnung zu benennen (👤 steht für "
              "einen Menschen im Raum). Bei Gleichstand zählt das frühere Spiel.",
        "fr": "Les parties les plus rapides : le temps qu'il a fallu au gagnant pour nommer le dessin (👤 indique "
              "une personne de la salle). En cas d'égalité, la partie la plus ancienne l'emporte.",
        "es": "Las partidas más rápidas: cuánto tardó el ganador en nombrar el dibujo (👤 señala a una persona de "
              "la sala). En caso de empate, gana la partida anterior.",
        "it": "Le partite più veloci: quanto ha impiegato il vincitore a nominare il disegno (👤 indica una persona "
              "in sala). In caso di parità vince la partita precedente.",
    },
    "leaderboard.period": {"en": "Period", "de": "Zeitraum", "fr": "Période", "es": "Periodo", "it": "Periodo"},
    "leaderboard.period.Today": {"en": "Today", "de": "Heute", "fr": "Aujourd'hui", "es": "Hoy", "it": "Oggi"},
    "leaderboard.period.This week": {"en": "This week", "de": "Diese Woche", "fr": "Cette semaine",
                                     "es": "Esta semana", "it": "Questa settimana"},
    "leaderboard.period.All time": {"en": "All time", "de": "Gesamt", "fr": "Depuis toujours", "es": "Siempre",
                                    "it": "Sempre"},
    "leaderboard.difficulty_help": {
        "en": "Fastest times compare fairly within one difficulty: an easy word is named sooner.",
        "de": "Bestzeiten lassen sich nur innerhalb einer Schwierigkeit fair vergleichen: Ein leichtes Wort wird "
              "früher erraten.",
        "fr": "Les meilleurs temps ne se comparent équitablement qu'à difficulté égale : un mot facile est trouvé "
              "plus vite.",
        "es": "Los mejores tiempos solo se comparan con justicia dentro de una misma dificultad: una palabra fácil "
              "se adivina antes.",
        "it": "I tempi migliori si confrontano in modo equo solo a parità di difficoltà: una parola facile si "
              "indovina prima.",
    },
    "leaderboard.word": {"en": "Word", "de": "Wort", "fr": "Mot", "es": "Palabra", "it": "Parola"},
    "leaderboard.all_words": {"en": "All words", "de": "Alle Wörter", "fr": "Tous les mots",
                              "es": "Todas las palabras", "it": "Tutte le parole"},
    "leaderboard.you": {"en": " (you)", "de": " (du)", "fr": " (vous)", "es": " (tú)", "it": " (tu)"},
    "leaderboard.col_rank": {"en": "Rank", "de": "Platz", "fr": "Rang", "es": "Puesto", "it": "Posizione"},
    "leaderboard.col_player": {"en": "Player", "de": "Spieler", "fr": "Joueur", "es": "Jugador", "it": "Giocatore"},
    "leaderboard.col_difficulty": {"en": "Difficulty", "de": "Schwierigkeit", "fr": "Difficulté",
                                   "es": "Dificultad", "it": "Difficoltà"},
    "leaderboard.col_seconds": {"en": "Seconds", "de": "Sekunden", "fr": "Secondes", "es": "Segundos",
                                "it": "Secondi"},
    "leaderboard.col_won_by": {"en": "Won by", "de": "Gewonnen von", "fr": "Gagnée par", "es": "Ganada por",
                               "it": "Vinta da"},
    "leaderboard.col_game": {"en": "Game", "de": "Spiel", "fr": "Partie", "es": "Partida", "it": "Partita"},
    "leaderboard.open": {"en": "open", "de": "öffnen", "fr": "ouvrir", "es": "abrir", "it": "apri"},
    "leaderboard.none_yet": {"en": "No won games here yet. Play one and be the first on the board!",
                             "de": "Hier gibt es noch keine gewonnenen Spiele. Spiel eins und sei als Erstes auf "
                                   "der Liste!",
                             "fr": "Aucune partie gagnée ici pour l'instant. Jouez-en une et soyez le premier au "
                                   "classement !",
                             "es": "Aún no hay partidas ganadas aquí. ¡Juega una y sé el primero de la lista!",
                             "it": "Ancora nessuna partita vinta qui. Giocane una e sii il primo in classifica!"},
    "leaderboard.play": {"en": "Play", "de": "Spielen", "fr": "Jouer", "es": "Jugar", "it": "Gioca"},
    "leaderboard.your_best": {"en": "Your best: rank {rank} of {total}", "de": "Dein bestes: Platz {rank} von {total}",
                              "fr": "Votre meilleure : rang {rank} sur {total}",
                              "es": "Tu mejor: puesto {rank} de {total}",
                              "it": "La tua migliore: posizione {rank} su {total}"},
    "leaderboard.your_best_number": {"en": "Your best game is number {rank}!",
                                     "de": "Dein bestes Spiel steht auf Platz {rank}!",
                                     "fr": "Votre meilleure partie est au rang {rank} !",
                                     "es": "¡Tu mejor partida está en el puesto {rank}!",
                                     "it": "La tua partita migliore è in posizione {rank}!"},
    "leaderboard.best_guessers": {"en": "👤 Best guessers in the room", "de": "👤 Die besten Rater im Raum",
                                  "fr": "👤 Meilleurs devineurs de la salle", "es": "👤 Los que mejor adivinan en la sala",
                                  "it": "👤 I migliori indovini in sala"},
    "leaderboard.best_guessers_intro": {
        "en": "People who named the word first, beating the models: how often, and how fast (median).",
        "de": "Menschen, die das Wort vor den Modellen genannt haben: wie oft und wie schnell (Median).",
        "fr": "Les personnes qui ont nommé le mot en premier, devant les modèles : combien de fois, et à quelle "
              "vitesse (médiane).",
        "es": "Las personas que dijeron la palabra antes que los modelos: cuántas veces y con qué rapidez (mediana).",
        "it": "Le persone che hanno nominato la parola per prime, battendo i modelli: quante volte e quanto in "
              "fretta (mediana).",
    },
    "leaderboard.col_guesser": {"en": "Guesser", "de": "Rater", "fr": "Devineur", "es": "Adivinador",
                                "it": "Indovino"},
    "leaderboard.col_right": {"en": "Right guesses", "de": "Richtige Tipps", "fr": "Bonnes réponses",
                              "es": "Aciertos", "it": "Risposte giuste"},
    "leaderboard.col_median": {"en": "Median seconds", "de": "Median (Sekunden)", "fr": "Secondes (médiane)",
                               "es": "Segundos (mediana)", "it": "Secondi (mediana)"},
    "leaderboard.no_people": {
        "en": "Nobody in the room has beaten the models yet in this period: open Spectate and guess!",
        "de": "In diesem Zeitraum hat noch niemand im Raum die Modelle geschlagen: Öffne „Zuschauen“ und rate mit!",
        "fr": "Personne dans la salle n'a encore battu les modèles sur cette période : ouvrez Spectate et devinez !",
        "es": "Nadie en la sala ha vencido aún a los modelos en este periodo: ¡abre Spectate y adivina!",
        "it": "In questo periodo nessuno in sala ha ancora battuto i modelli: apri Spectate e indovina!",
    },
    "leaderboard.anonymous": {"en": "anonymous", "de": "anonym", "fr": "anonyme", "es": "anónimo", "it": "anonimo"},
}
