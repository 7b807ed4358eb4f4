// Live views that cost the server almost nothing: this component subscribes to the app's small JSON
// documents pushed as Server-Sent Events (core/web.py, core/push.py: built once per change for every
// viewer), or polls the same documents when the stream does not come through (a proxy that buffers it,
// `?transport=poll` in the page's address, or a server that pushes to no more views), and draws the clock,
// the guesses and the newest frame in the browser. An unchanged game answers a poll with 304; a frame is
// an <img> by URL, fetched once and cached. Streamlit reruns only when something a page must redraw
// happens (a game ended, a queued player was admitted).
//
// Modes: "drawer" (the play page's clock and guesses, and the player's heartbeat), "queue" (a queued
// player's place), "board" (Spectate: every running game and the latest replays), "present" and
// "side" (presenter mode's games, and its queue and winners). How often each asks comes with its data
// (core/live.py, POLL_MS).

const HIDDEN_SLOWDOWN_MS = 2000;
const FIRST_EVENT_MS = 4000;  // a stream silent this long is held back by a proxy: the view polls instead
const STREAM_FAILURES = 3;  // stream errors in a row (no document between them) before the view polls

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function say(data, key, values = {}) {
  // A message of the catalogue the page handed in (core/locales/live.py, in the page's language), filled in.
  const text = (data.strings && data.strings[key]) || key;
  return text.replace(/\{(\w+)\}/g, (field, name) => (name in values ? String(values[name]) : field));
}

function sayNodes(data, key, values) {
  // The same message as nodes to append, its fields filled with elements (a bold number, a name).
  const text = (data.strings && data.strings[key]) || key;
  return text.split(/(\{\w+\})/).filter((part) => part !== "").map((part) => {
    const name = /^\{\w+\}$/.test(part) ? part.slice(1, -1) : null;
    return name !== null && name in values ? values[name] : part;
  });
}

function seconds(data, value) {
  // Seconds with one decimal, written the page's language's way ("3.5", "3,5").
  try {
    return new Intl.NumberFormat(data.lang || "en", { minimumFractionDigits: 1, maximumFractionDigits: 1 })
      .format(Number(value));
  } catch (e) {
    return Number(value).toFixed(1);
  }
}

function announcer(root) {
  // A polite live region out of sight: a screen reader hears what is new (a guess, the winner, the last ten
  // seconds) once, and nothing at a push or poll that brings nothing new. Each announcement is a new node, so
  // the same words twice are said twice; `data-said` counts them.
  const region = el("div", "pa-sr-only pa-said");
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  region.setAttribute("aria-atomic", "true");
  root.appendChild(region);
  let count = 0;
  return (lines) => {
    const text = lines.filter(Boolean).join(" ");
    if (!text) return;
    count += 1;
    region.dataset.said = String(count);
    region.replaceChildren(el("p", null, text));
  };
}

// The marks core/play.py's guess_lines gives a guess, in words: nothing is told by colour (or an emoji) alone.
const VERDICTS = { "✅": "live.verdict_won", "☑️": "live.verdict_correct", "❌": "live.verdict_wrong",
                   "🚫": "live.verdict_refused", "⚠️": "live.verdict_error" };

function verdict(data, g) {
  const key = g.won ? "live.verdict_won" : VERDICTS[g.mark];
  return key ? say(data, key) : g.mark || "";
}

function guessWatch() {
  // The guesses a view has seen, per game. A game's first document fills it quietly when `quiet` (opening a
  // page says nothing of what was there), later ones give only what is new, oldest first.
  const seen = new Map();
  const fresh = (game, guesses, quiet) => {
    let known = seen.get(game);
    const first = !known;
    if (first) seen.set(game, (known = new Set()));
    const out = [];
    for (const g of guesses || []) {
      const key = `${g.who}\u241f${g.text}\u241f${g.at}`;
      if (!known.has(key)) { known.add(key); out.push(g); }
    }
    return first && quiet ? [] : out.reverse();
  };
  // A game can leave a board for a while (hidden while its frame is checked) and come back: what was said of it
  // stays said. Only the oldest games are forgotten, past a few dozen.
  fresh.keep = () => { for (const game of [...seen.keys()].slice(0, Math.max(0, seen.size - 64))) seen.delete(game); };
  return fresh;
}

