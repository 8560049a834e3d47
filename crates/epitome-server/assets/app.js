// The epitome web page: plain JavaScript, no build step, no network beyond this server.
//
// Source spans in the API are UTF-8 BYTE offsets into each document's text. The page keeps
// each document's UTF-8 bytes (TextEncoder) and slices them with TextDecoder, so a span
// highlights exactly the text it names, whatever characters come before it.
"use strict";

(function () {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder("utf-8");
  const $ = (id) => document.getElementById(id);

  const DEFAULT_BUDGET = { sentences: 5, words: 100, chars: 600, bytes: 665, tokens: 120, ratio: 0.2 };
  const FALLBACK_ALGORITHMS = [
    "auto", "lead", "lexrank", "textrank", "centroid", "mmr", "ilp", "submodular",
    "kl", "sumbasic", "luhn", "lsa",
  ];

  const state = {
    docs: [],        // {id, text, bytes, format}
    result: null,    // the API response
    sentDocs: null,  // the documents the result was computed from
    pinned: null,    // index of the clicked sentence
    pasted: 0,
  };

  function formatOf(name) {
    const ext = (name.split(".").pop() || "").toLowerCase();
    if (ext === "md" || ext === "markdown") return "markdown";
    if (ext === "html" || ext === "htm") return "html";
    return "text";
  }

  function uniqueId(name) {
    let id = name;
    let n = 2;
    while (state.docs.some((d) => d.id === id)) id = `${name} (${n++})`;
    return id;
  }

  function addDocument(name, text, format) {
    if (!/\S/.test(text)) {
      setStatus(`“${name}” is empty; skipped.`, true);
      return;
    }
    state.docs.push({ id: uniqueId(name), text, bytes: encoder.encode(text), format });
    renderDocList();
  }

  async function addFiles(files) {
    for (const file of Array.from(files)) {
      try {
        addDocument(file.name, await file.text(), formatOf(file.name));
      } catch (e) {
        setStatus(`Could not read “${file.name}”: ${e}`, true);
      }
    }
  }

  function renderDocList() {
    const list = $("doc-list");
    list.textContent = "";
    state.docs.forEach((d, i) => {
      const li = document.createElement("li");
      li.dataset.doc = d.id;
      const name = document.createElement("span");
      name.textContent = d.id;
      const fmt = document.createElement("span");
      fmt.className = "fmt";
      fmt.textContent = `${d.format}, ${d.bytes.length.toLocaleString()} bytes`;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = "×";
      remove.title = `Remove ${d.id}`;
      remove.setAttribute("aria-label", `Remove ${d.id}`);
      remove.addEventListener("click", () => {
        state.docs.splice(i, 1);
        renderDocList();
      });
      li.append(name, fmt, remove);
      list.append(li);
    });
    const n = state.docs.length;
    $("doc-count").textContent = n === 0 ? "No documents yet." : `${n} document${n === 1 ? "" : "s"}.`;
    $("summarize").disabled = n === 0;
  }

  function setStatus(text, isError) {
    const s = $("status");
    s.textContent = text;
    s.classList.toggle("error", Boolean(isError));
  }

  function budget() {
    const unit = $("budget-unit").value;
    const raw = $("budget-value").value;
    const value = unit === "ratio" ? Number.parseFloat(raw) : Number.parseInt(raw, 10);
    return { [unit]: value };
  }

  async function summarize(event) {
    if (event) event.preventDefault();
    if (state.docs.length === 0) return;
    const docs = state.docs.slice();
    const body = {
      documents: docs.map((d) => ({ id: d.id, text: d.text, format: d.format })),
      budget: budget(),
      algorithm: $("algorithm").value,
      order: $("order").value,
    };
    const query = $("query").value.trim();
    if (query) body.query = query;
    if ($("explain").checked) body.explain = true;
    const button = $("summarize");
    button.disabled = true;
    setStatus("Summarizing…");
    const started = performance.now();
    try {
      const response = await fetch("/v1/summarize", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const data = await response.json().catch(() => null);
      if (!response.ok) {
        const why = data && data.error ? data.error : `HTTP ${response.status}`;
        setStatus(`Error: ${why}`, true);
        return;
      }
      state.result = data;
      state.sentDocs = docs;
      state.pinned = null;
      renderSummary();
      renderSources();
      const ms = Math.round(performance.now() - started);
      const n = data.sentences.length;
      setStatus(`${n} sentence${n === 1 ? "" : "s"} from ${docs.length} document${docs.length === 1 ? "" : "s"} in ${ms} ms (${data.algorithm}).`);
    } catch (e) {
      setStatus(`Error: ${e}`, true);
    } finally {
      button.disabled = state.docs.length === 0;
    }
  }

  function renderSummary() {
    const r = state.result;
    const total = state.sentDocs.length;
    const list = $("summary");
    list.textContent = "";
    r.sentences.forEach((s, i) => {
      const li = document.createElement("li");
      li.tabIndex = 0;
      li.dataset.sentence = String(i);
      const text = document.createElement("span");
      text.className = "text";
      text.textContent = s.text;
      const badge = document.createElement("span");
      badge.className = "support";
      badge.textContent = `${s.support} of ${total} source${total === 1 ? "" : "s"}`;
      badge.title = s.sources.map((src) => `${src.doc}, bytes ${src.start}–${src.end}`).join("\n");
      li.append(text, badge);
      if (s.explain) li.append(explanation(s.explain));
      li.addEventListener("mouseenter", () => highlight(i));
      li.addEventListener("mouseleave", () => highlight(state.pinned));
      li.addEventListener("focus", () => highlight(i));
      li.addEventListener("click", () => pin(i));
      li.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          pin(i);
        }
      });
      list.append(li);
    });
    const warnings = $("warnings");
    warnings.textContent = "";
    for (const w of r.warnings || []) {
      const li = document.createElement("li");
      li.textContent = w;
      warnings.append(li);
    }
    if (r.sentences.length === 0 && !(r.warnings || []).length) {
      const li = document.createElement("li");
      li.textContent = "No sentence fits the budget.";
      warnings.append(li);
    }
    $("summary-panel").hidden = false;
  }

  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const decimals = (x, digits) => (Number.isFinite(x) ? x.toFixed(digits) : "?");

  // One line under a summary sentence: the signals that chose it (the API's `explain`),
  // only those that are there, each with a longer description as its tooltip. Text nodes
  // only, like everything else on this page.
  function explanation(e) {
    const parts = [];
    const part = (text, title) => parts.push({ text, title });
    part(`in ${e.support} of ${plural(e.documents, "source")}`,
      "Documents that carry this sentence, or a near-duplicate of it");
    if (e.leads > 0) {
      part(`lead sentence of ${plural(e.leads, "source")}`,
        "Documents that open with this sentence");
    } else {
      part(`first seen at sentence ${e.position + 1}`,
        "Its earliest position in any document");
    }
    if (e.concepts > 0) {
      part(`${plural(e.concepts, "shared concept")} (weight ${decimals(e.concept_weight, 1)})`,
        "Word pairs that enough documents share to count as their common content, " +
        "and their total weight (document support plus a bonus for lead sentences)");
    }
    part(`centrality ${decimals(e.centrality, 2)}`,
      "Similarity to the documents' overall content, from 0 to 1");
    if (typeof e.query === "number") {
      part(`query match ${decimals(e.query, 2)}`, "Similarity to the query, from 0 to 1");
    }
    if (e.pronoun_opener) {
      part("opens with a pronoun",
        "It refers back to something said before it; the default algorithm takes such a " +
        "sentence at a cost unless the sentence before it is shown too");
    }
    const line = document.createElement("span");
    line.className = "explain";
    const label = document.createElement("span");
    label.className = "explain-label";
    label.textContent = "Why: ";
    line.append(label);
    parts.forEach((p, i) => {
      if (i > 0) line.append(" · ");
      const span = document.createElement("span");
      span.textContent = p.text;
      span.title = p.title;
      line.append(span);
    });
    return line;
  }

  // Each document with every summary sentence's span marked (faintly); the selected
  // sentence's marks are made active by highlight().
  function renderSources() {
    const r = state.result;
    const container = $("sources");
    container.textContent = "";
    for (const d of state.sentDocs) {
      const spans = [];
      r.sentences.forEach((s, i) => {
        for (const src of s.sources) {
          if (src.doc === d.id && src.start < src.end && src.end <= d.bytes.length) {
            spans.push({ start: src.start, end: src.end, sentence: i });
          }
        }
      });
      spans.sort((a, b) => a.start - b.start || a.end - b.end);
      const panel = document.createElement("article");
      panel.className = "source";
      panel.dataset.doc = d.id;
      const head = document.createElement("h3");
      const title = document.createElement("span");
      title.textContent = d.id;
      const hits = document.createElement("span");
      hits.className = "hits";
      head.append(title, hits);
      const body = document.createElement("pre");
      body.className = "body";
      let at = 0;
      for (const sp of spans) {
        if (sp.start < at) continue; // overlapping spans: keep the first
        if (sp.start > at) body.append(decoder.decode(d.bytes.subarray(at, sp.start)));
        const mark = document.createElement("mark");
        mark.dataset.sentence = String(sp.sentence);
        mark.textContent = decoder.decode(d.bytes.subarray(sp.start, sp.end));
        body.append(mark);
        at = sp.end;
      }
      if (at < d.bytes.length) body.append(decoder.decode(d.bytes.subarray(at)));
      panel.append(head, body);
      container.append(panel);
    }
    $("sources-panel").hidden = false;
    highlight(null);
  }

  function highlight(index) {
    document.querySelectorAll("#summary li").forEach((li) => {
      li.classList.toggle("active", index !== null && li.dataset.sentence === String(index));
    });
    for (const panel of document.querySelectorAll("#sources .source")) {
      const body = panel.querySelector(".body");
      let first = null;
      let count = 0;
      for (const mark of body.querySelectorAll("mark")) {
        const on = index !== null && mark.dataset.sentence === String(index);
        mark.classList.toggle("active", on);
        if (on) {
          count += 1;
          if (!first) first = mark;
        }
      }
      panel.classList.toggle("has-active", count > 0);
      panel.querySelector(".hits").textContent = count > 0 ? "here" : "";
      if (first) body.scrollTop = Math.max(0, first.offsetTop - body.clientHeight / 3);
    }
  }

  function pin(index) {
    state.pinned = state.pinned === index ? null : index;
    highlight(state.pinned === null ? index : state.pinned);
  }

  function asMarkdown() {
    const r = state.result;
    let body = "";
    let notes = "";
    let n = 0;
    for (const s of r.sentences) {
      body += s.text;
      for (const src of s.sources) {
        n += 1;
        body += `[^${n}]`;
        notes += `[^${n}]: \`${src.doc}\`, bytes ${src.start}–${src.end}\n`;
      }
      if (s.support > 1) body += ` *(${s.support} sources)*`;
      body += "\n\n";
    }
    return body + notes;
  }

  async function copy(text, what) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (_) {
      const area = document.createElement("textarea");
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setStatus(`Copied the summary as ${what}.`);
  }

  async function loadAlgorithms() {
    let names = FALLBACK_ALGORITHMS;
    try {
      const doc = await (await fetch("/openapi.json")).json();
      const listed = doc.components.schemas.Algorithm.enum;
      if (Array.isArray(listed) && listed.length) names = listed;
    } catch (_) {
      // The fallback list is fine.
    }
    const select = $("algorithm");
    select.textContent = "";
    for (const name of names) {
      const option = document.createElement("option");
      option.value = name;
      option.textContent = name;
      select.append(option);
    }
    select.value = "auto";
  }

  function setup() {
    const zone = $("dropzone");
    zone.addEventListener("dragover", (e) => {
      e.preventDefault();
      zone.classList.add("over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      zone.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files.length) addFiles(e.dataTransfer.files);
    });
    zone.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        $("file-input").click();
      }
    });
    // Dropping a file anywhere else must not navigate away from the page.
    window.addEventListener("dragover", (e) => e.preventDefault());
    window.addEventListener("drop", (e) => e.preventDefault());
    $("file-input").addEventListener("change", (e) => {
      addFiles(e.target.files);
      e.target.value = "";
    });
    $("add-paste").addEventListener("click", () => {
      const area = $("paste-text");
      if (!/\S/.test(area.value)) return;
      state.pasted += 1;
      addDocument(`pasted ${state.pasted}`, area.value, "text");
      area.value = "";
    });
    $("budget-unit").addEventListener("change", () => {
      const unit = $("budget-unit").value;
      const input = $("budget-value");
      input.value = DEFAULT_BUDGET[unit];
      input.step = unit === "ratio" ? "0.05" : "1";
    });
    $("options").addEventListener("submit", summarize);
    $("copy-text").addEventListener("click", () => copy(state.result ? state.result.summary : "", "text"));
    $("copy-md").addEventListener("click", () => copy(state.result ? asMarkdown() : "", "Markdown"));
    renderDocList();
    loadAlgorithms();
  }

  setup();
})();
