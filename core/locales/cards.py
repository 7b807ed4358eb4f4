"""Messages of a game's share card (the 1200x630 picture a shared link unfurls with)."""

MESSAGES = {
    "cards.i_drew": {"en": "I drew", "de": "Meine Zeichnung", "fr": "J'ai dessiné", "es": "Dibujé",
                     "it": "Ho disegnato"},
    "cards.no_drawing": {"en": "No drawing to show", "de": "Keine Zeichnung zu sehen", "fr": "Aucun dessin à montrer",
                         "es": "No hay dibujo que mostrar", "it": "Nessun disegno da mostrare"},
    "cards.written": {
        "en": "The word was written in the drawing", "de": "Das Wort stand in der Zeichnung",
        "fr": "Le mot était écrit dans le dessin", "es": "La palabra estaba escrita en el dibujo",
        "it": "La parola era scritta nel disegno",
    },
}