function guessNews(data, guesses) {
  // What a screen reader hears of new guesses: each (who, what, right or not); a burst as its count and the right one.
  const line = (g) => say(data, "live.said_guess", { who: g.who, text: g.text, verdict: verdict(data, g) });
  if (guesses.length <= 3) return guesses.map(line);
  return [say(data, "live.said_many", { count: guesses.length }), ...guesses.filter((g) => g.won).map(line)];
}

function lastTen(announce, data) {
  // "10 seconds left", once a game, when its clock crosses it while watched (not when opened with less left).
  const last = new Map();
  return (game, left) => {
    const before = last.get(game);
    last.set(game, left);
    if (before !== undefined && before > 10 && left <= 10 && left > 0) announce([say(data, "live.said_ten")]);
  };
}

function outcome(data, state) {
  // A game's end in words: who guessed it, or that time ran out.
  if (state.winner) return say(data, "live.said_won", { who: state.winner });
  return say(data, state.status === "timeout" ? "live.said_timeout" : "live.said_ended");
}

function clockNode(deadline, startedAt, offset, data, onLeft) {
  // The time left in words (the bar beside it only repeats it for the eye).
  const wrap = el("div", "pa-clock");
  const label = el("span");
  const bar = el("div", "pa-bar");
  bar.setAttribute("aria-hidden", "true");
  const fill = el("div");
  bar.appendChild(fill);
  wrap.append(label, bar);
  const total = Math.max(1, deadline - startedAt);
  const tick = () => {
    const left = Math.max(0, deadline - (Date.now() / 1000 + offset.value));
    label.textContent = say(data, "live.left", { seconds: Math.round(left) });
    fill.style.width = `${Math.min(100, (100 * left) / total).toFixed(1)}%`;
    if (onLeft) onLeft(left);
  };
  tick();
  wrap.tick = tick;
  return wrap;
}

function guessRow(data, g) {
  // A right guess carries its mark and the word for it; a wrong one its own mark.
  const row = el("div", g.human ? "pa-guess pa-human" : "pa-guess");
  row.setAttribute("role", "listitem");
  row.append(el("span", "pa-mark", g.mark), " ");
  if (g.won || g.mark === "☑️") row.append(el("span", "pa-verdict", verdict(data, g)), " ");
  row.append(el("b", null, g.human ? `👤 ${g.who}` : g.who), `: ${g.text} · ${seconds(data, g.at)} s `);
  if (g.why) row.appendChild(el("span", "pa-why", g.why));
  return row;
}

function guessesNode(data, state, empty) {
  const box = el("div", "pa-guesses");
  box.setAttribute("role", "list");
  box.setAttribute("aria-label", say(data, "live.guesses_label"));
  const item = (cls, text) => {
    const node = el("div", cls, text);
    node.setAttribute("role", "listitem");
    return node;
  };
  for (const n of state.notes || []) box.appendChild(item("pa-guess pa-note", n));
  for (const g of state.guesses || []) box.appendChild(guessRow(data, g));
  if (!(state.guesses || []).length && empty) box.appendChild(item("pa-guess pa-empty", empty));
  if ((state.thinking || []).length) {
    box.appendChild(item("pa-guess pa-thinking", say(data, "live.thinking", { names: state.thinking.join(", ") })));
  }
  return box;
}

function poller(url, intervalMs, onState, options = {}) {
  // GET `url` every `intervalMs` (slower while the tab is hidden), sending the last ETag.
  let etag = null;
  let stopped = false;
  let timer = null;
  const run = async () => {
    if (stopped) return;
    try {
      const headers = etag ? { "If-None-Match": etag } : {};
      const response = await fetch(url, { headers, cache: "no-store", ...options });
      if (response.status === 200) {
        etag = response.headers.get("ETag");
        onState(await response.json());
      } else if (response.status === 404) {
        onState(null);
      }
    } catch (e) {
      // The network blinked: try again at the next tick.
    }
    if (!stopped) timer = setTimeout(run, document.hidden ? Math.max(intervalMs, HIDDEN_SLOWDOWN_MS) : intervalMs);
  };
  run();
  return () => { stopped = true; clearTimeout(timer); };
}

function transport(data) {
  // "poll" forces the fallback: the page's `?transport=` first, then the view's own data.
  try {
    const asked = new URLSearchParams(window.location.search).get("transport");
    if (asked) return asked;
  } catch (e) { /* no address to read: the view's data decides */ }
  return data.transport || "push";
}

