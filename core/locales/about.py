"""The About page (pages/6_About.py): the game, how the models are asked, word difficulty, storage, credits."""

MESSAGES = {
    "about.page_title": {"en": "Pictionary Arena: about", "de": "Pictionary Arena: Über das Spiel",
                         "fr": "Pictionary Arena : à propos", "es": "Pictionary Arena: acerca de",
                         "it": "Pictionary Arena: informazioni"},
    "about.title": {"en": "ℹ️ About Pictionary Arena", "de": "ℹ️ Über Pictionary Arena",
                    "fr": "ℹ️ À propos de Pictionary Arena", "es": "ℹ️ Acerca de Pictionary Arena",
                    "it": "ℹ️ Informazioni su Pictionary Arena"},
    "about.intro": {
        "en": "You draw a secret word; vision models race to name it **while you are still drawing**. A game lasts "
              "{seconds:.0f} seconds; the first model to name the word wins, and the time it took is the game's "
              "score. {cap} (to keep the bill in check); other players wait in a queue. It is inspired by "
              "Answer.AI's \"Moodle\" game.",
        "de": "Du zeichnest ein geheimes Wort; Bildmodelle wetteifern darum, es zu nennen, **während du noch "
              "zeichnest**. Ein Spiel dauert {seconds:.0f} Sekunden; das erste Modell, das das Wort nennt, gewinnt, "
              "und die Zeit, die es brauchte, ist das Ergebnis des Spiels. {cap} (damit die Rechnung im Rahmen "
              "bleibt); andere Spieler warten in einer Schlange. Inspiriert ist es vom Spiel „Moodle“ von Answer.AI.",
        "fr": "Vous dessinez un mot secret ; des modèles de vision font la course pour le nommer **pendant que "
              "vous dessinez encore**. Une partie dure {seconds:.0f} secondes ; le premier modèle qui nomme le mot "
              "gagne, et le temps qu'il a mis est le score de la partie. {cap} (pour maîtriser la facture) ; les "
              "autres joueurs attendent dans une file. Le jeu s'inspire de « Moodle » d'Answer.AI.",
        "es": "Dibujas una palabra secreta; los modelos de visión compiten por nombrarla **mientras aún estás "
              "dibujando**. Una partida dura {seconds:.0f} segundos; gana el primer modelo que dice la palabra, y "
              "el tiempo que tardó es la puntuación de la partida. {cap} (para controlar la factura); los demás "
              "jugadores esperan en una cola. Se inspira en el juego «Moodle» de Answer.AI.",
        "it": "Disegni una parola segreta; i modelli di visione fanno a gara a nominarla **mentre stai ancora "
              "disegnando**. Una partita dura {seconds:.0f} secondi; vince il primo modello che dice la parola, e "
              "il tempo impiegato è il punteggio della partita. {cap} (per tenere sotto controllo il conto); gli "
              "altri giocatori aspettano in coda. Si ispira al gioco «Moodle» di Answer.AI.",
    },
    "about.who_plays": {"en": "Who plays", "de": "Wer spielt", "fr": "Qui joue", "es": "Quién juega",
                        "it": "Chi gioca"},
    "about.how_asked": {"en": "How the models are asked", "de": "Wie die Modelle gefragt werden",
                        "fr": "Comment on interroge les modèles", "es": "Cómo se pregunta a los modelos",
                        "it": "Come vengono interrogati i modelli"},
    "about.how_asked_body": {
        "en": "Every model gets the same single message, with no system prompt: the drawing, cropped to the ink, in "
              "greyscale and at most {side} px on its long side, followed by this text. A model answers again when "
              "the drawing has changed: its first {fast} guesses of a game at most once every {min_interval:g} s, "
              "then less and less often (up to {max_interval:g} s apart, and later for a small change), at most "
              "{max_guesses} times a game; the offline model guesses every change. Reasoning or \"thinking\" is "
              "switched off or set to its minimum.",
        "de": "Jedes Modell bekommt dieselbe einzelne Nachricht, ohne Systemprompt: die Zeichnung, auf die Striche "
              "zugeschnitten, in Graustufen und höchstens {side} px an der langen Seite, gefolgt von diesem Text. "
              "Ein Modell antwortet erneut, wenn sich die Zeichnung verändert hat: seine ersten {fast} Tipps eines "
              "Spiels höchstens alle {min_interval:g} s, danach immer seltener (bis zu {max_interval:g} s Abstand, "
              "bei einer kleinen Änderung später), höchstens {max_guesses}-mal pro Spiel; das Offline-Modell rät "
              "bei jeder Änderung. Schlussfolgern oder „Denken“ ist ausgeschaltet oder auf das Minimum gesetzt.",
        "fr": "Chaque modèle reçoit le même message unique, sans prompt système : le dessin, recadré sur le trait, "
              "en niveaux de gris et d'au plus {side} px sur son grand côté, suivi de ce texte. Un modèle répond à "
              "nouveau quand le dessin a changé : ses {fast} premières propositions d'une partie au plus une fois "
              "toutes les {min_interval:g} s, puis de moins en moins souvent (jusqu'à {max_interval:g} s d'écart, "
              "et plus tard pour un petit changement), au plus {max_guesses} fois par partie ; le modèle hors ligne "
              "devine à chaque changement. Le raisonnement (« thinking ») est désactivé ou réglé au minimum.",
        "es": "Cada modelo recibe el mismo mensaje único, sin prompt de sistema: el dibujo, recortado al trazo, en "
              "escala de grises y con un máximo de {side} px en su lado largo, seguido de este texto. Un modelo "
              "vuelve a responder cuando el dibujo ha cambiado: sus primeras {fast} respuestas de una partida como "
              "mucho una vez cada {min_interval:g} s, luego cada vez con menos frecuencia (hasta {max_interval:g} s "
              "de separación, y más tarde si el cambio es pequeño), como máximo {max_guesses} veces por partida; el "
              "modelo sin conexión adivina en cada cambio. El razonamiento («thinking») está desactivado o al "
              "mínimo.",
        "it": "Ogni modello riceve lo stesso unico messaggio, senza prompt di sistema: il disegno, ritagliato sul "
              "tratto, in scala di grigi e al massimo {side} px sul lato lungo, seguito da questo testo. Un modello "
              "risponde di nuovo quando il disegno è cambiato: le sue prime {fast} risposte di una partita al "
              "massimo una volta ogni {min_interval:g} s, poi sempre più di rado (fino a {max_interval:g} s di "
              "distanza, e più tardi per un piccolo cambiamento), al massimo {max_guesses} volte a partita; il "
              "modello offline prova a ogni cambiamento. Il ragionamento («thinking») è spento o al minimo.",
    },
    "about.example_line": {"en": "Once some guesses have been made, a line is added, for example:",
                           "de": "Sobald einige Tipps abgegeben wurden, kommt eine Zeile hinzu, zum Beispiel:",
                           "fr": "Une fois quelques propositions faites, une ligne est ajoutée, par exemple :",
                           "es": "Cuando ya hay algunas respuestas, se añade una línea, por ejemplo:",
                           "it": "Dopo alcune risposte si aggiunge una riga, per esempio:"},
    "about.judge_rule": {
        "en": "A reply counts when it names the word or one of its aliases: case, punctuation, Markdown, articles "
              "and plurals do not matter, but a different word that contains it (\"school bus\" for \"bus\") does "
              "not count.",
        "de": "Eine Antwort zählt, wenn sie das Wort oder einen seiner Alias-Namen nennt: Groß- und "
              "Kleinschreibung, Satzzeichen, Markdown, Artikel und Plural spielen keine Rolle, aber ein anderes "
              "Wort, das es enthält („Schulbus“ für „Bus“), zählt nicht.",
        "fr": "Une réponse compte quand elle nomme le mot ou l'un de ses alias : la casse, la ponctuation, le "
              "Markdown, les articles et le pluriel n'importent pas, mais un autre mot qui le contient (« bus "
              "scolaire » pour « bus ») ne compte pas.",
        "es": "Una respuesta cuenta cuando nombra la palabra o uno de sus alias: mayúsculas, puntuación, Markdown, "
              "artículos y plurales no importan, pero otra palabra que la contiene («autobús escolar» por "
              "«autobús») no cuenta.",
        "it": "Una risposta vale quando nomina la parola o uno dei suoi alias: maiuscole, punteggiatura, Markdown, "
              "articoli e plurali non contano, ma una parola diversa che la contiene («scuolabus» per «bus») non "
              "vale.",
    },
    "about.how_hard": {"en": "How hard a word is", "de": "Wie schwer ein Wort ist", "fr": "La difficulté d'un mot",
                       "es": "Lo difícil que es una palabra", "it": "Quanto è difficile una parola"},
    "about.how_hard_body": {
        "en": "Every word is **Easy**, **Medium** or **Hard**, measured, not chosen by taste. Its *ease* is the "
              "share of drawings in which it was recognized, times the share of the time still left when it was "
              "(the median). We first measured it with our offline model on Quick, Draw! drawings by people outside "
              "our training data (a drawing there gets {quickdraw:.0f} s), then split the words in thirds: ease at "
              "least {easy_from:.2f} is Easy, below {hard_below:.2f} Hard. Once a word has {min_games} finished "
              "games here, their ease (how often it was guessed, and how soon in the game) counts too, the model's "
              "measure weighing as much as {prior_games} games; so a word moves level when play says so. Words the "
              "offline model does not know (in an event list) get a level from their games alone. Before you play, "
              "you may pick a difficulty and a pack; you never get a word you already drew in that choice.",
        "de": "Jedes Wort ist **Leicht**, **Mittel** oder **Schwer**, gemessen und nicht nach Geschmack gewählt. "
              "Seine *Leichtigkeit* ist der Anteil der Zeichnungen, in denen es erkannt wurde, mal dem Anteil der "
              "Zeit, die dabei noch übrig war (Median). Zuerst haben wir sie mit unserem Offline-Modell an "
              "Quick, Draw!-Zeichnungen von Menschen außerhalb unserer Trainingsdaten gemessen (dort hat eine "
              "Zeichnung {quickdraw:.0f} s), dann die Wörter in Drittel geteilt: Leichtigkeit ab {easy_from:.2f} "
              "ist Leicht, unter {hard_below:.2f} Schwer. Sobald ein Wort hier {min_games} beendete Spiele hat, "
              "zählt auch deren Leichtigkeit (wie oft es erraten wurde und wie früh im Spiel), wobei die Messung "
              "des Modells so viel wiegt wie {prior_games} Spiele; so wechselt ein Wort die Stufe, wenn das Spiel "
              "es zeigt. Wörter, die das Offline-Modell nicht kennt (in einer Veranstaltungsliste), bekommen ihre "
              "Stufe allein aus ihren Spielen. Vor dem Spiel kannst du eine Schwierigkeit und ein Paket wählen; du "
              "bekommst nie ein Wort, das du in dieser Auswahl schon gezeichnet hast.",
        "fr": "Chaque mot est **Facile**, **Moyen** ou **Difficile** : c'est mesuré, pas choisi au goût. Sa "
              "*facilité* est la part des dessins dans lesquels il a été reconnu, multipliée par la part du temps "
              "qui restait alors (la médiane). Nous l'avons d'abord mesurée avec notre modèle hors ligne sur des "
              "dessins de Quick, Draw! faits par des personnes hors de nos données d'entraînement (un dessin y "
              "dispose de {quickdraw:.0f} s), puis nous avons réparti les mots en tiers : une facilité d'au moins "
              "{easy_from:.2f} est Facile, en dessous de {hard_below:.2f} Difficile. Dès qu'un mot compte ici "
              "{min_games} parties terminées, leur facilité (combien de fois il a été deviné, et à quel moment de "
              "la partie) compte aussi, la mesure du modèle pesant autant que {prior_games} parties ; un mot change "
              "donc de niveau quand le jeu le montre. Les mots que le modèle hors ligne ne connaît pas (dans une "
              "liste d'événement) reçoivent un niveau d'après leurs seules parties. Avant de jouer, vous pouvez "
              "choisir une difficulté et un paquet ; vous n'aurez jamais un mot déjà dessiné dans ce choix.",
        "es": "Cada palabra es **Fácil**, **Media** o **Difícil**: se mide, no se elige a gusto. Su *facilidad* es "
              "la proporción de dibujos en los que se reconoció, por la proporción del tiempo que aún quedaba "
              "cuando se reconoció (la mediana). Primero la medimos con nuestro modelo sin conexión en dibujos de "
              "Quick, Draw! hechos por personas ajenas a nuestros datos de entrenamiento (allí un dibujo tiene "
              "{quickdraw:.0f} s) y luego dividimos las palabras en tercios: una facilidad de al menos "
              "{easy_from:.2f} es Fácil, por debajo de {hard_below:.2f} Difícil. Cuando una palabra tiene aquí "
              "{min_games} partidas terminadas, su facilidad (cuántas veces se adivinó y cuán pronto en la partida) "
              "también cuenta, y la medida del modelo pesa tanto como {prior_games} partidas; así una palabra cambia "
              "de nivel cuando el juego lo indica. Las palabras que el modelo sin conexión no conoce (en una lista "
              "de evento) reciben su nivel solo de sus partidas. Antes de jugar puedes elegir una dificultad y un "
              "paquete; nunca te toca una palabra que ya dibujaste con esa elección.",
        "it": "Ogni parola è **Facile**, **Media** o **Difficile**: è misurato, non scelto a gusto. La sua "
              "*facilità* è la quota di disegni in cui è stata riconosciuta, per la quota di tempo che restava in "
              "quel momento (la mediana). L'abbiamo prima misurata con il nostro modello offline su disegni di "
              "Quick, Draw! fatti da persone fuori dai nostri dati di addestramento (lì un disegno ha "
              "{quickdraw:.0f} s), poi abbiamo diviso le parole in terzi: una facilità di almeno {easy_from:.2f} è "
              "Facile, sotto {hard_below:.2f} Difficile. Quando una parola ha qui {min_games} partite finite, conta "
              "anche la loro facilità (quante volte è stata indovinata e quanto presto nella partita), e la misura "
              "del modello pesa quanto {prior_games} partite; così una parola cambia livello quando il gioco lo "
              "dice. Le parole che il modello offline non conosce (in una lista di un evento) ricevono il livello "
              "solo dalle loro partite. Prima di giocare puoi scegliere una difficoltà e un pacchetto; non ti "
              "capiterà mai una parola che hai già disegnato con quella scelta.",
    },
    "about.words_of": {"en": "The words of {name}", "de": "Die Wörter von {name}", "fr": "Les mots de {name}",
                       "es": "Las palabras de {name}", "it": "Le parole di {name}"},
    "about.level_count": {"en": "{level}: {count} words", "de": "{level}: {count} Wörter",
                          "fr": "{level} : {count} mots", "es": "{level}: {count} palabras",
                          "it": "{level}: {count} parole"},
    "about.not_rated": {"en": "Not rated yet", "de": "Noch nicht eingestuft", "fr": "Pas encore évalués",
                        "es": "Aún sin nivel", "it": "Non ancora valutate"},
    "about.none": {"en": "none", "de": "keine", "fr": "aucun", "es": "ninguna", "it": "nessuna"},
    "about.draw_dont_write": {"en": "Draw, don't write", "de": "Zeichnen, nicht schreiben",
                              "fr": "Dessinez, n'écrivez pas", "es": "Dibuja, no escribas",
                              "it": "Disegna, non scrivere"},
    "about.draw_dont_write_body": {
        "en": "Vision models read handwriting very well, so writing the word is not drawing it. While a game runs, "
              "its newest drawing is read for letters (at most once a second, and once more at the end). If the "
              "letters spell the word or one of its other names, or most of it (at least 60% of its letters in "
              "order, with at least four letters, or the word with one letter wrong; a short word like *cat* must "
              "be written exactly), you see a note at once so you can erase them, the game goes on and can still "
              "be won, but it does not enter the leaderboard, and its page says why. Other writing is normal "
              "Pictionary: an N on a compass, the numbers on a clock, STOP on a stop sign (four letters of *stop "
              "sign* is less than 60%). An admin can clear a false alarm (the game goes back on the leaderboard) "
              "or confirm it; several confirmed ones rest a player like drawings the models refused.",
        "de": "Bildmodelle lesen Handschrift sehr gut, also ist das Wort zu schreiben nicht dasselbe wie es zu "
              "zeichnen. Während ein Spiel läuft, wird die neueste Zeichnung auf Buchstaben gelesen (höchstens "
              "einmal pro Sekunde und am Ende noch einmal). Ergeben die Buchstaben das Wort, einen seiner anderen "
              "Namen oder den größten Teil davon (mindestens 60 % seiner Buchstaben in der richtigen Reihenfolge, "
              "mit mindestens vier Buchstaben, oder das Wort mit einem falschen Buchstaben; ein kurzes Wort wie "
              "*cat* muss genau geschrieben sein), siehst du sofort einen Hinweis, damit du sie löschen kannst; "
              "das Spiel geht weiter und kann noch gewonnen werden, kommt aber nicht in die Bestenliste, und seine "
              "Seite sagt, warum. Anderes Geschriebenes ist normales Pictionary: ein N auf einem Kompass, die "
              "Zahlen einer Uhr, STOP auf einem Stoppschild (vier Buchstaben von *stop sign* sind weniger als "
              "60 %). Ein Admin kann einen Fehlalarm aufheben (das Spiel kommt zurück in die Bestenliste) oder "
              "ihn bestätigen; mehrere bestätigte lassen einen Spieler pausieren wie Zeichnungen, die die Modelle "
              "abgelehnt haben.",
        "fr": "Les modèles de vision lisent très bien l'écriture manuscrite : écrire le mot, ce n'est pas le "
              "dessiner. Pendant une partie, son dessin le plus récent est lu à la recherche de lettres (au plus "
              "une fois par seconde, et une dernière fois à la fin). Si les lettres forment le mot, l'un de ses "
              "autres noms, ou l'essentiel du mot (au moins 60 % de ses lettres dans l'ordre, avec au moins quatre "
              "lettres, ou le mot avec une lettre fausse ; un mot court comme *cat* doit être écrit exactement), "
              "une note s'affiche aussitôt pour que vous puissiez les effacer ; la partie continue et peut encore "
              "être gagnée, mais elle n'entre pas au classement, et sa page dit pourquoi. Le reste de l'écriture, "
              "c'est du Pictionary normal : un N sur une boussole, les chiffres d'une horloge, STOP sur un panneau "
              "stop (quatre lettres de *stop sign*, c'est moins de 60 %). Un administrateur peut lever une fausse "
              "alerte (la partie revient au classement) ou la confirmer ; plusieurs confirmations mettent un "
              "joueur en pause, comme les dessins refusés par les modèles.",
        "es": "Los modelos de visión leen muy bien la letra manuscrita, así que escribir la palabra no es "
              "dibujarla. Mientras dura una partida, su dibujo más reciente se lee en busca de letras (como mucho "
              "una vez por segundo, y una vez más al final). Si las letras forman la palabra, otro de sus nombres "
              "o la mayor parte de ella (al menos el 60 % de sus letras en orden, con al menos cuatro letras, o la "
              "palabra con una letra mal; una palabra corta como *cat* debe estar escrita exactamente), ves un "
              "aviso enseguida para que puedas borrarlas; la partida sigue y aún se puede ganar, pero no entra en "
              "la clasificación, y su página explica por qué. El resto de lo escrito es Pictionary normal: una N "
              "en una brújula, los números de un reloj, STOP en una señal de stop (cuatro letras de *stop sign* "
              "son menos del 60 %). Un administrador puede anular una falsa alarma (la partida vuelve a la "
              "clasificación) o confirmarla; varias confirmadas ponen en pausa a un jugador, igual que los dibujos "
              "que los modelos rechazaron.",
        "it": "I modelli di visione leggono benissimo la scrittura a mano, quindi scrivere la parola non è "
              "disegnarla. Mentre una partita è in corso, il disegno più recente viene letto in cerca di lettere "
              "(al massimo una volta al secondo, e un'ultima volta alla fine). Se le lettere formano la parola, uno "
              "dei suoi altri nomi o gran parte di essa (almeno il 60% delle lettere in ordine, con almeno quattro "
              "lettere, o la parola con una lettera sbagliata; una parola corta come *cat* deve essere scritta "
              "esattamente), vedi subito un avviso per poterle cancellare; la partita continua e si può ancora "
              "vincere, ma non entra in classifica, e la sua pagina spiega perché. Il resto della scrittura è "
              "normale Pictionary: una N su una bussola, i numeri di un orologio, STOP su un cartello di stop "
              "(quattro lettere di *stop sign* sono meno del 60%). Un amministratore può annullare un falso allarme "
              "(la partita torna in classifica) o confermarlo; più conferme mettono in pausa un giocatore, come i "
              "disegni rifiutati dai modelli.",
    },
    "about.stored": {"en": "What is stored, and for how long", "de": "Was gespeichert wird, und wie lange",
                     "fr": "Ce qui est conservé, et combien de temps", "es": "Qué se guarda y durante cuánto tiempo",
                     "it": "Cosa viene conservato, e per quanto"},
    "about.stored_body": {
        "en": "- **Your player id**: a random id in the page address, signed by the server, so a reload keeps your "
              "game. There is no sign-up. (A server run as several processes behind its proxy sets one random "
              "cookie, so your browser keeps to one of them.)\n"
              "- **Your nickname**, if you give one, shown on the leaderboard as plain text.\n"
              "- **Each game**: the word, when it started and ended, the result.\n"
              "- **Your drawing**, as the frames the models saw, and an animated replay. They are deleted {days:g} "
              "days after the game{never}.\n"
              "- **Every guess**: the model's answer, how long it took, the tokens it used and what it cost.\n\n"
              "A drawing that a model declined to look at (a refusal or a safety block) is hidden from the public "
              "pages until an admin has looked at it.",
        "de": "- **Deine Spieler-ID**: eine zufällige, vom Server signierte ID in der Seitenadresse, damit ein "
              "Neuladen dein Spiel behält. Es gibt keine Anmeldung. (Ein Server, der als mehrere Prozesse hinter "
              "seinem Proxy läuft, setzt ein zufälliges Cookie, damit dein Browser bei einem davon bleibt.)\n"
              "- **Dein Spitzname**, falls du einen angibst, als reiner Text in der Bestenliste.\n"
              "- **Jedes Spiel**: das Wort, wann es begann und endete, das Ergebnis.\n"
              "- **Deine Zeichnung**, als die Bilder, die die Modelle gesehen haben, und eine animierte "
              "Wiederholung. Sie werden {days:g} Tage nach dem Spiel gelöscht{never}.\n"
              "- **Jeder Tipp**: die Antwort des Modells, wie lange sie dauerte, die verbrauchten Tokens und was "
              "sie gekostet hat.\n\n"
              "Eine Zeichnung, die ein Modell nicht ansehen wollte (eine Ablehnung oder eine Sicherheitssperre), "
              "ist auf den öffentlichen Seiten verborgen, bis ein Admin sie angesehen hat.",
        "fr": "- **Votre identifiant de joueur** : un identifiant aléatoire dans l'adresse de la page, signé par le "
              "serveur, pour qu'un rechargement garde votre partie. Pas d'inscription. (Un serveur lancé en "
              "plusieurs processus derrière son proxy pose un cookie aléatoire, pour que votre navigateur reste "
              "sur l'un d'eux.)\n"
              "- **Votre pseudo**, si vous en donnez un, affiché au classement en texte brut.\n"
              "- **Chaque partie** : le mot, son début et sa fin, le résultat.\n"
              "- **Votre dessin**, sous forme des images que les modèles ont vues, et un replay animé. Ils sont "
              "supprimés {days:g} jours après la partie{never}.\n"
              "- **Chaque proposition** : la réponse du modèle, son temps, les jetons utilisés et son coût.\n\n"
              "Un dessin qu'un modèle a refusé de regarder (un refus ou un blocage de sécurité) est masqué des "
              "pages publiques jusqu'à ce qu'un administrateur l'ait examiné.",
        "es": "- **Tu identificador de jugador**: un id aleatorio en la dirección de la página, firmado por el "
              "servidor, para que al recargar no pierdas tu partida. No hay registro. (Un servidor que funciona "
              "como varios procesos tras su proxy pone una cookie aleatoria para que tu navegador se quede en uno "
              "de ellos.)\n"
              "- **Tu apodo**, si das uno, que aparece en la clasificación como texto plano.\n"
              "- **Cada partida**: la palabra, cuándo empezó y terminó, el resultado.\n"
              "- **Tu dibujo**, como los fotogramas que vieron los modelos, y una repetición animada. Se borran "
              "{days:g} días después de la partida{never}.\n"
              "- **Cada respuesta**: lo que dijo el modelo, cuánto tardó, los tokens que usó y lo que costó.\n\n"
              "Un dibujo que un modelo se negó a mirar (una negativa o un bloqueo de seguridad) queda oculto en "
              "las páginas públicas hasta que un administrador lo haya revisado.",
        "it": "- **Il tuo id di giocatore**: un id casuale nell'indirizzo della pagina, firmato dal server, così "
              "ricaricando non perdi la partita. Non c'è registrazione. (Un server avviato come più processi dietro "
              "il suo proxy imposta un cookie casuale, perché il tuo browser resti su uno di essi.)\n"
              "- **Il tuo soprannome**, se ne dai uno, mostrato in classifica come testo semplice.\n"
              "- **Ogni partita**: la parola, quando è iniziata e finita, il risultato.\n"
              "- **Il tuo disegno**, come i fotogrammi visti dai modelli, e un replay animato. Vengono cancellati "
              "{days:g} giorni dopo la partita{never}.\n"
              "- **Ogni risposta**: la risposta del modello, quanto ha impiegato, i token usati e quanto è "
              "costata.\n\n"
              "Un disegno che un modello si è rifiutato di guardare (un rifiuto o un blocco di sicurezza) resta "
              "nascosto dalle pagine pubbliche finché un amministratore non lo ha esaminato.",
    },
    "about.never": {"en": " (never, on this server)", "de": " (auf diesem Server nie)",
                    "fr": " (jamais, sur ce serveur)", "es": " (nunca, en este servidor)",
                    "it": " (mai, su questo server)"},
    "about.credits": {"en": "Credits", "de": "Danksagung", "fr": "Crédits", "es": "Créditos", "it": "Crediti"},
    "about.credits_body": {
        "en": "The offline sketch model is a small neural network trained by this project on drawings from Google's "
              "[Quick, Draw!](https://quickdraw.withgoogle.com/data) data set, made available by Google, Inc. under "
              "the [Creative Commons Attribution 4.0 International license]"
              "(https://creativecommons.org/licenses/by/4.0/).",
        "de": "Das Offline-Skizzenmodell ist ein kleines neuronales Netz, das dieses Projekt mit Zeichnungen aus "
              "Googles Datensatz [Quick, Draw!](https://quickdraw.withgoogle.com/data) trainiert hat, den Google, "
              "Inc. unter der [Creative Commons Attribution 4.0 International license]"
              "(https://creativecommons.org/licenses/by/4.0/) bereitstellt.",
        "fr": "Le modèle de croquis hors ligne est un petit réseau de neurones entraîné par ce projet sur des "
              "dessins du jeu de données [Quick, Draw!](https://quickdraw.withgoogle.com/data) de Google, mis à "
              "disposition par Google, Inc. sous la [Creative Commons Attribution 4.0 International license]"
              "(https://creativecommons.org/licenses/by/4.0/).",
        "es": "El modelo de bocetos sin conexión es una pequeña red neuronal entrenada por este proyecto con "
              "dibujos del conjunto de datos [Quick, Draw!](https://quickdraw.withgoogle.com/data) de Google, "
              "publicado por Google, Inc. bajo la [Creative Commons Attribution 4.0 International license]"
              "(https://creativecommons.org/licenses/by/4.0/).",
        "it": "Il modello di schizzi offline è una piccola rete neurale addestrata da questo progetto su disegni "
              "del dataset [Quick, Draw!](https://quickdraw.withgoogle.com/data) di Google, messo a disposizione da "
              "Google, Inc. con la [Creative Commons Attribution 4.0 International license]"
              "(https://creativecommons.org/licenses/by/4.0/).",
    },
}
