// NotaGen's page: prompts and controls come from the server (/api/options), a request joins the server's queue,
// its events arrive over server-sent events, the finished piece is shown, played and offered for download.
"use strict";

const $ = (id) => document.getElementById(id);
let prompts = [];
let job = null;       // { id, source }
let history = JSON.parse(sessionStorage.getItem("notagen-history") || "[]");

function option(select, values) {
  select.replaceChildren(...values.map((v) => new Option(v, v)));
}

function unique(values) {
  return [...new Set(values)];
}

function fillComposers() {
  const period = $("period").value;
  option($("composer"), unique(prompts.filter((p) => p.period === period).map((p) => p.composer)));
  fillInstrumentations();
}

function fillInstrumentations() {
  const period = $("period").value, composer = $("composer").value;
  option($("instrumentation"), prompts.filter((p) => p.period === period && p.composer === composer).map((p) => p.instrumentation));
  showPieces();
}

function showPieces() {
  const p = prompts.find((x) => x.period === $("period").value && x.composer === $("composer").value && x.instrumentation === $("instrumentation").value);
  $("pieces").textContent = p ? `${p.pieces} training piece${p.pieces === 1 ? "" : "s"}` : "";
}

function control(c) {
  const label = document.createElement("label");
  label.append(c.label);
  let input;
  if (c.kind === "select") {
    input = document.createElement("select");
    option(input, c.choices || []);
  } else {
    input = document.createElement("input");
    input.type = c.kind === "text" ? "text" : "number";
    if (c.min !== null) input.min = c.min;
    if (c.max !== null) input.max = c.max;
    if (c.step !== null) input.step = c.step;
    if (c.pattern) input.pattern = c.pattern.replace(/^\^|\$$/g, "");
  }
  input.name = c.name;
  input.id = "control-" + c.name;
  input.value = c.default;
  if (c.help) label.title = c.help;
  label.append(input);
  return label;
}

function status(text, error) {
  $("status").textContent = text;
  $("status").classList.toggle("error", !!error);
}

function busy(on) {
  $("generate").disabled = on;
  $("stop").disabled = !on;
}

async function submit(event) {
  event.preventDefault();
  $("live").textContent = "";
  busy(true);
  status("sending…");
  let response;
  try {
    response = await fetch("/api/jobs", { method: "POST", body: new FormData($("request")) });
  } catch (e) {
    busy(false);
    return status(`the server did not answer: ${e}`, true);
  }
  const body = await response.json();
  if (!response.ok) {
    busy(false);
    return status(body.error || `error ${response.status}`, true);
  }
  listen(body.id, body.events);
}

function listen(id, url) {
  const source = new EventSource(url);
  job = { id, source };
  const data = (e) => JSON.parse(e.data);
  source.addEventListener("queued", (e) => {
    const ahead = data(e).position;
    status(ahead === 0 ? "starting…" : `waiting: ${ahead} request${ahead === 1 ? "" : "s"} ahead of yours`);
  });
  source.addEventListener("started", () => status("writing…"));
  source.addEventListener("text", (e) => {
    const d = data(e);
    $("live").textContent += d.text;
    $("live").scrollTop = $("live").scrollHeight;
    if (d.bars > 0) status(`writing: ${d.bars} bar${d.bars === 1 ? "" : "s"}`);
  });
  source.addEventListener("done", (e) => { finish(); status("done"); show(data(e).piece, true); });
  source.addEventListener("failed", (e) => { finish(); status(`failed: ${data(e).reason}`, true); });
  source.addEventListener("cancelled", (e) => { finish(); status(`stopped: ${data(e).reason}`); });
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) { finish(); status("the connection to the server was lost", true); }
  };
}

function finish() {
  if (job) job.source.close();
  job = null;
  busy(false);
}

async function stop() {
  if (!job) return;
  status("stopping…");
  await fetch(`/api/jobs/${job.id}/cancel`, { method: "POST" });
}

async function show(id, remember) {
  const response = await fetch(`/api/pieces/${id}`);
  if (!response.ok) return status((await response.json()).error, true);
  const piece = await response.json();
  $("result").hidden = false;
  $("title").textContent = piece.name;
  const bars = piece.continued ? `${piece.bars} new bars after ${piece.prompt_bars} of ${piece.continued}` : `${piece.bars} bars`;
  $("summary").textContent = `${piece.prompt} · seed ${piece.seed} · ${bars} · ${piece.seconds} s · ` +
    (piece.parses ? `parses, bar alignment error ${(100 * piece.bar_alignment_error).toFixed(1)}%` : `does not parse: ${piece.problem}`) +
    (piece.prompt_changes ? ` · ${piece.prompt_changes}` : "");
  $("raw").textContent = piece.raw;
  $("abc").textContent = piece.abc || "(not restored)";
  const pages = [];
  for (let i = 1; i <= piece.pages; i++) {
    const img = document.createElement("img");
    img.src = `/api/pieces/${id}/score/${i}`;
    img.alt = `score, page ${i}`;
    pages.push(img);
  }
  $("score").replaceChildren(...pages);
  const audio = $("audio");
  if (piece.formats.includes("wav")) audio.src = `/api/pieces/${id}/download/wav`; else audio.removeAttribute("src");
  $("downloads").replaceChildren(...piece.formats.map((f) => {
    const a = document.createElement("a");
    a.href = `/api/pieces/${id}/download/${f}`;
    a.download = "";
    a.id = `download-${f}`;
    a.textContent = { abc: "ABC", musicxml: "MusicXML", mid: "MIDI", wav: "WAV", raw: "raw text" }[f] || f;
    return a;
  }));
  $("problems").replaceChildren(...piece.problems.map((p) => Object.assign(document.createElement("li"), { textContent: p })));
  if (remember) {
    history.push({ id, label: `${piece.name} (${piece.bars} bars)` });
    sessionStorage.setItem("notagen-history", JSON.stringify(history));
    drawHistory();
  }
}

function drawHistory() {
  $("history").replaceChildren(...history.slice().reverse().map((h) => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = h.label;
    button.addEventListener("click", () => show(h.id, false));
    item.append(button);
    return item;
  }));
}

async function start() {
  const response = await fetch("/api/options");
  const options = await response.json();
  $("model").textContent = options.model;
  prompts = options.prompts;
  $("controls").replaceChildren(...options.controls.map(control));
  $("upload").accept = options.upload_types;
  option($("period"), unique(prompts.map((p) => p.period)));
  $("period").addEventListener("change", fillComposers);
  $("composer").addEventListener("change", fillInstrumentations);
  $("instrumentation").addEventListener("change", showPieces);
  fillComposers();
  $("request").addEventListener("submit", submit);
  $("stop").addEventListener("click", stop);
  drawHistory();
  document.body.dataset.ready = "true";
}

start().catch((e) => status(`the page could not start: ${e}`, true));