function subscribe(data, streamUrl, pollUrl, intervalMs, onState) {
  // The document pushed at each change (the newest at once, again after a reconnect); the poller, exactly as
  // it always ran, when the stream says nothing in time, keeps failing, or this viewer may no longer see it.
  if (transport(data) === "poll" || typeof EventSource === "undefined") return poller(pollUrl, intervalMs, onState);
  const source = new EventSource(streamUrl);
  let stopPolling = null;
  let failures = 0;
  let heard = false;
  let firstTimer = null;
  const fallBack = () => {
    if (stopPolling) return;
    clearTimeout(firstTimer);
    source.close();
    stopPolling = poller(pollUrl, intervalMs, onState);
  };
  firstTimer = setTimeout(() => { if (!heard) fallBack(); }, FIRST_EVENT_MS);
  source.onmessage = (event) => {
    heard = true;
    failures = 0;
    let state = null;
    try { state = JSON.parse(event.data); } catch (e) { return; }
    onState(state);
  };
  source.addEventListener("gone", fallBack);
  source.onerror = () => {
    failures += 1;
    if (source.readyState === EventSource.CLOSED || failures >= STREAM_FAILURES) fallBack();
  };
  return () => {
    clearTimeout(firstTimer);
    source.close();
    if (stopPolling) stopPolling();
  };
}

function heart(api, token, intervalMs, onSeat) {
  let stopped = false;
  let timer = null;
  const beat = async () => {
    if (stopped) return;
    try {
      const response = await fetch(`${api}/seat`, {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ player: token }), cache: "no-store",
      });
      if (response.ok) onSeat(await response.json());
    } catch (e) {
      // Missed beats are forgiven until IDLE_SECONDS.
    }
    if (!stopped) timer = setTimeout(beat, intervalMs);
  };
  beat();
  return () => { stopped = true; clearTimeout(timer); };
}

function drawer(root, data, setTriggerValue) {
  const offset = { value: 0 };
  let clock = null;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    setTriggerValue("ended", data.game);
  };
  const live = el("div", "pa-live");
  const written = el("div", "pa-written");
  written.setAttribute("role", "alert");
  written.hidden = true;
  root.append(written, live);
  const announce = announcer(root);
  const news = guessWatch();
  const ten = lastTen(announce, data);
  const render = (state) => {
    if (state === null) return;
    offset.value = state.now - Date.now() / 1000;
    if (!clock) {
      clock = clockNode(state.deadline, state.started_at, offset, data, (left) => ten(data.game, left));
      live.appendChild(clock);
      setInterval(clock.tick, 250);
    }
    const fresh = guessesNode(data, state, data.empty || say(data, "live.watching_canvas"));
    const old = live.querySelector(".pa-guesses");
    if (old) old.replaceWith(fresh); else live.appendChild(fresh);
    if (state.written && written.hidden) {
      written.textContent = `✍️ ${data.written_note || say(data, "live.written_note")}`;
      written.hidden = false;
    }
    const over = state.status !== "active";  // "active": core.store.ACTIVE, a running game's status
    announce([...guessNews(data, news(data.game, state.guesses, true)), over && !ended ? outcome(data, state) : ""]);
    if (over) end();
  };
  const token = encodeURIComponent(data.token || "");
  const stops = [
    subscribe(data, `${data.api}/stream/live/${data.game}?player=${token}`,
              `${data.api}/live/${data.game}?player=${token}`, data.every_ms, render),
    heart(data.api, data.token, data.heartbeat_ms, (seat) => {
      if (seat.state !== "playing" || seat.game !== data.game) end();
      else if (data.here === false && seat.here) setTriggerValue("moved", data.game);  // the game moved here
    }),
  ];
  return () => stops.forEach((stop) => stop());
}

function queue(root, data, setTriggerValue) {
  const box = el("div", "pa-queue");
  const place = el("div", "pa-place");
  const wait = el("p", "pa-wait");
  box.append(el("div", "pa-label", say(data, "live.your_place")), place, wait);
  root.appendChild(box);
  let moved = false;
  return heart(data.api, data.token, data.heartbeat_ms, (seat) => {
    if (seat.state !== "queued") {
      if (!moved) { moved = true; setTriggerValue("changed", seat.state); }
      return;
    }
    place.textContent = say(data, "live.place", { position: seat.position, queue: seat.queue });
    wait.textContent = `${say(data, "live.wait", { wait: waitText(data, seat.wait) })} ${data.cap_text || ""}`;
  });
}

