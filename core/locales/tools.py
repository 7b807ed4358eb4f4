"""The drawing tools under the canvas (core/ui/canvas_tools.js): their names, read aloud and shown."""

MESSAGES = {
    "tools.group": {"en": "Drawing tools", "de": "Zeichenwerkzeuge", "fr": "Outils de dessin",
                    "es": "Herramientas de dibujo", "it": "Strumenti di disegno"},
    "tools.undo": {"en": "Undo", "de": "Rückgängig", "fr": "Annuler", "es": "Deshacer", "it": "Annulla"},
    "tools.redo": {"en": "Redo", "de": "Wiederholen", "fr": "Rétablir", "es": "Rehacer", "it": "Ripeti"},
    "tools.clear": {"en": "Clear", "de": "Löschen", "fr": "Effacer", "es": "Borrar", "it": "Cancella"},
    "tools.again": {"en": "Tap again", "de": "Nochmal tippen", "fr": "Touchez encore", "es": "Toca otra vez",
                    "it": "Tocca di nuovo"},
}
