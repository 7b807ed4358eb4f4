"""The play page (Home.py): the pitch, the queue, the running game and the result."""

MESSAGES = {
    "home.cannot_start": {"en": "The app could not start: {error}", "de": "Die App konnte nicht starten: {error}",
                          "fr": "L'application n'a pas pu démarrer : {error}",
                          "es": "La aplicación no pudo arrancar: {error}", "it": "L'app non è riuscita ad avviarsi: {error}"},
    "home.pack_gone": {
        "en": "That pack is not in the word list in use any more: pick another one.",
        "de": "Dieses Paket ist nicht mehr in der aktuellen Wortliste: Wähle ein anderes.",
        "fr": "Ce paquet ne fait plus partie de la liste de mots utilisée : choisissez-en un autre.",
        "es": "Ese paquete ya no está en la lista de palabras en uso: elige otro.",
        "it": "Quel pacchetto non è più nella lista di parole in uso: scegline un altro.",
    },
    "home.no_words_left": {
        "en": "You have drawn every one of our {what}. Thank you for playing so much! Pick another pack or difficulty.",
        "de": "Du hast schon alle unsere {what} gezeichnet. Danke, dass du so viel spielst! Wähle ein anderes Paket "
              "oder eine andere Schwierigkeit.",
        "fr": "Vous avez déjà dessiné tous nos {what}. Merci d'avoir autant joué ! Choisissez un autre paquet ou une "
              "autre difficulté.",
        "es": "Ya has dibujado todas nuestras {what}. ¡Gracias por jugar tanto! Elige otro paquete u otra dificultad.",
        "it": "Hai già disegnato tutte le nostre {what}. Grazie per aver giocato così tanto! Scegli un altro "
              "pacchetto o un'altra difficoltà.",
    },
    "home.too_many_seats": {
        "en": "Several games are already queued or running from your network, so this one has to wait until one ends.",
        "de": "Aus deinem Netzwerk warten oder laufen schon mehrere Spiele, deshalb muss dieses warten, bis eines "
              "endet.",
        "fr": "Plusieurs parties sont déjà en attente ou en cours depuis votre réseau : celle-ci doit attendre que "
              "l'une d'elles se termine.",
        "es": "Desde tu red ya hay varias partidas en cola o en juego, así que esta tiene que esperar a que termine "
              "una.",
        "it": "Dalla tua rete ci sono già diverse partite in coda o in corso, quindi questa deve aspettare che ne "
              "finisca una.",
    },
    "home.title": {"en": "🎨 Pictionary Arena", "de": "🎨 Pictionary Arena", "fr": "🎨 Pictionary Arena",
                   "es": "🎨 Pictionary Arena", "it": "🎨 Pictionary Arena"},
    "home.tagline": {
        "en": "Draw the secret word. AI models race to guess it *while you draw*.",
        "de": "Zeichne das geheime Wort. KI-Modelle wetteifern darum, es zu erraten, *während du zeichnest*.",
        "fr": "Dessinez le mot secret. Des modèles d'IA font la course pour le deviner *pendant que vous "
              "dessinez*.",
        "es": "Dibuja la palabra secreta. Los modelos de IA compiten por adivinarla *mientras dibujas*.",
        "it": "Disegna la parola segreta. I modelli di IA fanno a gara a indovinarla *mentre disegni*.",
    },
    "home.pitch": {
        "en": "A game lasts {seconds:.0f} seconds. The first model to name your word wins, and the fastest games "
              "make the leaderboard.",
        "de": "Ein Spiel dauert {seconds:.0f} Sekunden. Das erste Modell, das dein Wort nennt, gewinnt, und die "
              "schnellsten Spiele kommen in die Bestenliste.",
        "fr": "Une partie dure {seconds:.0f} secondes. Le premier modèle qui nomme votre mot gagne, et les parties "
              "les plus rapides entrent au classement.",
        "es": "Una partida dura {seconds:.0f} segundos. Gana el primer modelo que diga tu palabra, y las partidas "
              "más rápidas entran en la clasificación.",
        "it": "Una partita dura {seconds:.0f} secondi. Vince il primo modello che nomina la tua parola, e le "
              "partite più veloci entrano in classifica.",
    },
    "home.words": {"en": "Words", "de": "Wörter", "fr": "Mots", "es": "Palabras", "it": "Parole"},
    "home.any_pack": {"en": "Any pack", "de": "Beliebiges Paket", "fr": "N'importe quel paquet",
                      "es": "Cualquier paquete", "it": "Qualsiasi pacchetto"},
    "home.difficulty": {"en": "Difficulty", "de": "Schwierigkeit", "fr": "Difficulté", "es": "Dificultad",
                        "it": "Difficoltà"},
    "home.play": {"en": "▶️ Play", "de": "▶️ Spielen", "fr": "▶️ Jouer", "es": "▶️ Jugar", "it": "▶️ Gioca"},
    "home.playing_today": {"en": "Playing today", "de": "Heute spielen", "fr": "Au programme aujourd'hui",
                           "es": "Juegan hoy", "it": "Oggi giocano"},
    "home.latest_games": {"en": "Latest games", "de": "Neueste Spiele", "fr": "Dernières parties",
                          "es": "Últimas partidas", "it": "Ultime partite"},
    "home.in_queue": {"en": "⏳ You are in the queue", "de": "⏳ Du bist in der Warteschlange",
                      "fr": "⏳ Vous êtes dans la file d'attente", "es": "⏳ Estás en la cola",
                      "it": "⏳ Sei in coda"},
    "home.cap": {"en": "{cap}, to keep the models' bill in check.",
                 "de": "{cap}, damit die Rechnung für die Modelle im Rahmen bleibt.",
                 "fr": "{cap}, pour garder la facture des modèles sous contrôle.",
                 "es": "{cap}, para mantener a raya la factura de los modelos.",
                 "it": "{cap}, per tenere sotto controllo il conto dei modelli."},
    "home.leave_queue": {"en": "Leave the queue", "de": "Warteschlange verlassen", "fr": "Quitter la file",
                         "es": "Salir de la cola", "it": "Esci dalla coda"},
    "home.draw_word": {"en": "## ✏️ Draw: **{word}**", "de": "## ✏️ Zeichne: **{word}**",
                       "fr": "## ✏️ Dessinez : **{word}**", "es": "## ✏️ Dibuja: **{word}**",
                       "it": "## ✏️ Disegna: **{word}**"},
    "home.other_tab": {
        "en": "This game is being drawn in another tab or window: strokes made here are not sent.",
        "de": "Dieses Spiel wird in einem anderen Tab oder Fenster gezeichnet: Striche von hier werden nicht "
              "gesendet.",
        "fr": "Cette partie est dessinée dans un autre onglet ou une autre fenêtre : les traits faits ici ne sont "
              "pas envoyés.",
        "es": "Esta partida se está dibujando en otra pestaña o ventana: los trazos hechos aquí no se envían.",
        "it": "Questa partita si sta disegnando in un'altra scheda o finestra: i tratti fatti qui non vengono "
              "inviati.",
    },
    "home.models_watching": {"en": "The models are watching your canvas...",
                             "de": "Die Modelle beobachten deine Leinwand ...",
                             "fr": "Les modèles regardent votre toile...",
                             "es": "Los modelos están mirando tu lienzo...",
                             "it": "I modelli stanno guardando la tua tela..."},
    "home.give_up": {"en": "🏳️ Give up", "de": "🏳️ Aufgeben", "fr": "🏳️ Abandonner", "es": "🏳️ Rendirse",
                     "it": "🏳️ Arrenditi"},
    "home.play_again": {"en": "🔁 Play again", "de": "🔁 Nochmal spielen", "fr": "🔁 Rejouer",
                        "es": "🔁 Jugar otra vez", "it": "🔁 Gioca ancora"},
    "home.next_any_pack": {"en": "Next word: any pack, {level} difficulty",
                           "de": "Nächstes Wort: beliebiges Paket, Schwierigkeit {level}",
                           "fr": "Mot suivant : n'importe quel paquet, difficulté {level}",
                           "es": "Siguiente palabra: cualquier paquete, dificultad {level}",
                           "it": "Prossima parola: qualsiasi pacchetto, difficoltà {level}"},
    "home.next_pack": {"en": "Next word: the {pack} pack, {level} difficulty",
                       "de": "Nächstes Wort: Paket {pack}, Schwierigkeit {level}",
                       "fr": "Mot suivant : paquet {pack}, difficulté {level}",
                       "es": "Siguiente palabra: paquete {pack}, dificultad {level}",
                       "it": "Prossima parola: pacchetto {pack}, difficoltà {level}"},
    "home.nickname": {"en": "Your nickname for the leaderboard", "de": "Dein Spitzname für die Bestenliste",
                      "fr": "Votre pseudo pour le classement", "es": "Tu apodo para la clasificación",
                      "it": "Il tuo soprannome per la classifica"},
    "home.save": {"en": "Save", "de": "Speichern", "fr": "Enregistrer", "es": "Guardar", "it": "Salva"},
    "home.saved": {"en": "Saved!", "de": "Gespeichert!", "fr": "Enregistré !", "es": "¡Guardado!",
                   "it": "Salvato!"},
    "home.the_drawing": {"en": "The drawing", "de": "Die Zeichnung", "fr": "Le dessin", "es": "El dibujo",
                         "it": "Il disegno"},
    "home.frame": {"en": "frame {seq}", "de": "Bild {seq}", "fr": "image {seq}", "es": "fotograma {seq}",
                   "it": "fotogramma {seq}"},
    "home.no_drawing": {"en": "No drawing was recorded for this game.",
                        "de": "Für dieses Spiel wurde keine Zeichnung aufgezeichnet.",
                        "fr": "Aucun dessin n'a été enregistré pour cette partie.",
                        "es": "No se grabó ningún dibujo en esta partida.",
                        "it": "Per questa partita non è stato registrato alcun disegno."},
    "home.who_guessed": {"en": "Who guessed what", "de": "Wer was geraten hat", "fr": "Qui a deviné quoi",
                         "es": "Quién dijo qué", "it": "Chi ha detto cosa"},
    "home.no_guesses": {"en": "Nobody guessed anything in this game.",
                        "de": "In diesem Spiel hat niemand etwas geraten.",
                        "fr": "Personne n'a rien proposé dans cette partie.",
                        "es": "Nadie adivinó nada en esta partida.",
                        "it": "In questa partita nessuno ha provato a indovinare."},
    "home.open_game": {"en": "Open this game's page", "de": "Seite dieses Spiels öffnen",
                       "fr": "Ouvrir la page de cette partie", "es": "Abrir la página de esta partida",
                       "it": "Apri la pagina di questa partita"},
}
