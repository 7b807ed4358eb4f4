// The room's light page (/room, core/join.py): a phone from presenter mode's QR code joins and guesses without a
// Streamlit session. Who it is: a player token the app hands out on the first visit, kept in localStorage and sent
// as `player`, as the other views send theirs. Where it stands (event code, nickname, removed, room full, resting,
// its own drawing...) is core.audience.guess_gate's answer through /api/room/join; the game and its guess box are
// live.js's "board" view of that one game, the same as Spectate's.
import mountLive from "./live.js";

const KEY = "pictionary.player";
const WAIT_MS = 1000;  // while no game runs, how often a joined phone looks for the next one
const config = JSON.parse(document.getElementById("room-config").textContent);
const status = document.getElementById("room-status");
const step = document.getElementById("room-step");
const gameBox = document.getElementById("room-game");
let token = "";
let live = null;  // the live view shown now: {game, guess, stop}
let waiting = null;  // stops the look for the next game

try { token = window.localStorage.getItem(KEY) || ""; } catch (e) { /* private mode: a new player per visit */ }

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function say(key, values = {}) {
  // A message of the page's language (core/locales/room.py and live.py, in the page's config), filled in.
  const text = (config.strings && config.strings[key]) || key;
  return text.replace(/\{(\w+)\}/g, (field, name) => (name in values ? String(values[name]) : field));
}

function sayNodes(key, values) {
  // The same message as nodes to append, its fields filled with elements (a bold nickname).
  const text = (config.strings && config.strings[key]) || key;
  return text.split(/(\{\w+\})/).filter((part) => part !== "").map((part) => {
    const name = /^\{\w+\}$/.test(part) ? part.slice(1, -1) : null;
    return name !== null && name in values ? values[name] : part;
  });
}

function wanted() {
  return new URL(window.location.href).searchParams.get("game");  // live.js's "next game" changes it in place
}

async function ask(route, body = {}) {
  // One of the room's routes; [ok, answer] (answer.message says why not).
  try {
    const response = await fetch(`${config.api}/room/${route}?lang=${encodeURIComponent(config.lang || "en")}`, {
      method: "POST", headers: { "Content-Type": "application/json" }, cache: "no-store",
      body: JSON.stringify({ player: token, game: wanted(), ...body }),
    });
    return [response.ok, await response.json().catch(() => ({}))];
  } catch (e) {
    return [false, { message: say("room.network") }];
  }
}

function stopLive() {
  if (live) live.stop();
  live = null;
  gameBox.replaceChildren();
}

function watch(game, guess) {
  if (live && live.game === game && live.guess === guess) return;
  stopLive();
  const holder = el("div");
  holder.appendChild(el("div", "pa-livebox"));
  gameBox.appendChild(holder);
  const stop = mountLive({
    parentElement: holder, setTriggerValue: () => {},
    data: { mode: "board", api: config.api, every_ms: config.every_ms, gap_ms: config.gap_ms, only: game, guess,
            guesses: 6, token, home: "/", game_page: "/Game", lang: config.lang, strings: config.strings },
  });
  live = { game, guess, stop: typeof stop === "function" ? stop : () => {} };
}

function waitForGame() {
  // Joined, but no game runs: look at the board (a 304 while nothing changes) until one starts.
  if (waiting) return;
  let stopped = false;
  let etag = null;
  const look = async () => {
    if (stopped) return;
    try {
      const response = await fetch(`${config.api}/board?words=0&guesses=4`,
                                   { cache: "no-store", headers: etag ? { "If-None-Match": etag } : {} });
      if (response.status === 200) {
        etag = response.headers.get("ETag");
        if ((await response.json()).games.length) { stopWaiting(); join(); return; }
      }
    } catch (e) { /* try again at the next look */ }
    if (!stopped) setTimeout(look, WAIT_MS);
  };
  waiting = () => { stopped = true; };
  look();
}

function stopWaiting() {
  if (waiting) waiting();
  waiting = null;
}

function field(id, label, attrs) {
  const wrap = el("div", "pa-room-field");
  const text = el("label", null, label);
  text.htmlFor = id;
  const input = el("input");
  Object.assign(input, { id, type: "text", autocomplete: "off", spellcheck: false, required: true, ...attrs });
  wrap.append(text, input);
  return [wrap, input];
}

