// ablate review: one sample at a time plus a paged list, keyboard first.
// Dataset text is only ever put on the page with textContent / createTextNode, never as HTML.
"use strict";

const PAGE = 50;
const token = document.querySelector('meta[name="ablate-token"]').content;
const state = { offset: 0, total: 0, items: [], index: 0, filters: {} };
const $ = (id) => document.getElementById(id);

function setText(id, value) { $(id).textContent = value == null ? "" : String(value); }

function status(message) { setText("status", message || ""); }

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { "Content-Type": "application/json", "X-Ablate-Token": token, ...(options.headers || {}) },
  });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
    throw new Error(`${response.status}: ${detail}`);
  }
  return response.json();
}

function query() {
  const params = new URLSearchParams({ offset: state.offset, limit: PAGE, state: $("state").value || "all" });
  if ($("pack").value) params.set("pack", $("pack").value);
  if ($("min-score").value !== "") params.set("min_score", $("min-score").value);
  if ($("max-score").value !== "") params.set("max_score", $("max-score").value);
  return params;
}

function showProgress(progress) {
  setText("progress", `${progress.reviewed} / ${progress.total} reviewed`);
}

async function loadMeta() {
  const meta = await api("/api/meta");
  setText("dataset", meta.dataset);
  setText("reviewer", `reviewer: ${meta.reviewer}`);
  showProgress(meta.progress);
  for (const pack of meta.packs) {
    const option = document.createElement("option");
    option.value = pack;
    option.textContent = pack;
    $("pack").appendChild(option);
  }
  for (const name of meta.states) {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = name.replace("_", " ");
    $("state").appendChild(option);
  }
}

async function loadPage(index = 0) {
  const page = await api(`/api/items?${query()}`);
  state.items = page.items;
  state.total = page.total;
  state.index = Math.max(0, Math.min(index, state.items.length - 1));
  renderList();
  renderDetail();
}

function decisionLabel(item) {
  return item.decision ? item.decision.replace("_", " ") : "";
}

function renderList() {
  const body = $("rows");
  body.replaceChildren();
  state.items.forEach((item, i) => {
    const row = document.createElement("tr");
    row.dataset.index = String(i);
    if (i === state.index) row.className = "selected";
    const cells = [item.pos + 1, item.pack || "", item.score == null ? "" : item.score.toFixed(2), decisionLabel(item),
                   (item.response || "").slice(0, 140)];
    cells.forEach((value, c) => {
      const cell = document.createElement("td");
      cell.textContent = String(value);
      if (c === 3 && item.decision) cell.className = `d-${item.decision}`;
      if (c === 4) cell.className = "snippet";
      row.appendChild(cell);
    });
    row.addEventListener("click", () => { state.index = i; renderList(); renderDetail(); });
    body.appendChild(row);
  });
  const last = Math.min(state.offset + state.items.length, state.total);
  setText("page", state.total ? `${state.offset + 1}–${last} of ${state.total}` : "0 of 0");
  setText("matching", `${state.total} matching`);
  const selected = body.querySelector("tr.selected");
  if (selected) selected.scrollIntoView({ block: "nearest" });
}

// the response as text nodes, with each occurrence of the matched phrase in a <mark>
function highlighted(text, phrase) {
  const fragment = document.createDocumentFragment();
  text = text || "";
  if (!phrase) { fragment.appendChild(document.createTextNode(text)); return fragment; }
  const lower = text.toLowerCase(), needle = phrase.toLowerCase();
  let at = 0;
  for (let hit = lower.indexOf(needle); hit !== -1; hit = lower.indexOf(needle, at)) {
    fragment.appendChild(document.createTextNode(text.slice(at, hit)));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(hit, hit + phrase.length);
    fragment.appendChild(mark);
    at = hit + phrase.length;
  }
  fragment.appendChild(document.createTextNode(text.slice(at)));
  return fragment;
}

