// 理赔小助手 web chat: vanilla JavaScript, no build step.
// Talks to the gateway: POST /api/messages, POST /api/upload, GET /api/messages (history),
// GET /api/events (live advisor/system messages). All text goes in with textContent, never parsed as HTML.
// The page's own words are in texts.js, in the conversation's language: the one the gateway returns with every
// turn and with the history ("language"), else the browser's (a first visit).
"use strict";

(() => {
  const SENDER_KEY = "claims.webchat.sender";
  const LARGE_KEY = "claims.webchat.largeText";
  const LANGUAGE_KEY = "claims.webchat.language"; // the last language seen: a new chat starts in it
  const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
  const IMAGE_TYPES = ["image/jpeg", "image/png"]; // what browsers show (HEIC photos get a link)
  const RECONNECT_MS = 3000;
  const TEXTS = window.CHAT_TEXTS;
  const LANGUAGE_NAMES = { "zh-Hans": "简体中文", "zh-Hant": "繁體中文", en: "English" };
  // A first message tells the dialogue the browser's language (Rasa fills its language slots from these entities).
  const GREETINGS = {
    "zh-Hans": "/greet", "zh-Hant": '/greet{"language": "zh", "chinese_script": "zh-Hant"}',
    en: '/greet{"language": "en"}',
  };

  const $ = (id) => document.getElementById(id);
  const log = $("log"), text = $("text"), form = $("composer"), fileInput = $("file"), attach = $("attach");
  const typing = $("typing"), notice = $("notice"), banner = $("mode-banner");

  let sender = null;
  let lastId = 0;             // the newest transcript id shown (the event stream resumes after it)
  let shown = new Set();      // transcript ids already on the page: nothing is shown twice
  let payloadTitles = {};     // button payload -> title, to show "/affirm" in history as "确认提交"
  let queue = Promise.resolve(); // one request at a time, in the order the user sent them
  let pending = 0;
  let events = null, reconnectTimer = null;
  let language = "zh-Hans";

  // ---------- the page's language ----------

  function browserLanguage() {
    const wanted = (navigator.languages && navigator.languages[0]) || navigator.language || "";
    const code = wanted.toLowerCase();
    if (code.startsWith("en")) return "en";
    if (/^zh-(hant|tw|hk|mo)/.test(code)) return "zh-Hant";
    return "zh-Hans";
  }

  function t(key, values) {
    let value = (TEXTS[language] || TEXTS["zh-Hans"])[key];
    for (const [name, replacement] of Object.entries(values || {})) value = value.replace(`{${name}}`, replacement);
    return value;
  }

  function setLanguage(code) {
    if (!TEXTS[code]) return;
    language = code;
    localStorage.setItem(LANGUAGE_KEY, code);
    document.documentElement.lang = code;
    document.title = t("title");
    document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
    for (const attribute of ["title", "aria-label", "placeholder"]) {
      document.querySelectorAll(`[data-i18n-${attribute}]`).forEach((node) => {
        node.setAttribute(attribute, t(node.getAttribute(`data-i18n-${attribute}`)));
      });
    }
    document.querySelectorAll("#languages [data-lang]").forEach((button) => {
      button.setAttribute("aria-pressed", String(button.dataset.lang === code));
    });
    log.querySelectorAll(".msg .who").forEach((who) => { who.textContent = t("who_" + who.parentNode.dataset.role); });
    log.querySelectorAll(".msg .said").forEach((label) => { label.textContent = t("user_said"); });
    log.querySelectorAll(".buttons").forEach((group) => group.setAttribute("aria-label", t("choices")));
  }

  function followLanguage(body) {
    if (body && body.language && body.language !== language) setLanguage(body.language);
  }

  // ---------- identity of this browser's conversation ----------

  function randomId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes); // crypto.randomUUID needs a secure context (https or localhost)
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function newSenderId() {
    return "web-" + randomId();
  }

  // Each message gets its own id, reused when the network fails and it is sent again:
  // the gateway answers a repeat with the first answer, so nothing is processed twice.
  const RETRY_DELAYS_MS = [1000, 3000];
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  function loadSender(fresh) {
    let id = fresh ? null : localStorage.getItem(SENDER_KEY);
    if (!id || !/^[A-Za-z0-9_.:@-]{1,100}$/.test(id)) {
      id = newSenderId();
      localStorage.setItem(SENDER_KEY, id);
    }
    return id;
  }

  // ---------- rendering ----------

  function atBottom() { return log.scrollHeight - log.scrollTop - log.clientHeight < 80; }
  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function bubble(role, body) {
    const item = document.createElement("div");
    item.className = "msg " + role;
    item.dataset.role = role;
    if (role !== "user") {
      const who = document.createElement("div");
      who.className = "who";
      who.textContent = t("who_" + role);
      item.append(who);
    } else {
      const label = document.createElement("span");
      label.className = "visually-hidden said";
      label.textContent = t("user_said");
      item.append(label);
    }
    const content = document.createElement("div");
    content.className = "bubble";
    content.textContent = body;
    item.append(content);
    return item;
  }

  function append(node) {
    const follow = atBottom() || node.classList.contains("user");
    log.append(node);
    if (follow) scrollDown();
  }

  function showUser(body) {
    const item = bubble("user", body);
    item.setAttribute("data-testid", "user-message");
    append(item);
    return item;
  }

  // A file the user sent: a thumbnail for a photo, a link for anything else (the gateway serves it
  // only to this conversation: GET /api/files/{id}?sender=).
  function showFile(item, url, type) {
    const holder = document.createElement("a");
    holder.className = "file";
    Object.assign(holder, { href: url, target: "_blank", rel: "noopener" });
    holder.dataset.testid = "sent-file";
    if (IMAGE_TYPES.includes(type)) {
      const image = document.createElement("img");
      Object.assign(image, { src: url, alt: t("sent_image"), loading: "lazy" });
      // The picture grows the log once decoded: keep following it if the log was at the bottom.
      image.addEventListener("load", () => {
        if (log.scrollHeight - log.scrollTop - log.clientHeight < 80 + image.offsetHeight) scrollDown();
      });
      holder.append(image);
    } else {
      holder.textContent = t("open_file");
    }
    item.querySelector(".bubble").after(holder);
  }

  function setStatus(item, statusText, failed) {
    let status = item.querySelector(".status");
    if (!status) {
      status = document.createElement("div");
      status.className = "status";
      item.append(status);
    }
    status.textContent = statusText;
    item.classList.toggle("failed", Boolean(failed));
    if (!statusText) status.remove();
  }

  function disableOldButtons() {
    log.querySelectorAll(".choice").forEach((b) => { b.disabled = true; });
  }

  function showMessage(message) {
    if (message.id && shown.has(message.id)) return;
    if (message.id) {
      shown.add(message.id);
      lastId = Math.max(lastId, message.id);
    }
    if (message.role === "user") return showHistoryUser(message);
    const role = ["bot", "advisor", "system"].includes(message.role) ? message.role : "bot";
    if (!message.text && !(message.buttons || []).length) return;
    const item = bubble(role, message.text || "");
    item.setAttribute("data-testid", role + "-message");
    if (message.id) item.dataset.id = message.id;
    if ((message.buttons || []).length) {
      const group = document.createElement("div");
      group.className = "buttons";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", t("choices"));
      for (const b of message.buttons) {
        payloadTitles[b.payload] = b.title;
        const button = document.createElement("button");
        button.type = "button";
        button.className = "choice";
        button.textContent = b.title;
        button.addEventListener("click", () => send(b.payload, b.title));
        group.append(button);
      }
      item.append(group);
    }
    append(item);
  }

  function showHistoryUser(message) {
    // Button presses are stored as their payload ("/affirm"): show the title the user clicked.
    let body = message.text;
    if (body.startsWith("/")) {
      body = payloadTitles[body];
      if (!body) return; // e.g. the silent greeting "/greet"
    }
    disableOldButtons();
    const item = bubble("user", body);
    if (message.file) showFile(item, message.file.url, message.file.type);
    append(item);
  }

  function setMode(mode) { banner.hidden = mode !== "advisor"; }

  function busy(delta) {
    pending += delta;
    typing.hidden = pending === 0;
    if (!typing.hidden && atBottom()) scrollDown();
  }

  function say(problem) {
    notice.textContent = problem;
    notice.hidden = !problem;
  }

  function problem(body, status, retryAfter) {
    // The gateway's errors read "中文 / English" with a code: the page says the common ones in its language.
    const code = body && body.error;
    if (code === "rate_limited") return t("error_rate_limited", { seconds: retryAfter || 3 });
    if (code && TEXTS[language]["error_" + code]) return t("error_" + code);
    if (body && typeof body.message === "string") {
      const [chinese, english] = body.message.split(" / ");
      return language === "en" && english ? english : chinese;
    }
    return t(status >= 500 ? "failed_5xx" : "failed");
  }

  // ---------- talking to the gateway ----------

  async function readJson(response) {
    try { return await response.json(); } catch (e) { return null; }
  }

  function send(payload, shownText) {
    say("");
    disableOldButtons();
    const item = shownText === null ? null : showUser(shownText);
    const conversation = sender;
    const messageId = randomId();
    queue = queue.then(() => post(conversation, payload, item, messageId));
    return queue;
  }

  async function postOnce(conversation, payload, messageId) {
    // A network failure (no answer at all) is tried again with the same message id.
    for (let attempt = 0; ; attempt++) {
      try {
        return await fetch("/api/messages", {
          method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ sender: conversation, text: payload, channel: "web", message_id: messageId }),
        });
      } catch (error) {
        if (attempt >= RETRY_DELAYS_MS.length) throw error;
        await sleep(RETRY_DELAYS_MS[attempt]);
      }
    }
  }

  async function post(conversation, payload, item, messageId) {
    busy(1);
    try {
      const response = await postOnce(conversation, payload, messageId);
      const body = await readJson(response);
      if (conversation !== sender) return; // a new conversation was started meanwhile
      if (response.ok) return showTurn(body);
      if (response.status === 413 && item) {
        setStatus(item, t("too_long_status"), true);
        if (!text.value) text.value = payload; // nothing the user wrote is lost
      } else if (response.status === 503 && body && (body.messages || []).length) {
        showTurn(body); // the gateway's apology, with the advisor button
        if (item) setStatus(item, t("saved"));
        return;
      } else if (response.status === 503 && item) {
        setStatus(item, t("saved_later"));
      } else if (item) {
        setStatus(item, t("not_sent"), true);
      }
      say(problem(body, response.status, response.headers.get("Retry-After")));
    } catch (error) {
      if (item) setStatus(item, t("not_sent"), true);
      say(t("offline"));
    } finally {
      busy(-1);
    }
  }

  function showTurn(body) {
    followLanguage(body);
    (body.messages || []).forEach(showMessage);
    setMode(body.mode);
  }

  function upload(file) {
    say("");
    if (!file) return;
    const item = showUser("📎 " + file.name);
    if (IMAGE_TYPES.includes(file.type)) showFile(item, URL.createObjectURL(file), file.type);
    if (file.size > MAX_UPLOAD_BYTES) {
      setStatus(item, t("not_sent"), true);
      say(t("file_too_big"));
      return;
    }
    if (file.size === 0) {
      // The dialogue explains an empty file itself; nothing special here.
    }
    setStatus(item, t("uploading"));
    disableOldButtons();
    const conversation = sender;
    queue = queue.then(() => sendFile(conversation, file, item));
  }

  function sendFile(conversation, file, item) {
    return new Promise((resolve) => {
      const data = new FormData();
      data.append("sender", conversation);
      data.append("channel", "web");
      data.append("message_id", randomId());
      data.append("file", file, file.name);
      const request = new XMLHttpRequest();
      request.open("POST", "/api/upload");
      request.responseType = "json";
      request.upload.addEventListener("progress", (e) => {
        if (e.lengthComputable) setStatus(item, `${t("uploading")} ${Math.round((e.loaded / e.total) * 100)}%`);
      });
      request.upload.addEventListener("load", () => { setStatus(item, t("checking")); busy(1); checking = true; });
      let checking = false;
      const done = () => { if (checking) busy(-1); resolve(); };
      request.addEventListener("load", () => {
        const body = request.response;
        if (conversation === sender) {
          if (request.status === 200) {
            setStatus(item, "");
            showTurn(body);
          } else if (request.status === 503 && body && (body.messages || []).length) {
            setStatus(item, t("saved"));
            showTurn(body); // the gateway's apology, with the advisor button
          } else {
            setStatus(item, request.status === 503 ? t("saved_later") : t("upload_failed"), request.status !== 503);
            say(problem(body, request.status, request.getResponseHeader("Retry-After")));
          }
        }
        done();
      });
      request.addEventListener("error", () => {
        setStatus(item, t("upload_failed"), true);
        say(t("upload_offline"));
        done();
      });
      request.send(data);
    });
  }

  async function loadHistory() {
    for (;;) {
      const response = await fetch(`/api/messages?sender=${encodeURIComponent(sender)}&after=${lastId}`);
      const body = await readJson(response);
      if (!response.ok) throw new Error(problem(body, response.status));
      followLanguage(body);
      body.messages.forEach((m) => {
        if (m.role === "user") { lastId = Math.max(lastId, m.id); shown.add(m.id); showHistoryUser(m); }
        else showMessage(m);
      });
      setMode(body.mode);
      if (body.messages.length < 500) return body;
    }
  }

  function listen() {
    clearTimeout(reconnectTimer);
    if (events) events.close();
    const conversation = sender;
    events = new EventSource(`/api/events?sender=${encodeURIComponent(sender)}&after=${lastId}`);
    events.addEventListener("message", (e) => {
      if (conversation !== sender) return;
      let message;
      try { message = JSON.parse(e.data); } catch (error) { return; }
      showMessage(message);
      if (message.role === "advisor") setMode("advisor");
    });
    events.addEventListener("error", () => {
      // The browser retries by itself (with Last-Event-ID) unless the stream was refused; then we do.
      if (events.readyState === EventSource.CLOSED) reconnectTimer = setTimeout(listen, RECONNECT_MS);
    });
  }

  async function start(fresh) {
    if (events) events.close();
    sender = loadSender(fresh);
    lastId = 0; shown = new Set(); payloadTitles = {};
    document.querySelectorAll("#languages [data-lang]").forEach((button) => {
      payloadTitles[button.dataset.command] = LANGUAGE_NAMES[button.dataset.lang]; // shown as the choice in history
    });
    setLanguage(localStorage.getItem(LANGUAGE_KEY) || browserLanguage()); // until the conversation says otherwise
    log.replaceChildren();
    setMode("bot");
    say("");
    let history = null;
    try {
      history = await loadHistory();
    } catch (error) {
      say(t("start_offline"));
    }
    listen();
    if (history && history.messages.length === 0) {
      send(GREETINGS[language], null); // a first visit: the assistant says hello with its menu, in the page's language
    }
  }

  // ---------- controls ----------

  function setLarge(on) {
    document.documentElement.classList.toggle("large", on);
    $("large-text").setAttribute("aria-pressed", String(on));
    localStorage.setItem(LARGE_KEY, on ? "1" : "0");
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = text.value.trim();
    if (!value) return;
    text.value = "";
    resize();
    send(value, value);
    text.focus();
  });
  text.addEventListener("keydown", (e) => {
    // Enter sends; Shift+Enter is a new line; typing with an input method (拼音) is left alone.
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  function resize() {
    text.style.height = "auto";
    text.style.height = Math.min(text.scrollHeight + 4, 8 * 16 * (document.documentElement.classList.contains("large") ? 1.3 : 1)) + "px";
  }
  text.addEventListener("input", resize);
  attach.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", () => {
    const file = fileInput.files && fileInput.files[0];
    fileInput.value = ""; // the same file may be chosen again
    upload(file);
  });
  $("large-text").addEventListener("click", () => setLarge(!document.documentElement.classList.contains("large")));
  document.querySelectorAll("#languages [data-lang]").forEach((button) => {
    button.addEventListener("click", () => {
      if (button.dataset.lang === language) return;
      setLanguage(button.dataset.lang); // at once; the gateway confirms it with the turn's "language"
      send(button.dataset.command, LANGUAGE_NAMES[button.dataset.lang]);
      text.focus();
    });
  });
  $("new-chat").addEventListener("click", () => { start(true); text.focus(); });

  const dropHint = $("drop-hint");
  let dragDepth = 0;
  document.addEventListener("dragenter", (e) => { if (e.dataTransfer && [...e.dataTransfer.types].includes("Files")) { dragDepth++; dropHint.hidden = false; } });
  document.addEventListener("dragleave", () => { dragDepth = Math.max(0, dragDepth - 1); if (!dragDepth) dropHint.hidden = true; });
  document.addEventListener("dragover", (e) => e.preventDefault());
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    dragDepth = 0; dropHint.hidden = true;
    if (e.dataTransfer && e.dataTransfer.files.length) upload(e.dataTransfer.files[0]);
  });

  setLarge(localStorage.getItem(LARGE_KEY) === "1");
  start(false);
})();