function stepForm(id, label, attrs, button, send) {
  // A one-field form: its answer is the next state, or why not under the field.
  const form = el("form", "pa-room-form");
  const [wrap, input] = field(id, label, attrs);
  const go = el("button", "pa-room-button", button);
  go.type = "submit";
  const why = el("p", "pa-room-why");
  why.setAttribute("role", "alert");
  form.append(wrap, go, why);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    go.disabled = true;
    const [ok, answer] = await send(input.value);
    go.disabled = false;
    if (ok) show(answer);
    else { why.textContent = answer.message || say("room.failed"); input.focus(); }
  });
  return form;
}

function generatedName(state) {
  const box = el("div", "pa-room-form");
  const line = el("p");
  line.append(...sayNodes("room.generated", { nickname: el("b", null, state.suggested) }));
  const take = el("button", "pa-room-button", say("room.use_it"));
  const other = el("button", "pa-room-button pa-room-second", say("room.another"));
  take.type = other.type = "button";
  const why = el("p", "pa-room-why");
  why.setAttribute("role", "alert");
  take.addEventListener("click", async () => {
    const [ok, answer] = await ask("nickname", { nickname: state.suggested });
    if (ok) show(answer); else why.textContent = answer.message || say("room.failed");
  });
  other.addEventListener("click", async () => {
    const [ok, answer] = await ask("join");
    if (ok) show(answer, { focus: say("room.use_it") });
  });
  const row = el("div", "pa-room-buttons");
  row.append(take, other);
  box.append(line, row, why);
  return box;
}

function tell(text, kind) {
  // The page's status line (a polite live region of its own: what the gate says, read once).
  status.textContent = text || "";
  status.className = `pa-room-status ${kind ? `pa-room-${kind}` : ""}`;
}

function show(state, options = {}) {
  // Draw the gate's step (core.audience.guess_gate's kind), then the game.
  if (state.player) {
    token = state.player;
    try { window.localStorage.setItem(KEY, token); } catch (e) { /* kept for this visit only */ }
  }
  stopWaiting();
  step.replaceChildren();
  const kind = state.gate;
  if (kind === "ok" && state.game) {
    tell(options.notice || "");
    const line = el("p", "pa-room-caption");
    line.append(...sayNodes("room.guessing_as", { nickname: el("b", null, state.nickname) }));
    step.appendChild(line);
    watch(state.game, true);
  } else if (kind === "ok") {
    stopLive();
    tell(say("room.waiting", { nickname: state.nickname }));
    waitForGame();
  } else if (kind === "code") {
    stopLive();
    tell(options.notice || state.message, options.notice ? "no" : "");
    step.appendChild(stepForm("room-code", say("room.code_label"),
                              { maxLength: 16, autocapitalize: "characters", enterKeyHint: "go" }, say("room.code_button"),
                              (code) => ask("code", { code })));
  } else if (kind === "nickname") {
    tell(options.notice || "");
    step.appendChild(state.generated ? generatedName(state) :
      stepForm("room-nickname", say("room.nickname_label"),
               { maxLength: 40, autocapitalize: "words", enterKeyHint: "go" }, say("room.nickname_button"),
               (nickname) => ask("nickname", { nickname })));
    if (state.game) watch(state.game, false);
  } else if (kind === "removed" || kind === "banned" || kind === "full") {
    stopLive();
    tell(state.message, "no");
  } else {  // own drawing, guessing off, resting, or a game that takes no guesses (over, hidden, not found)
    tell(state.message, kind === "resting" ? "" : "note");
    if (state.game) watch(state.game, false);
    if (kind === "not-guessable") {
      const next = el("button", "pa-room-button", say("room.newest"));
      next.type = "button";
      next.addEventListener("click", () => {
        const url = new URL(window.location.href);
        url.searchParams.delete("game");
        window.history.replaceState(window.history.state, "", url);
        join();
      });
      step.appendChild(next);
    }
  }
  if (options.focus) {
    const target = [...step.querySelectorAll("button")].find((b) => b.textContent === options.focus);
    if (target) target.focus();
  }
}

async function join() {
  // Where this person stands; with the QR code's event code, in at once (once).
  const [ok, state] = await ask("join");
  if (!ok) {
    tell(state.message || say("room.unreachable"), "no");
    setTimeout(join, 3000);
    return;
  }
  token = state.player;
  const url = new URL(window.location.href);
  const code = url.searchParams.get("code");
  if (code && state.gate === "code") {
    url.searchParams.delete("code");  // tried once: a wrong code is not sent again at every step
    window.history.replaceState(window.history.state, "", url);
    const [entered, answer] = await ask("code", { code });
    show(entered ? answer : state, entered ? {} : { notice: answer.message });
    return;
  }
  show(state);
}

join();
