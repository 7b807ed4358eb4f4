"""The Admin page (pages/7_Admin.py), and the last texts that were English only: the JSON routes' fixed answers
(core/web.py), the Eval summary's column the charts have no word for (pages/5_Eval.py), and the spend chart's yes and
no (core/charts.py)."""

MESSAGES = {
    "admin.page_title": {"en": "Pictionary Arena: admin", "de": "Pictionary Arena: Verwaltung",
                         "fr": "Pictionary Arena : administration", "es": "Pictionary Arena: administración",
                         "it": "Pictionary Arena: amministrazione"},
    "admin.title": {"en": "🔐 Admin", "de": "🔐 Verwaltung", "fr": "🔐 Administration", "es": "🔐 Administración",
                    "it": "🔐 Amministrazione"},
    "admin.off": {
        "en": "The admin views are off. Set `ADMIN_PASSWORD` in `.streamlit/secrets.toml` (or the environment) and "
              "restart the app to turn them on.",
        "de": "Die Verwaltung ist ausgeschaltet. Setze `ADMIN_PASSWORD` in `.streamlit/secrets.toml` (oder in der "
              "Umgebung) und starte die App neu, um sie einzuschalten.",
        "fr": "Les vues d'administration sont désactivées. Définissez `ADMIN_PASSWORD` dans "
              "`.streamlit/secrets.toml` (ou dans l'environnement) et redémarrez l'application pour les activer.",
        "es": "Las vistas de administración están desactivadas. Define `ADMIN_PASSWORD` en `.streamlit/secrets.toml` "
              "(o en el entorno) y reinicia la aplicación para activarlas.",
        "it": "Le viste di amministrazione sono disattivate. Imposta `ADMIN_PASSWORD` in `.streamlit/secrets.toml` "
              "(o nell'ambiente) e riavvia l'app per attivarle."},
    "admin.password": {"en": "Admin password", "de": "Admin-Passwort", "fr": "Mot de passe administrateur",
                       "es": "Contraseña de administrador", "it": "Password di amministratore"},
    "admin.sign_in": {"en": "Sign in", "de": "Anmelden", "fr": "Se connecter", "es": "Iniciar sesión",
                      "it": "Accedi"},
    "admin.paused": {
        "en": "Too many wrong passwords from your address: sign-in is paused. Try again in {wait} s.",
        "de": "Zu viele falsche Passwörter von deiner Adresse: Die Anmeldung ist pausiert. Versuch es in {wait} s "
              "noch einmal.",
        "fr": "Trop de mots de passe erronés depuis votre adresse : la connexion est suspendue. Réessayez dans "
              "{wait} s.",
        "es": "Demasiadas contraseñas incorrectas desde tu dirección: el inicio de sesión está en pausa. Vuelve a "
              "intentarlo dentro de {wait} s.",
        "it": "Troppe password sbagliate dal tuo indirizzo: l'accesso è sospeso. Riprova tra {wait} s."},
    "admin.wrong_wait": {
        "en": "That password is not right. After several wrong ones, sign-in from your address pauses: try again in "
              "{wait} s.",
        "de": "Das Passwort stimmt nicht. Nach mehreren falschen pausiert die Anmeldung von deiner Adresse: Versuch "
              "es in {wait} s noch einmal.",
        "fr": "Ce mot de passe n'est pas le bon. Après plusieurs erreurs, la connexion depuis votre adresse est "
              "suspendue : réessayez dans {wait} s.",
        "es": "Esa contraseña no es correcta. Tras varias incorrectas, el inicio de sesión desde tu dirección se "
              "pausa: vuelve a intentarlo dentro de {wait} s.",
        "it": "La password non è corretta. Dopo diversi errori, l'accesso dal tuo indirizzo viene sospeso: riprova "
              "tra {wait} s."},
    "admin.wrong": {"en": "That password is not right.", "de": "Das Passwort stimmt nicht.",
                    "fr": "Ce mot de passe n'est pas le bon.", "es": "Esa contraseña no es correcta.",
                    "it": "La password non è corretta."},
    # Drawings a model declined
    "admin.review_header": {"en": "Drawings waiting for review", "de": "Zeichnungen, die auf Prüfung warten",
                            "fr": "Dessins en attente de vérification", "es": "Dibujos pendientes de revisión",
                            "it": "Disegni in attesa di revisione"},
    "admin.nothing_to_review": {"en": "Nothing to review.", "de": "Nichts zu prüfen.", "fr": "Rien à vérifier.",
                                "es": "Nada que revisar.", "it": "Niente da rivedere."},
    "admin.declined_alt": {"en": "The declined drawing of {word}", "de": "Die abgelehnte Zeichnung von {word}",
                           "fr": "Le dessin refusé de {word}", "es": "El dibujo rechazado de {word}",
                           "it": "Il disegno rifiutato di {word}"},
    "admin.pending": {
        "en": "**{word}** · game `{game}` · {refusals} refusal(s) · player {player}",
        "de": "**{word}** · Spiel `{game}` · {refusals} Ablehnung(en) · Spieler {player}",
        "fr": "**{word}** · partie `{game}` · {refusals} refus · joueur {player}",
        "es": "**{word}** · partida `{game}` · {refusals} rechazo(s) · jugador {player}",
        "it": "**{word}** · partita `{game}` · {refusals} rifiuto/i · giocatore {player}"},
    "admin.anonymous": {"en": "anonymous", "de": "anonym", "fr": "anonyme", "es": "anónimo", "it": "anonimo"},
    "admin.why": {"en": "Why: {note}", "de": "Grund: {note}", "fr": "Pourquoi : {note}", "es": "Motivo: {note}",
                  "it": "Motivo: {note}"},
    "admin.refused": {"en": "refused", "de": "abgelehnt", "fr": "refusé", "es": "rechazado", "it": "rifiutato"},
    "admin.approve": {"en": "Approve: show it again", "de": "Freigeben: wieder zeigen",
                      "fr": "Approuver : le montrer à nouveau", "es": "Aprobar: volver a mostrarlo",
                      "it": "Approva: mostralo di nuovo"},
    "admin.keep_hidden": {"en": "Keep it hidden", "de": "Verborgen lassen", "fr": "Le garder caché",
                          "es": "Mantenerlo oculto", "it": "Tienilo nascosto"},
    # Words written in drawings
    "admin.written_header": {"en": "Words written in drawings", "de": "In Zeichnungen geschriebene Wörter",
                             "fr": "Mots écrits dans les dessins", "es": "Palabras escritas en los dibujos",
                             "it": "Parole scritte nei disegni"},
    "admin.writing_on": {"en": "Written-word checks are on.", "de": "Die Prüfung auf geschriebene Wörter ist an.",
                         "fr": "La détection des mots écrits est activée.",
                         "es": "La detección de palabras escritas está activada.",
                         "it": "Il controllo delle parole scritte è attivo."},
    "admin.writing_on_detail": {
        "en": "Written-word checks are on: {detail}.",
        "de": "Die Prüfung auf geschriebene Wörter ist an: {detail}.",
        "fr": "La détection des mots écrits est activée : {detail}.",
        "es": "La detección de palabras escritas está activada: {detail}.",
        "it": "Il controllo delle parole scritte è attivo: {detail}."},
    "admin.writing_off_setting": {
        "en": "Written-word checks are off: WRITTEN_WORD_CHECK is false.",
        "de": "Die Prüfung auf geschriebene Wörter ist aus: WRITTEN_WORD_CHECK ist false.",
        "fr": "La détection des mots écrits est désactivée : WRITTEN_WORD_CHECK vaut false.",
        "es": "La detección de palabras escritas está desactivada: WRITTEN_WORD_CHECK es false.",
        "it": "Il controllo delle parole scritte è disattivato: WRITTEN_WORD_CHECK è false."},
    "admin.writing_off_detail": {
        "en": "Written-word checks are off: {detail}.",
        "de": "Die Prüfung auf geschriebene Wörter ist aus: {detail}.",
        "fr": "La détection des mots écrits est désactivée : {detail}.",
        "es": "La detección de palabras escritas está desactivada: {detail}.",
        "it": "Il controllo delle parole scritte è disattivato: {detail}."},
    "admin.no_written": {"en": "No game has its word written in the drawing.",
                         "de": "In keinem Spiel steht das Wort in der Zeichnung.",
                         "fr": "Aucune partie n'a son mot écrit dans le dessin.",
                         "es": "Ninguna partida tiene su palabra escrita en el dibujo.",
                         "it": "Nessuna partita ha la sua parola scritta nel disegno."},
    "admin.frame": {"en": "frame {frame}", "de": "Bild {frame}", "fr": "image {frame}", "es": "fotograma {frame}",
                    "it": "fotogramma {frame}"},
    "admin.written_alt": {"en": "The drawing of {word} with the word written in it",
                          "de": "Die Zeichnung von {word}, in die das Wort geschrieben ist",
                          "fr": "Le dessin de {word} avec le mot écrit dedans",
                          "es": "El dibujo de {word} con la palabra escrita en él",
                          "it": "Il disegno di {word} con la parola scritta dentro"},
    "admin.verdict_confirmed": {"en": "confirmed", "de": "bestätigt", "fr": "confirmé", "es": "confirmado",
                                "it": "confermato"},
    "admin.verdict_cleared": {"en": "cleared: a false alarm", "de": "entlastet: ein Fehlalarm",
                              "fr": "levé : une fausse alerte", "es": "descartado: una falsa alarma",
                              "it": "archiviato: un falso allarme"},
    "admin.verdict_waiting": {"en": "waiting for review", "de": "wartet auf Prüfung", "fr": "en attente de vérification",
                              "es": "pendiente de revisión", "it": "in attesa di revisione"},
    "admin.written": {
        "en": "**{word}** · game `{game}` · read “{text}” · {verdict} · player {player}",
        "de": "**{word}** · Spiel `{game}` · gelesen „{text}“ · {verdict} · Spieler {player}",
        "fr": "**{word}** · partie `{game}` · lu « {text} » · {verdict} · joueur {player}",
        "es": "**{word}** · partida `{game}` · leído «{text}» · {verdict} · jugador {player}",
        "it": "**{word}** · partita `{game}` · letto «{text}» · {verdict} · giocatore {player}"},
    "admin.confirm": {"en": "Confirm: the word is written", "de": "Bestätigen: Das Wort steht da",
                      "fr": "Confirmer : le mot est écrit", "es": "Confirmar: la palabra está escrita",
                      "it": "Conferma: la parola è scritta"},
    "admin.clear": {"en": "Clear: a false alarm", "de": "Entlasten: ein Fehlalarm", "fr": "Lever : une fausse alerte",
                    "es": "Descartar: una falsa alarma", "it": "Archivia: un falso allarme"},
    # Word lists
    "admin.lists_header": {"en": "Word lists", "de": "Wortlisten", "fr": "Listes de mots", "es": "Listas de palabras",
                           "it": "Elenchi di parole"},
    "admin.scope_all": {"en": "for every game", "de": "für jedes Spiel", "fr": "pour toutes les parties",
                        "es": "para todas las partidas", "it": "per tutte le partite"},
    "admin.scope_room": {
        "en": "for the room's games only (players who came from presenter mode's QR code)",
        "de": "nur für die Spiele im Raum (Spieler, die über den QR-Code des Präsentationsmodus kamen)",
        "fr": "pour les parties de la salle seulement (les joueurs venus par le QR code du mode présentation)",
        "es": "solo para las partidas de la sala (jugadores que llegaron por el código QR del modo presentación)",
        "it": "solo per le partite della sala (giocatori arrivati dal codice QR della modalità presentazione)"},
    "admin.in_use_list": {
        "en": "In use: **{name}** {scope}, words.txt for the others.",
        "de": "In Gebrauch: **{name}** {scope}, words.txt für die anderen.",
        "fr": "En service : **{name}** {scope}, words.txt pour les autres.",
        "es": "En uso: **{name}** {scope}, words.txt para las demás.",
        "it": "In uso: **{name}** {scope}, words.txt per le altre."},
    "admin.in_use_default": {
        "en": "In use: **words.txt** ({count} words) for every game.",
        "de": "In Gebrauch: **words.txt** ({count} Wörter) für jedes Spiel.",
        "fr": "En service : **words.txt** ({count} mots) pour toutes les parties.",
        "es": "En uso: **words.txt** ({count} palabras) para todas las partidas.",
        "it": "In uso: **words.txt** ({count} parole) per tutte le partite."},
    "admin.list_format": {
        "en": "An event's own words, in the words.txt format: one word a line, aliases after `|`, `# pack: NAME` "
              "lines for packs, `#` comments. Checked exactly like words.txt.",
        "de": "Die eigenen Wörter einer Veranstaltung im Format von words.txt: ein Wort pro Zeile, Aliasse nach `|`, "
              "Zeilen `# pack: NAME` für Pakete, `#` für Kommentare. Geprüft genau wie words.txt.",
        "fr": "Les mots propres à un événement, au format de words.txt : un mot par ligne, les alias après `|`, des "
              "lignes `# pack: NAME` pour les paquets, `#` pour les commentaires. Vérifiés exactement comme words.txt.",
        "es": "Las palabras propias de un evento, en el formato de words.txt: una palabra por línea, los alias tras "
              "`|`, líneas `# pack: NAME` para los paquetes, `#` para los comentarios. Se comprueban igual que "
              "words.txt.",
        "it": "Le parole proprie di un evento, nel formato di words.txt: una parola per riga, gli alias dopo `|`, "
              "righe `# pack: NAME` per i pacchetti, `#` per i commenti. Controllate esattamente come words.txt."},
    "admin.list_name": {"en": "Name", "de": "Name", "fr": "Nom", "es": "Nombre", "it": "Nome"},
    "admin.list_name_example": {"en": "PyCon 2026", "de": "PyCon 2026", "fr": "PyCon 2026", "es": "PyCon 2026",
                                "it": "PyCon 2026"},
    "admin.paste": {"en": "Paste the words", "de": "Die Wörter einfügen", "fr": "Collez les mots",
                    "es": "Pega las palabras", "it": "Incolla le parole"},
    "admin.paste_example": {"en": "keynote\nbadge | lanyard\ncoffee", "de": "Keynote\nNamensschild | Umhängeband\nKaffee",
                            "fr": "conférence\nbadge | tour de cou\ncafé", "es": "ponencia\nacreditación | cordón\ncafé",
                            "it": "keynote\nbadge | laccetto\ncaffè"},
    "admin.upload": {
        "en": "...or upload a text file (at most {mb} MB of text once unpacked, {lines:,} lines, {line} a line)",
        "de": "...oder eine Textdatei hochladen (höchstens {mb} MB Text nach dem Entpacken, {lines} Zeilen, {line} "
              "pro Zeile)",
        "fr": "...ou envoyez un fichier texte (au plus {mb} Mo de texte une fois décompressé, {lines} lignes, {line} "
              "par ligne)",
        "es": "...o sube un archivo de texto (como máximo {mb} MB de texto una vez descomprimido, {lines} líneas, "
              "{line} por línea)",
        "it": "...oppure carica un file di testo (al massimo {mb} MB di testo una volta decompresso, {lines} righe, "
              "{line} per riga)"},
    "admin.add": {"en": "Add the list", "de": "Liste hinzufügen", "fr": "Ajouter la liste", "es": "Añadir la lista",
                  "it": "Aggiungi l'elenco"},
    "admin.added": {
        "en": "Added “{name}”. It is not in use yet: choose below who gets it.",
        "de": "„{name}“ hinzugefügt. Sie ist noch nicht in Gebrauch: Wähle unten, wer sie bekommt.",
        "fr": "« {name} » ajoutée. Elle n'est pas encore en service : choisissez ci-dessous qui la reçoit.",
        "es": "«{name}» añadida. Todavía no está en uso: elige abajo quién la recibe.",
        "it": "«{name}» aggiunto. Non è ancora in uso: scegli qui sotto chi lo riceve."},
    "admin.added_unknown": {
        "en": "The offline model does not know {count} of its words: it sits those games out (the vision models "
              "still guess them).",
        "de": "Das Offline-Modell kennt {count} ihrer Wörter nicht: Bei diesen Spielen setzt es aus (die "
              "Bildmodelle raten trotzdem mit).",
        "fr": "Le modèle hors ligne ne connaît pas {count} de ses mots : il ne joue pas ces parties (les modèles de "
              "vision les devinent quand même).",
        "es": "El modelo sin conexión no conoce {count} de sus palabras: no juega esas partidas (los modelos de "
              "visión sí las adivinan).",
        "it": "Il modello offline non conosce {count} delle sue parole: salta quelle partite (i modelli di visione "
              "le indovinano comunque)."},
    "admin.not_added": {"en": "The list was not added: {error}. Nothing else changed.",
                        "de": "Die Liste wurde nicht hinzugefügt: {error}. Sonst hat sich nichts geändert.",
                        "fr": "La liste n'a pas été ajoutée : {error}. Rien d'autre n'a changé.",
                        "es": "La lista no se añadió: {error}. Nada más ha cambiado.",
                        "it": "L'elenco non è stato aggiunto: {error}. Nient'altro è cambiato."},
    "admin.not_read": {"en": "The file was not read: {error}. Nothing else changed.",
                       "de": "Die Datei wurde nicht gelesen: {error}. Sonst hat sich nichts geändert.",
                       "fr": "Le fichier n'a pas été lu : {error}. Rien d'autre n'a changé.",
                       "es": "El archivo no se leyó: {error}. Nada más ha cambiado.",
                       "it": "Il file non è stato letto: {error}. Nient'altro è cambiato."},
    "admin.list_row": {"en": "**{name}**: {count} words", "de": "**{name}**: {count} Wörter",
                       "fr": "**{name}** : {count} mots", "es": "**{name}**: {count} palabras",
                       "it": "**{name}**: {count} parole"},
    "admin.list_row_in_use": {"en": "**{name}**: {count} words · in use {scope}",
                              "de": "**{name}**: {count} Wörter · in Gebrauch {scope}",
                              "fr": "**{name}** : {count} mots · en service {scope}",
                              "es": "**{name}**: {count} palabras · en uso {scope}",
                              "it": "**{name}**: {count} parole · in uso {scope}"},
    "admin.unknown_words": {"en": "Unknown to the offline model (it sits these out): {words}",
                            "de": "Dem Offline-Modell unbekannt (hier setzt es aus): {words}",
                            "fr": "Inconnus du modèle hors ligne (il ne joue pas ceux-ci) : {words}",
                            "es": "Desconocidas para el modelo sin conexión (no juega con estas): {words}",
                            "it": "Sconosciute al modello offline (queste le salta): {words}"},
    "admin.use_all": {"en": "Use for everyone", "de": "Für alle verwenden", "fr": "Utiliser pour tout le monde",
                      "es": "Usar para todos", "it": "Usa per tutti"},
    "admin.use_room": {"en": "Use for the room only", "de": "Nur für den Raum verwenden",
                       "fr": "Utiliser pour la salle seulement", "es": "Usar solo para la sala",
                       "it": "Usa solo per la sala"},
    "admin.delete": {"en": "Delete", "de": "Löschen", "fr": "Supprimer", "es": "Eliminar", "it": "Elimina"},
    "admin.delete_help": {
        "en": "A list in use cannot be deleted: switch back first. Its games keep their words.",
        "de": "Eine Liste in Gebrauch kann nicht gelöscht werden: Wechsle erst zurück. Ihre Spiele behalten ihre "
              "Wörter.",
        "fr": "Une liste en service ne peut pas être supprimée : revenez d'abord en arrière. Ses parties gardent "
              "leurs mots.",
        "es": "Una lista en uso no se puede eliminar: vuelve atrás primero. Sus partidas conservan sus palabras.",
        "it": "Un elenco in uso non si può eliminare: prima torna indietro. Le sue partite conservano le loro "
              "parole."},
    "admin.back_default": {"en": "Back to words.txt for every game", "de": "Zurück zu words.txt für jedes Spiel",
                           "fr": "Revenir à words.txt pour toutes les parties",
                           "es": "Volver a words.txt para todas las partidas",
                           "it": "Torna a words.txt per tutte le partite"},
    # What hosts and admins did
    "admin.audit_header": {"en": "What hosts and admins did", "de": "Was Moderation und Verwaltung getan haben",
                           "fr": "Ce qu'ont fait les hôtes et les administrateurs",
                           "es": "Lo que hicieron anfitriones y administradores",
                           "it": "Cosa hanno fatto conduttori e amministratori"},
    "admin.col_when": {"en": "When (UTC)", "de": "Wann (UTC)", "fr": "Quand (UTC)", "es": "Cuándo (UTC)",
                       "it": "Quando (UTC)"},
    "admin.col_who": {"en": "Who", "de": "Wer", "fr": "Qui", "es": "Quién", "it": "Chi"},
    "admin.col_did": {"en": "Did", "de": "Tat", "fr": "Action", "es": "Acción", "it": "Azione"},
    "admin.col_to": {"en": "To", "de": "Woran", "fr": "Cible", "es": "Sobre", "it": "Su"},
    "admin.col_detail": {"en": "Detail", "de": "Einzelheiten", "fr": "Détail", "es": "Detalle", "it": "Dettaglio"},
    "admin.audit_none": {
        "en": "Nothing yet: host actions (rules, removals, bans, approvals, hidden guesses and games) show here.",
        "de": "Noch nichts: Was die Moderation tut (Regeln, Entfernungen, Sperren, Freigaben, verborgene Tipps und "
              "Spiele), steht hier.",
        "fr": "Rien pour l'instant : les actions des hôtes (règles, exclusions, bannissements, approbations, "
              "propositions et parties masquées) s'affichent ici.",
        "es": "Nada todavía: las acciones de los anfitriones (reglas, expulsiones, bloqueos, aprobaciones, intentos "
              "y partidas ocultos) aparecen aquí.",
        "it": "Ancora niente: le azioni dei conduttori (regole, rimozioni, ban, approvazioni, tentativi e partite "
              "nascosti) compaiono qui."},
    # Data export
    "admin.export_header": {"en": "Data export", "de": "Datenexport", "fr": "Export des données",
                            "es": "Exportación de datos", "it": "Esportazione dei dati"},
    "admin.export_note": {
        "en": "CSV of each table (images as base64), or the whole database (SQLite: it opens in Datasette or the "
              "sqlite3 shell; the player-id key and the sign-in brake's records are left out).",
        "de": "CSV jeder Tabelle (Bilder als Base64) oder die ganze Datenbank (SQLite: Sie öffnet sich in Datasette "
              "oder der sqlite3-Shell; der Schlüssel der Spieler-IDs und die Einträge der Anmeldebremse fehlen).",
        "fr": "Un CSV par table (images en base64), ou la base de données entière (SQLite : elle s'ouvre dans "
              "Datasette ou le shell sqlite3 ; la clé des identifiants de joueurs et les traces du frein de connexion "
              "en sont exclues).",
        "es": "Un CSV de cada tabla (imágenes en base64) o la base de datos entera (SQLite: se abre en Datasette o en "
              "la consola sqlite3; quedan fuera la clave de los identificadores de jugador y los registros del freno "
              "de inicio de sesión).",
        "it": "Un CSV per ogni tabella (immagini in base64) o l'intero database (SQLite: si apre in Datasette o nella "
              "shell sqlite3; la chiave degli id dei giocatori e i registri del freno di accesso sono esclusi)."},
    "admin.export_db": {"en": "database (.zip)", "de": "Datenbank (.zip)", "fr": "base de données (.zip)",
                        "es": "base de datos (.zip)", "it": "database (.zip)"},
    "admin.postgres_copy": {"en": "A copy of the PostgreSQL database: `{command}`",
                            "de": "Eine Kopie der PostgreSQL-Datenbank: `{command}`",
                            "fr": "Une copie de la base PostgreSQL : `{command}`",
                            "es": "Una copia de la base de datos PostgreSQL: `{command}`",
                            "it": "Una copia del database PostgreSQL: `{command}`"},
    # The JSON routes' fixed answers (core/web.py ANSWERS), in the request's language
    "admin.api_no_such_game": {"en": "no such game", "de": "kein solches Spiel", "fr": "partie introuvable",
                               "es": "no existe esa partida", "it": "partita inesistente"},
    "admin.api_unknown_player": {"en": "unknown player", "de": "unbekannter Spieler", "fr": "joueur inconnu",
                                 "es": "jugador desconocido", "it": "giocatore sconosciuto"},
    "admin.api_not_running": {"en": "That game is not running.", "de": "Dieses Spiel läuft nicht.",
                              "fr": "Cette partie n'est pas en cours.", "es": "Esa partida no está en curso.",
                              "it": "Quella partita non è in corso."},
    "admin.api_database": {"en": "We could not do that just now: please try again.",
                           "de": "Das hat gerade nicht geklappt: Bitte versuch es noch einmal.",
                           "fr": "Cela n'a pas pu se faire pour le moment : veuillez réessayer.",
                           "es": "No hemos podido hacerlo ahora mismo: inténtalo de nuevo, por favor.",
                           "it": "Non è stato possibile farlo in questo momento: riprova, per favore."},
    # The Eval summary's one column the eval charts have no word for (the others are stats.chart_*)
    "admin.eval_shown_when_right": {"en": "Strokes shown when first right",
                                    "de": "Gezeigte Striche beim ersten Treffer",
                                    "fr": "Traits montrés au premier succès",
                                    "es": "Trazos mostrados al primer acierto",
                                    "it": "Tratti mostrati al primo centro"},
    # The spend chart's legend and tooltip: a day over budget, or not
    "admin.chart_yes": {"en": "yes", "de": "ja", "fr": "oui", "es": "sí", "it": "sì"},
    "admin.chart_no": {"en": "no", "de": "nein", "fr": "non", "es": "no", "it": "no"},
}