function waitText(data, wait) {
  if (wait === null || wait === undefined) return say(data, "live.wait_moment");
  if (wait < 5) return say(data, "live.wait_few");
  if (wait < 60) return say(data, "live.wait_seconds", { seconds: Math.ceil(wait / 5) * 5 });
  const minutes = wait / 60;
  return minutes >= 1.5 ? say(data, "live.wait_minutes", { minutes: Math.round(minutes) }) : say(data, "live.wait_minute");
}

function guessForm(data) {
  // A person's guesses for one running game: POSTed to the app's route, judged and refereed as a model's
  // guess is; the page itself never reruns for them. The box keeps its focus, so a phone's keyboard stays up.
  const form = el("form", "pa-guess-form");
  const input = el("input", "pa-guess-input");
  Object.assign(input, { type: "text", maxLength: 60, placeholder: say(data, "live.guess_placeholder"),
                         autocomplete: "off", enterKeyHint: "send", spellcheck: false });
  input.setAttribute("aria-label", say(data, "live.guess_placeholder"));
  input.setAttribute("autocapitalize", "off");
  const send = el("button", "pa-guess-send", say(data, "live.guess_button"));
  send.type = "submit";
  const said = el("p", "pa-guess-said");
  said.setAttribute("aria-live", "polite");
  const row = el("div", "pa-guess-row");
  row.append(input, send);
  form.append(row, said);
  let busy = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    busy = true;
    send.disabled = true;
    try {
      // The reply (and why a guess was not taken) comes back in the page's language.
      const response = await fetch(`${data.api}/guess/${data.only}?lang=${encodeURIComponent(data.lang || "en")}`, {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ player: data.token, text }), cache: "no-store",
      });
      const answer = await response.json().catch(() => ({}));
      said.textContent = answer.message || say(data, "live.guess_failed");
      said.className = `pa-guess-said ${answer.won ? "pa-said-won" : response.ok ? "" : "pa-said-no"}`;
      if (response.ok || response.status === 400) input.value = "";
      if (answer.closed) { form.closed = true; form.classList.add("pa-closed"); }  // the host removed them
      if (answer.won || answer.over || answer.closed) { input.disabled = true; send.disabled = true; return; }
    } catch (e) {
      said.textContent = say(data, "live.guess_network");
    } finally {
      busy = false;
    }
    setTimeout(() => { if (!input.disabled) send.disabled = false; }, data.gap_ms);  // one guess a second (core/audience.py)
    input.focus();
  });
  form.close = () => { input.disabled = true; send.disabled = true; };
  form.open = () => { if (form.closed) return; input.disabled = false; send.disabled = false; said.textContent = ""; said.className = "pa-guess-said"; };
  return form;
}