function renderDetail() {
  const item = state.items[state.index];
  $("empty").hidden = Boolean(item);
  $("sample").hidden = !item;
  if (!item) return;
  setText("d-pos", `row ${item.pos + 1}`);
  setText("d-source", item.source ? `(${item.source})` : "");
  setText("d-detector", item.refusal === 1 ? "refusal" : item.refusal === 0 ? "not a refusal" : "unknown");
  setText("d-category", item.category ? `(${item.category})` : "");
  setText("d-score", item.score == null ? "–" : item.score.toFixed(3));
  setText("d-pack", item.pack || "–");
  setText("d-reason", item.reason || "–");
  setText("d-prompt", item.prompt);
  $("d-response").replaceChildren(highlighted(item.response, item.phrase));
  setText("d-decision", decisionLabel(item) || "none");
  $("d-decision").className = item.decision ? `d-${item.decision}` : "";
  setText("d-by", item.decision ? `by ${item.reviewer}, ${item.decided_at}${item.comment ? ` · “${item.comment}”` : ""}` : "");
}

async function move(step) {
  const next = state.index + step;
  if (next >= 0 && next < state.items.length) {
    state.index = next;
    renderList();
    renderDetail();
  } else if (step > 0 && state.offset + state.items.length < state.total) {
    state.offset += PAGE;
    await loadPage(0);
  } else if (step < 0 && state.offset > 0) {
    state.offset = Math.max(0, state.offset - PAGE);
    await loadPage(PAGE - 1);
  }
}

async function decide(decision) {
  const item = state.items[state.index];
  if (!item) return;
  const comment = $("comment").value.trim();
  const saved = await api("/api/decisions", { method: "POST", body: JSON.stringify({ item_id: item.id, decision, comment: comment || null }) });
  Object.assign(item, { decision, reviewer: document.querySelector('meta[name="ablate-reviewer"]').content,
                        comment: comment || null, decided_at: "just now" });
  $("comment").value = "";
  status("");
  await move(1);
  renderList();
  showProgress(saved.progress);  // last: when it changes, the page already shows the next row
}

async function undo() {
  const result = await api("/api/undo", { method: "POST", body: "{}" });
  if (!result.undone) { status("nothing to undo"); return; }
  // show the row whose decision was undone, wherever it is in this page
  await loadPage(state.index);
  const at = state.items.findIndex((item) => item.id === result.undone.item_id);
  if (at !== -1) { state.index = at; renderList(); renderDetail(); }
  showProgress(result.progress);
  status(`undid ${result.undone.decision.replace("_", " ")}`);
}

function guarded(action) {
  return (...args) => action(...args).catch((error) => status(error.message));
}

document.addEventListener("keydown", (event) => {
  const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName);
  if (typing) {
    if (event.key === "Escape" || (event.key === "Enter" && document.activeElement.id === "comment")) document.activeElement.blur();
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const actions = {
    j: () => move(1), ArrowRight: () => move(1), ArrowDown: () => move(1),
    k: () => move(-1), ArrowLeft: () => move(-1), ArrowUp: () => move(-1),
    r: () => decide("refusal"), n: () => decide("not_refusal"), s: () => decide("skip"), u: () => undo(),
    c: async () => $("comment").focus(),
  };
  const action = actions[event.key];
  if (action) {
    event.preventDefault();
    guarded(action)();
  }
});

for (const button of document.querySelectorAll("button[data-decision]")) {
  button.addEventListener("click", guarded(() => decide(button.dataset.decision)));
}
$("undo").addEventListener("click", guarded(undo));
$("next-page").addEventListener("click", guarded(async () => {
  if (state.offset + PAGE < state.total) { state.offset += PAGE; await loadPage(0); }
}));
$("prev-page").addEventListener("click", guarded(async () => {
  if (state.offset > 0) { state.offset = Math.max(0, state.offset - PAGE); await loadPage(0); }
}));
for (const id of ["pack", "state", "min-score", "max-score"]) {
  $(id).addEventListener("change", guarded(async () => { state.offset = 0; await loadPage(0); }));
}
$("filters").addEventListener("submit", (event) => event.preventDefault());

guarded(async () => { await loadMeta(); await loadPage(0); })();
