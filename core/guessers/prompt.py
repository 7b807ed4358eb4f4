"""The one short user message every provider gets with the drawing (no system prompt)."""
from __future__ import annotations

import re
import unicodedata
from typing import Sequence

PROMPT_TEMPLATE = (
    "We are playing Pictionary. The image is a drawing in progress of one secret word or short phrase. "
    "What is it? Reply with only your guess: one word or a short phrase, no explanation."
    "{past}"
)
PAST_TEMPLATE = "\nAlready guessed wrong, so do not repeat: {guesses}."
# The same instruction in each language a game can be played in: the model is asked to answer in it, since the
# judge reads a German game's guesses in German ("Hund", not "dog"). English stays the constant above.
PROMPTS: dict[str, tuple[str, str]] = {
    "en": (PROMPT_TEMPLATE, PAST_TEMPLATE),
    "de": ("Wir spielen Pictionary. Das Bild ist eine unfertige Zeichnung eines geheimen Wortes oder kurzen "
           "Begriffs. Was ist es? Antworte nur mit deinem Tipp, auf Deutsch: ein Wort oder ein kurzer Begriff, "
           "ohne Erklärung.{past}",
           "\nSchon falsch geraten, also nicht wiederholen: {guesses}."),
    "fr": ("Nous jouons au Pictionary. L'image est le dessin en cours d'un mot secret ou d'une courte expression. "
           "Qu'est-ce que c'est ? Réponds uniquement par ta proposition, en français : un mot ou une courte "
           "expression, sans explication.{past}",
           "\nDéjà proposés à tort, ne les répète pas : {guesses}."),
    "es": ("Estamos jugando a Pictionary. La imagen es el dibujo a medio hacer de una palabra o frase corta "
           "secreta. ¿Qué es? Responde solo con tu respuesta, en español: una palabra o una frase corta, sin "
           "explicaciones.{past}",
           "\nYa se dijeron sin acertar, así que no las repitas: {guesses}."),
    "it": ("Stiamo giocando a Pictionary. L'immagine è il disegno in corso di una parola segreta o di una breve "
           "frase. Che cos'è? Rispondi solo con la tua ipotesi, in italiano: una parola o una breve frase, senza "
           "spiegazioni.{past}",
           "\nGià dette e sbagliate, quindi non ripeterle: {guesses}."),
}

MAX_PAST_GUESSES = 12  # the most recent distinct guesses; older ones add tokens and little else
MAX_GUESS_CHARS = 40  # past guesses are model output: cut long ramblings before echoing them back

_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_past_guess(text: str) -> str:
    """One past guess as it may appear in the prompt: one line, no control characters, short."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = _CONTROL.sub(" ", text)
    text = _SPACE.sub(" ", text).strip().strip("\"'`*.,;:!?")
    text = text.strip()
    if len(text) > MAX_GUESS_CHARS:
        text = text[:MAX_GUESS_CHARS].rstrip() + "…"
    return text


def recent_distinct(past_guesses: Sequence[str], limit: int = MAX_PAST_GUESSES) -> list[str]:
    """The last `limit` distinct cleaned guesses (case-insensitive), oldest first."""
    seen: set[str] = set()
    picked: list[str] = []
    for raw in reversed(list(past_guesses or ())):
        text = clean_past_guess(raw)
        key = text.casefold()
        if not text or key in seen:
            continue
        seen.add(key)
        picked.append(text)
        if len(picked) >= limit:
            break
    return picked[::-1]


def build_prompt(past_guesses: Sequence[str], lang: str = "en") -> str:
    """The user message in the game's language (English for one we do not know): the fixed instruction plus
    this game's earlier wrong guesses, if any."""
    template, past_template = PROMPTS.get(lang) or PROMPTS["en"]
    guesses = recent_distinct(past_guesses)
    past = past_template.format(guesses=", ".join(guesses)) if guesses else ""
    return template.format(past=past)