function board(root, data) {
  const offset = { value: 0 };
  const games = el("div", "pa-games");
  const gallery = el("div", "pa-gallery");
  const form = data.only && data.guess ? guessForm(data) : null;
  root.append(games, ...(form ? [form] : []), gallery);
  if (form) root.classList.add("pa-has-form");
  const frames = {};
  const token = data.token ? `?player=${encodeURIComponent(data.token)}` : "";
  const host = data.host ? `&host=${encodeURIComponent(data.host)}` : "";
  const clocks = [];
  setInterval(() => clocks.forEach((c) => c.tick()), 250);
  let finishedKey = null;
  const announce = announcer(root);
  const news = guessWatch();
  const ten = lastTen(announce, data);
  const watched = new Set();  // games this view has seen running: only their end is news
  const ends = new Set();  // games whose end was said
  let winnersSeen = null;
  const render = (state) => {
    if (state === null) return;
    offset.value = state.now - Date.now() / 1000;
    games.replaceChildren();
    clocks.length = 0;
    const shown = data.only ? state.games.filter((g) => g.game === data.only) : state.games;
    const lines = [];
    for (const g of shown) lines.push(...guessNews(data, news(g.game, g.guesses, winnersSeen === null)));
    news.keep();
    if (!data.only) {
      const keys = state.winners.map((w) => `${w.word}\u241f${w.winner}\u241f${w.seconds}`);
      if (winnersSeen !== null) {
        state.winners.forEach((w, i) => {
          if (!winnersSeen.has(keys[i])) {
            lines.push(say(data, "live.said_winner", { who: w.winner, word: w.word, seconds: seconds(data, w.seconds) }));
          }
        });
      }
      winnersSeen = new Set(keys);
    } else {
      winnersSeen = winnersSeen || new Set();
    }
    announce(lines);
    if (data.only && !shown.length) {
      if (form) form.close();
      const over = el("div", "pa-none");
      const said = el("p", "pa-result", say(data, "live.over"));
      over.appendChild(said);
      const gone = data.only;
      fetch(`${data.api}/live/${gone}${token}`, { cache: "no-store" })
        .then((r) => (r.ok ? r.json() : null))
        .then((game) => {
          if (!game || !game.result) return;
          said.textContent = say(data, "live.game_over", { result: game.result, word: game.word });
          if (watched.has(gone) && !ends.has(gone)) { ends.add(gone); announce([outcome(data, game)]); }
        })
        .catch(() => {});
      const next = form && state.games[state.games.length - 1];  // the newest: it has the most time left
      if (next && !form.closed) {  // follow the room to the next game in this page: no new page (or server session)
        const go = el("button", "pa-play pa-next", say(data, "live.next_game"));
        go.type = "button";
        go.addEventListener("click", () => {
          data.only = next.game;
          form.open();
          try {
            const url = new URL(window.location.href);
            url.searchParams.set("game", next.game);
            window.history.replaceState(window.history.state, "", url);
          } catch (e) { /* the address stays: a reload shows the game it names */ }
          render(state);
        });
        over.appendChild(go);
      }
      const back = el("a", "pa-play", say(data, "live.all_games"));
      back.href = `./Spectate${token}`;
      back.target = "_self";
      over.appendChild(back);
      games.appendChild(over);
    }
    for (const g of state.games) watched.add(g.game);
    shown.forEach((g, i) => {
      const card = el("div", "pa-game");
      let title = g.word;
      if (!title) {  // a hidden word: its letters as marks for the eye, their count in words for a screen reader
        title = el("span");
        const marks = el("span", null, "❓".repeat(g.letters));
        marks.setAttribute("aria-hidden", "true");
        title.append(marks, el("span", "pa-sr-only", say(data, "live.hidden_word", { letters: g.letters })));
      }
      const heading = el("h2", "pa-game-title");  // under the page's h1
      heading.append(...sayNodes(data, "live.game_title", { number: i + 1, title }));
      if (g.written) heading.appendChild(el("span", "pa-badge", say(data, "live.written_badge")));
      card.appendChild(heading);
      if (data.guess_links) {
        const join = el("a", "pa-guess-link", say(data, "live.guess_this"));
        join.href = `./Spectate?game=${g.game}${data.token ? `&player=${encodeURIComponent(data.token)}` : ""}`;
        join.target = "_self";
        card.appendChild(join);
      }
      const picture = el("div", "pa-picture");
      if (g.frame) {
        let img = frames[g.game];
        if (!img) {
          img = frames[g.game] = el("img", "pa-frame");
          img.alt = say(data, "live.drawing_alt");
        }
        if (img.dataset.seq !== String(g.frame)) {
          const url = `${data.api}/frame/${g.game}/${g.frame}${token}`;
          img.dataset.seq = String(g.frame);
          if (!img.getAttribute("src")) {
            img.src = url;
          } else {  // keep the older picture up until the newer one has loaded: no flicker
            const next = new Image();
            next.onload = () => { img.src = url; };
            next.src = url;
          }
        }
        picture.appendChild(img);
      } else {
        picture.appendChild(el("p", "pa-empty", say(data, "live.first_stroke")));
      }
      // "10 seconds left" only where one game is shown: with several, it could not say which.
      const clock = clockNode(g.deadline, g.started_at, offset, data,
                              shown.length === 1 ? (left) => ten(g.game, left) : null);
      clocks.push(clock);
      const side = el("div", "pa-game-side");
      side.append(clock, guessesNode(data, g, say(data, "live.watching")));
      card.append(picture, side);
      games.appendChild(card);
    });
    if (!state.games.length && !data.only) {
      const none = el("div", "pa-none");
      none.appendChild(el("p", null, say(data, "live.none")));
      const play = el("a", "pa-play", say(data, "live.play"));
      play.href = data.home || "./";
      play.target = "_self";
      none.appendChild(play);
      games.appendChild(none);
    }
    if (data.gallery) {
      const key = state.finished.map((f) => f.game).join(",");
      if (key !== finishedKey) {
        finishedKey = key;
        gallery.replaceChildren();
        if (state.finished.length) gallery.appendChild(el("h2", "pa-latest", say(data, "live.latest")));
        const grid = el("div", "pa-grid");
        for (const f of state.finished) {
          const item = el("a", "pa-replay");
          item.href = `${data.game_page}?game=${f.game}`;
          item.target = "_self";
          const img = el("img");
          img.src = `${data.api}/replay/${f.game}`;
          img.alt = say(data, "live.replay_alt", { word: f.word });
          img.loading = "lazy";
          item.append(img, el("span", null, `${f.word}: ${f.result}`));
          grid.appendChild(item);
        }
        gallery.appendChild(grid);
      }
    }
  };
  const words = data.words ? "1" : "0";
  const query = `words=${words}&guesses=${data.guesses || 8}${host}`;
  return subscribe(data, `${data.api}/stream/board?${query}`, `${data.api}/board?${query}`, data.every_ms, render);
}

