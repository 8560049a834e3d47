// The web page of `epitome serve`, in a real browser (Debian's Chromium through
// playwright-core): load the page, drop the example documents, paste one more and remove
// it, summarize, click the best-supported sentence, and check that its text is highlighted
// in every source panel at the bytes the API named. Then a screenshot for people to look
// at (target/web-screenshot.png). Only loopback traffic: the page must load nothing from
// anywhere else.
//
// Run through tests/web/run.sh, which installs Chromium and playwright-core if missing.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = process.env.EPITOME_BIN || path.join(ROOT, "target/debug/epitome");
const EXAMPLES = path.join(ROOT, "examples/wrenford-flood");
const SCREENSHOT = path.join(ROOT, "target/web-screenshot.png");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

let server;
let origin;
let context;
let profile;

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ["serve", "--addr", "127.0.0.1:0"], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, RUST_LOG: "warn" },
    });
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${seen}`)), 30000);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      seen += chunk;
      const m = seen.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m && !origin) {
        clearTimeout(timer);
        origin = m[1];
        resolve(child);
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (!origin) reject(new Error(`server exited with ${code}: ${seen}`));
    });
  });
}

before(async () => {
  assert.ok(fs.existsSync(BIN), `no epitome binary at ${BIN} (cargo build -p epitome-cli)`);
  server = await startServer();
  profile = fs.mkdtempSync(path.join(os.tmpdir(), "epitome-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1400, height: 1100 },
  });
});

after(async () => {
  if (context) await context.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.on("exit", (code) => resolve(code)));
    server.kill("SIGTERM");
    assert.equal(await exited, 0, "the server stops cleanly on SIGTERM");
  }
});

function exampleFiles() {
  return fs
    .readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(EXAMPLES, name), "utf8") }));
}

test("drop the examples, summarize, click a sentence: every source highlights it", async () => {
  const page = context.pages()[0] || (await context.newPage());
  const requested = [];
  page.on("request", (r) => requested.push(r.url()));
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });

  await page.goto(origin + "/");
  await assert.doesNotReject(page.waitForFunction(() => document.querySelectorAll("#algorithm option").length > 1));
  assert.equal(await page.locator("#summarize").isDisabled(), true);

  // Drop the four example files on the drop zone.
  const files = exampleFiles();
  assert.equal(files.length, 4);
  const transfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.text], f.name, { type: "text/plain" }));
    return dt;
  }, files);
  await page.dispatchEvent("#dropzone", "drop", { dataTransfer: transfer });
  await page.waitForFunction(() => document.querySelectorAll("#doc-list li").length === 4);

  // Paste a fifth document, then take it out again.
  await page.fill("#paste-text", "A pasted note that should not be summarized. It goes away.");
  await page.click("#add-paste");
  await page.waitForFunction(() => document.querySelectorAll("#doc-list li").length === 5);
  await page.click('#doc-list li[data-doc="pasted 1"] button');
  await page.waitForFunction(() => document.querySelectorAll("#doc-list li").length === 4);

  // 120 words, the default algorithm.
  await page.selectOption("#budget-unit", "words");
  await page.fill("#budget-value", "120");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/v1/summarize")),
    page.click("#summarize"),
  ]);
  assert.equal(response.status(), 200);
  const result = await response.json();
  await page.waitForSelector("#summary li");
  const items = page.locator("#summary li");
  assert.equal(await items.count(), result.sentences.length);
  assert.ok(result.sentences.length >= 2);

  // The sentence most sources share.
  let best = 0;
  result.sentences.forEach((s, i) => {
    if (s.support > result.sentences[best].support) best = i;
  });
  const sentence = result.sentences[best];
  assert.ok(sentence.support >= 2, "the examples share sentences across documents");
  const badge = await items.nth(best).locator(".support").textContent();
  assert.equal(badge, `${sentence.support} of 4 sources`);

  await items.nth(best).click();
  assert.ok(await items.nth(best).evaluate((el) => el.classList.contains("active")));

  // Every source panel of the sentence shows it highlighted, at exactly the named bytes.
  const byName = Object.fromEntries(files.map((f) => [f.name, f.text]));
  for (const src of sentence.sources) {
    const expected = Buffer.from(byName[src.doc], "utf8").subarray(src.start, src.end).toString("utf8");
    const marks = page.locator(`#sources .source[data-doc="${src.doc}"] mark.active`);
    assert.equal(await marks.count(), 1, `one highlight in ${src.doc}`);
    assert.equal(await marks.first().textContent(), expected, `highlight in ${src.doc}`);
    assert.ok(await marks.first().isVisible(), `highlight in ${src.doc} is scrolled into view`);
  }
  // And no other panel does.
  const panels = page.locator("#sources .source");
  assert.equal(await panels.count(), 4);
  const sourceDocs = new Set(sentence.sources.map((s) => s.doc));
  for (const f of files) {
    if (sourceDocs.has(f.name)) continue;
    assert.equal(await page.locator(`#sources .source[data-doc="${f.name}"] mark.active`).count(), 0);
  }

  // Hovering another sentence moves the highlight; leaving it returns to the clicked one.
  const other = best === 0 ? 1 : 0;
  await items.nth(other).hover();
  const firstOther = result.sentences[other].sources[0];
  assert.equal(
    await page.locator(`#sources .source[data-doc="${firstOther.doc}"] mark.active`).first().textContent(),
    Buffer.from(byName[firstOther.doc], "utf8").subarray(firstOther.start, firstOther.end).toString("utf8"),
  );
  await page.mouse.move(5, 5);
  await page.waitForFunction((i) => document.querySelector(`#summary li[data-sentence="${i}"]`).classList.contains("active"), best);

  // Copy as Markdown with sources.
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  await page.click("#copy-md");
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("Markdown"));
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(markdown.startsWith(result.sentences[0].text), markdown);
  assert.match(markdown, /\[\^1\]: `[^`]+`, bytes \d+–\d+/);
  await page.click("#copy-text");
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("as text"));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), result.summary);

  // Bring the clicked sentence back for the picture.
  await items.nth(best).hover();
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  assert.deepEqual(problems, []);

  // A bad budget shows the server's message.
  await page.fill("#budget-value", "0");
  await page.click("#summarize");
  await page.waitForFunction(() => document.querySelector("#status").classList.contains("error"));
  assert.match(await page.textContent("#status"), /at least 1/);

  // Offline: nothing but this server was asked for anything.
  for (const url of requested) assert.ok(url.startsWith(origin + "/"), `request to ${url}`);
});

test("explain choices: a line of signals under every sentence, only when asked", async () => {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  await page.goto(origin + "/");
  await page.waitForFunction(() => document.querySelectorAll("#algorithm option").length > 1);

  // The checkbox is labelled, and off by default.
  assert.equal(await page.getByLabel("Explain choices").count(), 1);
  assert.equal(await page.locator("#explain").isChecked(), false);

  // Three short reports; the first sentence of the first is in all three.
  const shared = "The harbor bridge reopened on Monday after three weeks of repairs.";
  const docs = [
    `${shared} Engineers replaced two corroded cables on the north span. Traffic was back to normal by the evening rush hour.`,
    `${shared} City officials thanked commuters for their patience during the closure. The repairs cost less than planned.`,
    `Ferry operators counted fewer passengers this week. ${shared} Cafes near the ferry terminal had stayed open late during the closure.`,
  ];
  for (const [i, text] of docs.entries()) {
    await page.fill("#paste-text", text);
    await page.click("#add-paste");
    await page.waitForFunction((n) => document.querySelectorAll("#doc-list li").length === n, i + 1);
  }
  await page.fill("#budget-value", "3");

  const submit = async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/v1/summarize")),
      page.click("#summarize"),
    ]);
    assert.equal(response.status(), 200);
    const result = await response.json();
    await page.waitForFunction(
      (n) => document.querySelectorAll("#summary li").length === n && !document.querySelector("#summarize").disabled,
      result.sentences.length,
    );
    return { request: response.request().postDataJSON(), result };
  };

  // Ticked: the request asks, and every sentence shows its line.
  await page.getByLabel("Explain choices").check();
  const asked = await submit();
  assert.equal(asked.request.explain, true);
  const sentences = asked.result.sentences;
  assert.ok(sentences.length >= 2);
  const items = page.locator("#summary li");
  let sharedSeen = false;
  for (const [i, s] of sentences.entries()) {
    assert.ok(s.explain, `the API explains sentence ${i}`);
    const line = items.nth(i).locator(".explain");
    assert.equal(await line.count(), 1, `one explanation under sentence ${i}`);
    assert.ok(await line.isVisible());
    const text = await line.textContent();
    assert.ok(text.startsWith("Why: "), text);
    assert.ok(text.includes(`in ${s.explain.support} of 3 sources`), text);
    assert.match(text, /centrality \d\.\d\d/);
    assert.ok(!text.includes("query match"), "no query, no query match");
    if (s.text === shared) {
      sharedSeen = true;
      assert.ok(text.includes("in 3 of 3 sources"), text);
      assert.ok(text.includes("lead sentence of 2 sources"), text);
    }
  }
  assert.ok(sharedSeen, "the shared sentence is in the summary");

  // With a query, its match shows too.
  await page.fill("#query", "bridge repairs");
  const withQuery = await submit();
  for (const [i, s] of withQuery.result.sentences.entries()) {
    const text = await items.nth(i).locator(".explain").textContent();
    assert.ok(text.includes(`query match ${s.explain.query.toFixed(2)}`), text);
  }
  await page.fill("#query", "");

  // Unticked: not asked, and no line anywhere.
  await page.getByLabel("Explain choices").uncheck();
  const plain = await submit();
  assert.equal(plain.request.explain, undefined);
  assert.ok(plain.result.sentences.every((s) => s.explain == null));
  assert.ok((await items.count()) >= 2);
  assert.equal(await page.locator("#summary .explain").count(), 0);

  assert.deepEqual(problems, []);
  await page.close();
});
