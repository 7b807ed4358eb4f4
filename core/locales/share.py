"""Messages of a shared game: the unfurled page's title and description, and the line posted with a link."""

MESSAGES = {
    "share.pitch": {
        "en": "Draw a word, and watch Claude, GPT, Gemini and our sketch model race to guess it.",
        "de": "Zeichne ein Wort und sieh zu, wie Claude, GPT, Gemini und unser Skizzenmodell um die Wette raten.",
        "fr": "Dessine un mot et regarde Claude, GPT, Gemini et notre modèle de croquis se disputer la bonne réponse.",
        "es": "Dibuja una palabra y mira cómo Claude, GPT, Gemini y nuestro modelo de bocetos compiten por adivinarla.",
        "it": "Disegna una parola e guarda Claude, GPT, Gemini e il nostro modello di schizzi sfidarsi a indovinarla.",
    },
    "share.written": {
        "en": "The word was written in the drawing, so this game is not on the leaderboard.",
        "de": "Das Wort stand in der Zeichnung, deshalb steht dieses Spiel nicht in der Bestenliste.",
        "fr": "Le mot était écrit dans le dessin : cette partie ne figure donc pas au classement.",
        "es": "La palabra estaba escrita en el dibujo, así que esta partida no aparece en la clasificación.",
        "it": "La parola era scritta nel disegno, quindi questa partita non è in classifica.",
    },
    "share.person": {
        "en": "{name} (a person in the room)", "de": "{name} (jemand im Raum)",
        "fr": "{name} (une personne dans la salle)", "es": "{name} (una persona de la sala)",
        "it": "{name} (una persona in sala)",
    },
    "share.somebody": {"en": "Somebody", "de": "Jemand", "fr": "Quelqu'un", "es": "Alguien", "it": "Qualcuno"},
    "share.a_model": {"en": "A model", "de": "Ein Modell", "fr": "Un modèle", "es": "Un modelo", "it": "Un modello"},
    "share.won_lead": {
        "en": "{winner} guessed it", "de": "{winner} hat es erraten", "fr": "{winner} l'a deviné",
        "es": "{winner} lo ha adivinado", "it": "{winner} l'ha indovinato",
    },
    "share.lost_lead": {
        "en": "Nobody guessed it", "de": "Niemand hat es erraten", "fr": "Personne ne l'a deviné",
        "es": "Nadie lo ha adivinado", "it": "Nessuno l'ha indovinato",
    },
    "share.in_seconds": {"en": "in {seconds} s", "de": "in {seconds} s", "fr": "en {seconds} s",
                         "es": "en {seconds} s", "it": "in {seconds} s"},
    "share.gave_up": {
        "en": "before I gave up", "de": "bevor ich aufgab", "fr": "avant que j'abandonne",
        "es": "antes de que me rindiera", "it": "prima che mi arrendessi",
    },
    "share.title_won": {
        "en": "{winner} guessed my {word} in {seconds} s",
        "de": "{winner} hat meine Zeichnung „{word}“ in {seconds} s erraten",
        "fr": "{winner} a deviné mon dessin « {word} » en {seconds} s",
        "es": "{winner} adivinó mi dibujo «{word}» en {seconds} s",
        "it": "{winner} ha indovinato il mio disegno «{word}» in {seconds} s",
    },
    "share.title_timeout": {
        "en": "Nobody guessed my {word} in {seconds} s",
        "de": "Niemand hat meine Zeichnung „{word}“ in {seconds} s erraten",
        "fr": "Personne n'a deviné mon dessin « {word} » en {seconds} s",
        "es": "Nadie adivinó mi dibujo «{word}» en {seconds} s",
        "it": "Nessuno ha indovinato il mio disegno «{word}» in {seconds} s",
    },
    "share.title_quit": {
        "en": "Nobody guessed my {word} before I gave up",
        "de": "Niemand hat meine Zeichnung „{word}“ erraten, bevor ich aufgab",
        "fr": "Personne n'a deviné mon dessin « {word} » avant que j'abandonne",
        "es": "Nadie adivinó mi dibujo «{word}» antes de que me rindiera",
        "it": "Nessuno ha indovinato il mio disegno «{word}» prima che mi arrendessi",
    },
    "share.title_lost": {
        "en": "Nobody guessed my {word}", "de": "Niemand hat meine Zeichnung „{word}“ erraten",
        "fr": "Personne n'a deviné mon dessin « {word} »", "es": "Nadie adivinó mi dibujo «{word}»",
        "it": "Nessuno ha indovinato il mio disegno «{word}»",
    },
    "share.also_guessed": {
        "en": "Also guessed: {guesses}.", "de": "Außerdem geraten: {guesses}.", "fr": "Autres propositions : {guesses}.",
        "es": "También propusieron: {guesses}.", "it": "Altre risposte: {guesses}.",
    },
    "share.image_alt": {"en": "{title}: the drawing", "de": "{title}: die Zeichnung", "fr": "{title} : le dessin",
                        "es": "{title}: el dibujo", "it": "{title}: il disegno"},
    "share.see_game": {
        "en": "See the game on {site}", "de": "Das Spiel auf {site} ansehen", "fr": "Voir la partie sur {site}",
        "es": "Ver la partida en {site}", "it": "Guarda la partita su {site}",
    },
    "share.text_won": {
        "en": "I drew “{word}” and {winner} guessed it in {seconds} s!",
        "de": "Ich habe „{word}“ gezeichnet und {winner} hat es in {seconds} s erraten!",
        "fr": "J'ai dessiné « {word} » et {winner} l'a deviné en {seconds} s !",
        "es": "¡Dibujé «{word}» y {winner} lo adivinó en {seconds} s!",
        "it": "Ho disegnato «{word}» e {winner} l'ha indovinato in {seconds} s!",
    },
    "share.text_lost": {
        "en": "I drew “{word}” and no model guessed it. Can you draw it better?",
        "de": "Ich habe „{word}“ gezeichnet und kein Modell hat es erraten. Kannst du es besser zeichnen?",
        "fr": "J'ai dessiné « {word} » et aucun modèle ne l'a deviné. Sauras-tu mieux le dessiner ?",
        "es": "Dibujé «{word}» y ningún modelo lo adivinó. ¿Sabes dibujarlo mejor?",
        "it": "Ho disegnato «{word}» e nessun modello l'ha indovinato. Sai disegnarlo meglio?",
    },
}