function toTop(node) {
  // The result screen opens at its top (headline, Play again), however far down the game was scrolled:
  // every scrolled box from here up, through the component's shadow root, and the page itself.
  for (let n = node; n; n = n.parentElement || (n.getRootNode && n.getRootNode().host) || null) {
    if (n.scrollTop > 0) n.scrollTop = 0;
  }
  if (window.scrollY > 0) window.scrollTo(0, 0);
}

function result(root, data, setTriggerValue) {
  // Just after a game ends its last frame is still being read for the word written in it: if it is,
  // the result screen is drawn again with the note.
  // Pushed like the other views (polled as their fallback is), and only for `watch_ms`.
  // A screen reader hears how the game ended, once (the drawer's own view may have been taken away first).
  toTop(root);
  const token = encodeURIComponent(data.token || "");
  const announce = announcer(root);
  let heard = false;
  let timer = null;
  let stop = null;
  const done = () => { clearTimeout(timer); if (stop) stop(); };
  stop = subscribe(data, `${data.api}/stream/live/${data.game}?player=${token}`,
                   `${data.api}/live/${data.game}?player=${token}`, data.every_ms, (state) => {
    if (state && !heard && state.status !== "active") { heard = true; announce([outcome(data, state)]); }
    if (state && state.written) { done(); setTriggerValue("changed", "written"); }
  });
  timer = setTimeout(done, data.watch_ms);
  return done;
}

function side(root, data) {
  const waiting = el("p", "pa-waiting");
  const winners = el("div", "pa-winners");
  winners.setAttribute("role", "list");
  winners.setAttribute("aria-label", say(data, "live.winners_label"));
  root.append(waiting, winners);
  const tally = el("p", "pa-tally");
  root.insertBefore(tally, winners);
  return subscribe(data, `${data.api}/stream/board?words=0&guesses=4`, `${data.api}/board?words=0&guesses=4`,
                   data.every_ms, (state) => {
    if (state === null) return;
    waiting.replaceChildren(...sayNodes(data, "live.waiting_count", { count: el("b", null, String(state.queue)) }));
    tally.replaceChildren(...sayNodes(data, "live.tally", { people: el("b", null, String(state.tally.people)),
                                                            models: el("b", null, String(state.tally.models)) }));
    winners.replaceChildren(...state.winners.map((w) => {
      const line = el("p", null, say(data, "live.winner_line", { word: w.word, who: `${w.human ? "👤 " : ""}${w.winner}`,
                                                                  seconds: seconds(data, w.seconds) }));
      line.setAttribute("role", "listitem");
      return line;
    }));
  });
}

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  const root = parentElement.querySelector(".pa-livebox");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "1";
  root.classList.add(`pa-mode-${data.mode}`);
  const modes = { drawer, queue, board, present: board, side, result };
  const start = modes[data.mode];
  const stop = start ? start(root, data, setTriggerValue) : null;
  return () => { if (typeof stop === "function") stop(); };
}
