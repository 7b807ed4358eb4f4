"""The Eval page (pages/5_Eval.py): replaying drawings against the guessers outside live games."""

MESSAGES = {
    "eval.page_title": {"en": "Pictionary Arena: eval", "de": "Pictionary Arena: Auswertung",
                        "fr": "Pictionary Arena : évaluation", "es": "Pictionary Arena: evaluación",
                        "it": "Pictionary Arena: valutazione"},
    "eval.title": {"en": "🧪 Eval", "de": "🧪 Auswertung", "fr": "🧪 Évaluation", "es": "🧪 Evaluación",
                   "it": "🧪 Valutazione"},
    "eval.intro": {
        "en": "Replays drawings frame by frame, as a live game would, and records when each guesser first gets it "
              "right. Runs with paid models cost money: they count toward the daily budget.",
        "de": "Spielt Zeichnungen Bild für Bild ab, wie in einem echten Spiel, und hält fest, wann jeder Rater zum "
              "ersten Mal richtig liegt. Läufe mit kostenpflichtigen Modellen kosten Geld: Sie zählen zum "
              "Tagesbudget.",
        "fr": "Rejoue des dessins image par image, comme dans une vraie partie, et note quand chaque devineur trouve "
              "pour la première fois. Les essais avec des modèles payants coûtent de l'argent : ils comptent dans "
              "le budget quotidien.",
        "es": "Reproduce dibujos fotograma a fotograma, como en una partida real, y anota cuándo acierta cada "
              "adivinador por primera vez. Las ejecuciones con modelos de pago cuestan dinero: cuentan para el "
              "presupuesto diario.",
        "it": "Riproduce i disegni fotogramma per fotogramma, come in una partita vera, e registra quando ogni "
              "indovino ci arriva per la prima volta. Le prove con modelli a pagamento costano: contano nel budget "
              "giornaliero."},
    "eval.no_results": {"en": "This run has no results.", "de": "Dieser Lauf hat keine Ergebnisse.",
                        "fr": "Cet essai n'a aucun résultat.", "es": "Esta ejecución no tiene resultados.",
                        "it": "Questa prova non ha risultati."},
    "eval.download": {"en": "Download the rows (CSV)", "de": "Die Zeilen herunterladen (CSV)",
                      "fr": "Télécharger les lignes (CSV)", "es": "Descargar las filas (CSV)",
                      "it": "Scarica le righe (CSV)"},
    "eval.new_run": {"en": "Run a new eval", "de": "Eine neue Auswertung starten", "fr": "Lancer une nouvelle évaluation",
                     "es": "Ejecutar una nueva evaluación", "it": "Avvia una nuova valutazione"},
    "eval.sign_in": {"en": "Running an eval can spend money: sign in on the Admin page first.",
                     "de": "Eine Auswertung kann Geld kosten: Melde dich zuerst auf der Admin-Seite an.",
                     "fr": "Une évaluation peut coûter de l'argent : connectez-vous d'abord sur la page Admin.",
                     "es": "Una evaluación puede costar dinero: primero inicia sesión en la página Admin.",
                     "it": "Una valutazione può costare: prima accedi dalla pagina Admin."},
    "eval.this_machine": {
        "en": "Running an eval can spend money, so while no admin password is set, evals run only from the server "
              "itself (open the app at http://localhost:8501 there). To let others run them, set `ADMIN_PASSWORD` in "
              "`.streamlit/secrets.toml` or the environment, restart the app, and sign in on the Admin page.",
        "de": "Eine Auswertung kann Geld kosten; solange kein Admin-Passwort gesetzt ist, laufen Auswertungen daher "
              "nur auf dem Server selbst (öffne die App dort unter http://localhost:8501). Damit auch andere sie "
              "starten können, setze `ADMIN_PASSWORD` in `.streamlit/secrets.toml` oder in der Umgebung, starte die "
              "App neu und melde dich auf der Admin-Seite an.",
        "fr": "Une évaluation peut coûter de l'argent : tant qu'aucun mot de passe admin n'est défini, les "
              "évaluations ne se lancent que depuis le serveur lui-même (ouvrez-y l'application sur "
              "http://localhost:8501). Pour que d'autres puissent les lancer, définissez `ADMIN_PASSWORD` dans "
              "`.streamlit/secrets.toml` ou dans l'environnement, redémarrez l'application et connectez-vous sur la "
              "page Admin.",
        "es": "Una evaluación puede costar dinero, así que mientras no haya contraseña de administrador solo se "
              "ejecuta desde el propio servidor (abre allí la aplicación en http://localhost:8501). Para que otros "
              "puedan ejecutarla, define `ADMIN_PASSWORD` en `.streamlit/secrets.toml` o en el entorno, reinicia la "
              "aplicación e inicia sesión en la página Admin.",
        "it": "Una valutazione può costare, quindi finché non è impostata una password di amministratore le "
              "valutazioni si avviano solo dal server stesso (apri lì l'app su http://localhost:8501). Per "
              "permettere ad altri di avviarle, imposta `ADMIN_PASSWORD` in `.streamlit/secrets.toml` o "
              "nell'ambiente, riavvia l'app e accedi dalla pagina Admin."},
    "eval.drawings": {"en": "Drawings", "de": "Zeichnungen", "fr": "Dessins", "es": "Dibujos", "it": "Disegni"},
    "eval.recorded_games": {"en": "Recorded games", "de": "Aufgezeichnete Spiele", "fr": "Parties enregistrées",
                            "es": "Partidas grabadas", "it": "Partite registrate"},
    "eval.stroke_file": {"en": "A stroke file", "de": "Eine Strichdatei", "fr": "Un fichier de traits",
                         "es": "Un archivo de trazos", "it": "Un file di tratti"},
    "eval.upload": {"en": "Quick, Draw! strokes (.ndjson or .ndjson.gz)",
                    "de": "Quick, Draw!-Striche (.ndjson oder .ndjson.gz)",
                    "fr": "Traits Quick, Draw! (.ndjson ou .ndjson.gz)",
                    "es": "Trazos de Quick, Draw! (.ndjson o .ndjson.gz)",
                    "it": "Tratti di Quick, Draw! (.ndjson o .ndjson.gz)"},
    "eval.upload_help": {"en": "Up to {limits}.", "de": "Bis zu {limits}.", "fr": "Jusqu'à {limits}.",
                         "es": "Hasta {limits}.", "it": "Fino a {limits}."},
    "eval.variants": {"en": "Variants", "de": "Varianten", "fr": "Variantes", "es": "Variantes", "it": "Varianti"},
    "eval.limit": {"en": "At most this many drawings", "de": "Höchstens so viele Zeichnungen",
                   "fr": "Au plus ce nombre de dessins", "es": "Como máximo esta cantidad de dibujos",
                   "it": "Al massimo questo numero di disegni"},
    "eval.max_usd": {"en": "Stop once this many dollars are spent", "de": "Anhalten, sobald so viele Dollar ausgegeben sind",
                     "fr": "S'arrêter une fois ce montant en dollars dépensé",
                     "es": "Parar cuando se hayan gastado estos dólares",
                     "it": "Fermarsi una volta spesi questi dollari"},
    "eval.run": {"en": "Run", "de": "Starten", "fr": "Lancer", "es": "Ejecutar", "it": "Avvia"},
    "eval.skipped": {"en": "Skipped {count} malformed line(s) in the file.",
                     "de": "{count} fehlerhafte Zeile(n) der Datei übersprungen.",
                     "fr": "{count} ligne(s) mal formée(s) du fichier ignorée(s).",
                     "es": "Se omitieron {count} línea(s) mal formada(s) del archivo.",
                     "it": "Saltate {count} righe malformate del file."},
    "eval.no_file": {"en": "choose a stroke file first", "de": "wähle zuerst eine Strichdatei",
                     "fr": "choisissez d'abord un fichier de traits", "es": "primero elige un archivo de trazos",
                     "it": "prima scegli un file di tratti"},
    "eval.no_drawing": {"en": "there is no drawing of a word in the word list to replay",
                        "de": "es gibt keine Zeichnung eines Worts aus der Wortliste zum Abspielen",
                        "fr": "il n'y a aucun dessin d'un mot de la liste à rejouer",
                        "es": "no hay ningún dibujo de una palabra de la lista para reproducir",
                        "it": "non c'è nessun disegno di una parola della lista da riprodurre"},
    "eval.starting": {"en": "Starting...", "de": "Wird gestartet...", "fr": "Démarrage...", "es": "Empezando...",
                      "it": "Avvio..."},
    "eval.progress": {"en": "{done} of {total} drawings", "de": "{done} von {total} Zeichnungen",
                      "fr": "{done} dessins sur {total}", "es": "{done} de {total} dibujos",
                      "it": "{done} disegni su {total}"},
    "eval.done": {"en": "Run {run}: {drawings} drawings, {usd}, {status}.",
                  "de": "Lauf {run}: {drawings} Zeichnungen, {usd}, {status}.",
                  "fr": "Essai {run} : {drawings} dessins, {usd}, {status}.",
                  "es": "Ejecución {run}: {drawings} dibujos, {usd}, {status}.",
                  "it": "Prova {run}: {drawings} disegni, {usd}, {status}."},
    "eval.failed": {"en": "Cannot run the eval: {error}", "de": "Die Auswertung kann nicht laufen: {error}",
                    "fr": "Impossible de lancer l'évaluation : {error}", "es": "No se puede ejecutar la evaluación: {error}",
                    "it": "Impossibile avviare la valutazione: {error}"},
    "eval.none": {"en": "No eval has run yet.", "de": "Es ist noch keine Auswertung gelaufen.",
                  "fr": "Aucune évaluation n'a encore été lancée.", "es": "Todavía no se ha ejecutado ninguna evaluación.",
                  "it": "Non è stata ancora avviata nessuna valutazione."},
    "eval.run_label": {"en": "run {run}: {source} · {drawings} drawings · {usd} · {status}",
                       "de": "Lauf {run}: {source} · {drawings} Zeichnungen · {usd} · {status}",
                       "fr": "essai {run} : {source} · {drawings} dessins · {usd} · {status}",
                       "es": "ejecución {run}: {source} · {drawings} dibujos · {usd} · {status}",
                       "it": "prova {run}: {source} · {drawings} disegni · {usd} · {status}"},
    "eval.pick_run": {"en": "Run", "de": "Lauf", "fr": "Essai", "es": "Ejecución", "it": "Prova"},
}
