// Fits the drawing canvas to the screen and gives it big Undo / Redo / Clear buttons.
//
// streamlit-drawable-canvas draws a fixed-size Fabric canvas (512 px) inside a shadow root. We
// keep that logical size (the frames the guessers get stay 512 px, whatever the device), and
// scale its container with a CSS transform to the width the page gives it; Fabric maps pointer
// and touch positions through the element's bounding box, so a stroke lands under the finger.
// The library's own hover toolbar is hidden: its buttons are small and appear only on hover, so
// our buttons click them on the player's behalf.

const STYLE_ID = "pa-canvas-fit";
const SHADOW_CSS = `
  .dc-toolbar { display: none !important; }
  .dc-root { max-width: none !important; }
  .dc-scroll { overflow: hidden !important; width: var(--pa-side, auto); height: var(--pa-side, auto);
               box-shadow: 0 0 0 1px var(--st-border-color, #c9ccd4); }
  .dc-canvas { outline: none !important; }
  .dc-container { transform: scale(var(--pa-scale, 1)); transform-origin: 0 0; }
`;

function canvasHost(from) {
  // The canvas is the drawable-canvas element in the same Streamlit block as these tools.
  let block = from.closest('[data-testid="stVerticalBlock"]');
  while (block) {
    for (const el of block.querySelectorAll('[data-testid="stBidiComponentIsolated"]')) {
      if (el.shadowRoot && el.shadowRoot.querySelector(".dc-root")) return el;
    }
    block = block.parentElement && block.parentElement.closest('[data-testid="stVerticalBlock"]');
  }
  return null;
}

function contentWidth(el) {
  if (!el) return window.innerWidth;
  const css = getComputedStyle(el);
  return el.clientWidth - parseFloat(css.paddingLeft || 0) - parseFloat(css.paddingRight || 0);
}

function label(data, key, fallback) {
  // A tool's name in the page's language (core/locales/tools.py, handed in by the page).
  return (data && data.strings && data.strings[key]) || fallback;
}

function libraryButton(host, label) {
  return host.shadowRoot.querySelector(`.dc-toolbar button[aria-label="${label}"]`);
}

