"""Texts core/play.py builds for the pages: results, notices, guess lines, word captions, difficulty names."""

MESSAGES = {
    "play.no_key_notice": {
        "en": "Only the offline sketch model is playing: no API key is set. To add Claude, GPT or Gemini, set "
              "{keys} in the environment or in `.streamlit/secrets.toml`, then restart the app.",
        "de": "Nur das Offline-Skizzenmodell spielt: Es ist kein API-Schlüssel gesetzt. Um Claude, GPT oder Gemini "
              "hinzuzufügen, setze {keys} in der Umgebung oder in `.streamlit/secrets.toml` und starte die App neu.",
        "fr": "Seul le modèle de croquis hors ligne joue : aucune clé d'API n'est définie. Pour ajouter Claude, GPT "
              "ou Gemini, définissez {keys} dans l'environnement ou dans `.streamlit/secrets.toml`, puis "
              "redémarrez l'application.",
        "es": "Solo juega el modelo de bocetos sin conexión: no hay ninguna clave de API. Para añadir Claude, GPT "
              "o Gemini, define {keys} en el entorno o en `.streamlit/secrets.toml` y reinicia la aplicación.",
        "it": "Gioca solo il modello di schizzi offline: nessuna chiave API è impostata. Per aggiungere Claude, GPT "
              "o Gemini, imposta {keys} nell'ambiente o in `.streamlit/secrets.toml`, poi riavvia l'app.",
    },
    "play.budget_notice": {
        "en": "Today's budget for paid models is spent: only the offline model guesses until midnight (UTC).",
        "de": "Das heutige Budget für die bezahlten Modelle ist aufgebraucht: Bis Mitternacht (UTC) rät nur das "
              "Offline-Modell.",
        "fr": "Le budget du jour pour les modèles payants est épuisé : seul le modèle hors ligne devine jusqu'à "
              "minuit (UTC).",
        "es": "El presupuesto de hoy para los modelos de pago se ha agotado: hasta medianoche (UTC) solo adivina "
              "el modelo sin conexión.",
        "it": "Il budget di oggi per i modelli a pagamento è esaurito: fino a mezzanotte (UTC) indovina solo il "
              "modello offline.",
    },
    "play.games_at_once_one": {
        "en": "At most {n} game runs at once", "de": "Höchstens {n} Spiel läuft gleichzeitig",
        "fr": "Au plus {n} partie se joue à la fois", "es": "Como máximo se juega {n} partida a la vez",
        "it": "Al massimo {n} partita si gioca alla volta",
    },
    "play.games_at_once_many": {
        "en": "At most {n} games run at once", "de": "Höchstens {n} Spiele laufen gleichzeitig",
        "fr": "Au plus {n} parties se jouent à la fois", "es": "Como máximo se juegan {n} partidas a la vez",
        "it": "Al massimo {n} partite si giocano alla volta",
    },
    "play.declined": {"en": "(declined to guess)", "de": "(hat das Raten abgelehnt)", "fr": "(a refusé de deviner)",
                      "es": "(se negó a adivinar)", "it": "(si è rifiutato di indovinare)"},
    "play.refusal": {"en": "refusal", "de": "Ablehnung", "fr": "refus", "es": "negativa", "it": "rifiuto"},
    "play.no_answer": {"en": "(no answer)", "de": "(keine Antwort)", "fr": "(pas de réponse)",
                       "es": "(sin respuesta)", "it": "(nessuna risposta)"},
    "play.col_at": {"en": "At (s)", "de": "Bei (s)", "fr": "À (s)", "es": "A los (s)", "it": "A (s)"},
    "play.col_who": {"en": "Who", "de": "Wer", "fr": "Qui", "es": "Quién", "it": "Chi"},
    "play.col_said": {"en": "Said", "de": "Sagte", "fr": "A dit", "es": "Dijo", "it": "Ha detto"},
    "play.col_why": {"en": "Why", "de": "Warum", "fr": "Pourquoi", "es": "Por qué", "it": "Perché"},
    "play.level.easy": {"en": "Easy", "de": "Leicht", "fr": "Facile", "es": "Fácil", "it": "Facile"},
    "play.level.medium": {"en": "Medium", "de": "Mittel", "fr": "Moyen", "es": "Media", "it": "Media"},
    "play.level.hard": {"en": "Hard", "de": "Schwer", "fr": "Difficile", "es": "Difícil", "it": "Difficile"},
    "play.level.any": {"en": "Any", "de": "Beliebig", "fr": "Toutes", "es": "Cualquiera", "it": "Qualsiasi"},
    "play.level_word": {"en": "{level} word", "de": "Wort: {level}", "fr": "Mot : {level}", "es": "Palabra: {level}",
                        "it": "Parola: {level}"},
    "play.pack": {"en": "{pack} pack", "de": "Paket {pack}", "fr": "paquet {pack}", "es": "paquete {pack}",
                  "it": "pacchetto {pack}"},
    "play.person": {"en": "{mark} {name} (person)", "de": "{mark} {name} (Mensch)", "fr": "{mark} {name} (personne)",
                    "es": "{mark} {name} (persona)", "it": "{mark} {name} (persona)"},
    "play.won_human": {
        "en": "{mark} {winner} guessed it in {seconds:.1f} s, ahead of the models!",
        "de": "{mark} {winner} hat es in {seconds:.1f} s erraten, vor den Modellen!",
        "fr": "{mark} {winner} a trouvé en {seconds:.1f} s, avant les modèles !",
        "es": "¡{mark} {winner} lo adivinó en {seconds:.1f} s, antes que los modelos!",
        "it": "{mark} {winner} l'ha indovinato in {seconds:.1f} s, prima dei modelli!",
    },
    "play.won": {"en": "{winner} got it in {seconds:.1f} s!", "de": "{winner} hat es in {seconds:.1f} s erraten!",
                 "fr": "{winner} a trouvé en {seconds:.1f} s !", "es": "¡{winner} lo adivinó en {seconds:.1f} s!",
                 "it": "{winner} l'ha indovinato in {seconds:.1f} s!"},
    "play.word_was": {"en": "The word was **{word}**.", "de": "Das Wort war **{word}**.",
                      "fr": "Le mot était **{word}**.", "es": "La palabra era **{word}**.",
                      "it": "La parola era **{word}**."},
    "play.timeout": {"en": "Time ran out!", "de": "Die Zeit ist abgelaufen!", "fr": "Le temps est écoulé !",
                     "es": "¡Se acabó el tiempo!", "it": "Il tempo è scaduto!"},
    "play.timeout_detail": {"en": "Nobody guessed it: the word was **{word}**.",
                            "de": "Niemand hat es erraten: Das Wort war **{word}**.",
                            "fr": "Personne n'a trouvé : le mot était **{word}**.",
                            "es": "Nadie lo adivinó: la palabra era **{word}**.",
                            "it": "Nessuno l'ha indovinato: la parola era **{word}**."},
    "play.quit": {"en": "You gave up.", "de": "Du hast aufgegeben.", "fr": "Vous avez abandonné.",
                  "es": "Te rendiste.", "it": "Ti sei arreso."},
    "play.abandoned": {"en": "This game was abandoned.", "de": "Dieses Spiel wurde abgebrochen.",
                       "fr": "Cette partie a été abandonnée.", "es": "Esta partida quedó abandonada.",
                       "it": "Questa partita è stata abbandonata."},
    "play.running": {"en": "The game is still running.", "de": "Das Spiel läuft noch.",
                     "fr": "La partie est encore en cours.", "es": "La partida sigue en curso.",
                     "it": "La partita è ancora in corso."},
    "play.written_note": {
        "en": "This game is not on the leaderboard: the word was written in the drawing (we read “{read}” on frame "
              "{frame}), and the models read letters very well.{confirmed} Draw it next time!",
        "de": "Dieses Spiel steht nicht in der Bestenliste: Das Wort wurde in die Zeichnung geschrieben (wir haben "
              "„{read}“ auf Bild {frame} gelesen), und die Modelle lesen Buchstaben sehr gut.{confirmed} Zeichne es "
              "beim nächsten Mal!",
        "fr": "Cette partie n'est pas au classement : le mot était écrit dans le dessin (nous avons lu « {read} » "
              "sur l'image {frame}), et les modèles lisent très bien les lettres.{confirmed} Dessinez-le la "
              "prochaine fois !",
        "es": "Esta partida no está en la clasificación: la palabra estaba escrita en el dibujo (leímos «{read}» "
              "en el fotograma {frame}) y los modelos leen muy bien las letras.{confirmed} ¡La próxima vez, "
              "dibújala!",
        "it": "Questa partita non è in classifica: la parola era scritta nel disegno (abbiamo letto «{read}» nel "
              "fotogramma {frame}) e i modelli leggono benissimo le lettere.{confirmed} La prossima volta "
              "disegnala!",
    },
    "play.written_confirmed": {"en": " An admin confirmed it.", "de": " Ein Admin hat es bestätigt.",
                               "fr": " Un administrateur l'a confirmé.", "es": " Un administrador lo confirmó.",
                               "it": " Un amministratore l'ha confermato."},
    "play.resting": {
        "en": "Several of your drawings were held for review (a model declined them, or the word was written in "
              "them), so new games and guesses are paused for you for about {minutes} min. Thank you for "
              "understanding!",
        "de": "Mehrere deiner Zeichnungen wurden zur Prüfung zurückgehalten (ein Modell hat sie abgelehnt, oder "
              "das Wort stand darin), deshalb sind neue Spiele und Tipps für dich etwa {minutes} Min. pausiert. "
              "Danke für dein Verständnis!",
        "fr": "Plusieurs de vos dessins ont été mis en attente de vérification (un modèle les a refusés, ou le "
              "mot y était écrit) : les nouvelles parties et propositions sont suspendues pour vous pendant "
              "environ {minutes} min. Merci de votre compréhension !",
        "es": "Varios de tus dibujos quedaron retenidos para revisión (un modelo los rechazó o la palabra estaba "
              "escrita en ellos), así que las partidas y respuestas nuevas quedan en pausa para ti durante unos "
              "{minutes} min. ¡Gracias por tu comprensión!",
        "it": "Diversi tuoi disegni sono stati trattenuti per una verifica (un modello li ha rifiutati, o la "
              "parola era scritta dentro), quindi nuove partite e risposte sono sospese per te per circa "
              "{minutes} min. Grazie per la comprensione!",
    },
}
MESSAGES.update({
    "play.choice.level_pack": {"en": "{level} words of the {pack} pack",
                               "de": "Wörter der Stufe {level} aus dem Paket {pack}",
                               "fr": "mots de niveau {level} du paquet {pack}",
                               "es": "palabras de nivel {level} del paquete {pack}",
                               "it": "parole di livello {level} del pacchetto {pack}"},
    "play.choice.level": {"en": "{level} words", "de": "Wörter der Stufe {level}", "fr": "mots de niveau {level}",
                          "es": "palabras de nivel {level}", "it": "parole di livello {level}"},
    "play.choice.pack": {"en": "words of the {pack} pack", "de": "Wörter aus dem Paket {pack}",
                         "fr": "mots du paquet {pack}", "es": "palabras del paquete {pack}",
                         "it": "parole del pacchetto {pack}"},
    "play.choice.any": {"en": "words", "de": "Wörter", "fr": "mots", "es": "palabras", "it": "parole"},
})