export default function (component) {
  const { parentElement, data } = component;
  const root = parentElement.querySelector(".pa-tools");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "1";
  const size = Number(data && data.size) || 512;
  const minSide = Number(data && data.min_side) || 200;
  const buttons = {
    Undo: root.querySelector('[data-action="Undo"]'),
    Redo: root.querySelector('[data-action="Redo"]'),
    Clear: root.querySelector('[data-action="Clear"]'),
  };
  // Real buttons, named in the page's language, in a known order (Undo, Redo, Clear) for the keyboard too.
  const names = { Undo: label(data, "tools.undo", "Undo"), Redo: label(data, "tools.redo", "Redo"),
                  Clear: label(data, "tools.clear", "Clear") };
  root.setAttribute("aria-label", label(data, "tools.group", "Drawing tools"));
  const rename = (tool, text) => {
    buttons[tool].querySelector(".pa-label").textContent = text;
    buttons[tool].setAttribute("aria-label", text);
  };
  for (const tool of Object.keys(buttons)) rename(tool, names[tool]);
  let host = null;
  let observer = null;
  let resizer = null;
  let armed = 0;
  // While a stroke is being drawn, send what the canvas shows every `preview_ms` of drawing: the guessers
  // need not wait for the finger to lift (the canvas tells Streamlit only at the end of a stroke). Driven by
  // the moves themselves, so nothing is sent once the finger lifts or rests.
  const previewUrl = data && data.game && data.token
    ? `${data.api}/canvas/${data.game}?player=${encodeURIComponent(data.token)}` : null;
  const previewMs = Number(data && data.preview_ms) || 500;
  let down = false;
  let lastPreview = 0;
  const capture = () => {
    const sr = host && host.shadowRoot;
    if (!sr || !previewUrl) return;
    const out = document.createElement("canvas");
    out.width = size;
    out.height = size;
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, size, size);
    for (const layer of sr.querySelectorAll("canvas")) ctx.drawImage(layer, 0, 0, size, size);
    out.toBlob((blob) => {
      if (blob) fetch(previewUrl, { method: "POST", body: blob, headers: { "Content-Type": "image/png" } }).catch(() => {});
    }, "image/png");
  };
  const startStroke = (e) => {
    if (e.target instanceof HTMLCanvasElement) { down = true; lastPreview = Date.now(); }
  };
  const moved = () => {
    if (down && previewUrl && Date.now() - lastPreview >= previewMs) {
      lastPreview = Date.now();
      capture();
    }
  };
  const endStroke = () => { down = false; };
  const listeners = [];
  const listen = (target, kind, fn) => { target.addEventListener(kind, fn, true); listeners.push([target, kind, fn]); };

  const fit = () => {
    if (!host) return;
    const toolsBox = root.getBoundingClientRect();
    const beside = getComputedStyle(root).getPropertyValue("--pa-beside").trim() === "1";  // set by the page's CSS
    let width = contentWidth(host.closest('[data-testid="stColumn"]') || host.closest('[data-testid="stMainBlockContainer"]'));
    if (beside) width -= toolsBox.width + 16;
    let scale = Math.min(1, width / size);
    // Short screens (a phone held sideways): the canvas, and these tools below it, fit the height too.
    const canvasBox = host.getBoundingClientRect();
    const below = beside ? 0 : Math.max(0, toolsBox.top - canvasBox.bottom) + root.offsetHeight;
    const room = window.innerHeight - (canvasBox.top + window.scrollY) - below - 8;
    if (room < size * scale && room >= minSide) scale = room / size;
    scale = Math.max(0.1, scale);
    host.style.setProperty("--pa-scale", String(scale));
    host.style.setProperty("--pa-side", `${Math.floor(size * scale)}px`);
    root.style.width = beside ? "" : `${Math.floor(size * scale)}px`;
  };

  const mirror = () => {
    if (!host) return;
    // aria-disabled, not disabled: a tool with nothing to undo stays in the Tab order and says it is unavailable.
    for (const tool of ["Undo", "Redo"]) {
      const inner = libraryButton(host, tool);
      buttons[tool].setAttribute("aria-disabled", String(!inner || inner.disabled));
    }
  };

  const attach = () => {
    host = canvasHost(root);
    if (!host) return false;
    if (!host.shadowRoot.getElementById(STYLE_ID)) {
      const style = document.createElement("style");
      style.id = STYLE_ID;
      style.textContent = SHADOW_CSS;
      host.shadowRoot.appendChild(style);
    }
    observer = new MutationObserver(mirror);
    observer.observe(host.shadowRoot, { subtree: true, attributes: true, attributeFilter: ["disabled"], childList: true });
    listen(host.shadowRoot, "pointerdown", startStroke);
    listen(host.shadowRoot, "pointermove", moved);
    for (const kind of ["pointerup", "pointercancel"]) listen(window, kind, endStroke);
    resizer = new ResizeObserver(fit);
    resizer.observe(host.closest('[data-testid="stVerticalBlock"]') || document.body);
    window.addEventListener("resize", fit);
    fit();
    mirror();
    root.classList.add("pa-ready");
    return true;
  };

  // After an undo, redo or clear, make sure the canvas tells the app (its own send can be skipped while
  // an earlier one is in flight): its "Update the app" button sends the drawing as it is now.
  const sendSoon = () => setTimeout(() => {
    const send = libraryButton(host, "Update the app with this drawing");
    if (send) send.click();
  }, 80);

  const press = (name) => {
    if (!host) return;
    if (name === "Clear") {
      // A clear cannot be undone: the first tap asks, the second (within 3 s) clears.
      const now = Date.now();
      if (now - armed > 3000) {
        armed = now;
        buttons.Clear.classList.add("pa-armed");
        rename("Clear", label(data, "tools.again", "Tap again"));
        setTimeout(() => {
          buttons.Clear.classList.remove("pa-armed");
          rename("Clear", names.Clear);
        }, 3000);
        return;
      }
      armed = 0;
      const bin = libraryButton(host, "Reset canvas & history");
      if (bin) bin.click();
      sendSoon();
      buttons.Clear.classList.remove("pa-armed");
      rename("Clear", names.Clear);
      return;
    }
    const inner = libraryButton(host, name);
    if (inner && !inner.disabled) {
      inner.click();
      sendSoon();
    }
  };
  for (const [name, el] of Object.entries(buttons)) {
    el.addEventListener("click", (e) => { e.preventDefault(); press(name); });
  }

  let tries = 0;
  const wait = () => {
    if (attach()) return;
    if (++tries < 100) setTimeout(wait, 50);
  };
  wait();

  return () => {
    for (const [target, kind, fn] of listeners) target.removeEventListener(kind, fn, true);
    if (observer) observer.disconnect();
    if (resizer) resizer.disconnect();
    window.removeEventListener("resize", fit);
  };
}
