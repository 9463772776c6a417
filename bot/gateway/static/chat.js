// 理赔小助手 web chat: vanilla JavaScript, no build step.
// Talks to the gateway: POST /api/messages, POST /api/upload, GET /api/messages (history),
// GET /api/events (live advisor/system messages). All text goes in with textContent, never parsed as HTML.
"use strict";

(() => {
  const SENDER_KEY = "claims.webchat.sender";
  const LARGE_KEY = "claims.webchat.largeText";
  const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
  const RECONNECT_MS = 3000;
  const WHO = { bot: "助手", advisor: "人工顾问", system: "通知", user: "我" };

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
      who.textContent = WHO[role] || WHO.bot;
      item.append(who);
    } else {
      const label = document.createElement("span");
      label.className = "visually-hidden";
      label.textContent = "我说：";
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
      group.setAttribute("aria-label", "可选的回答");
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
    append(bubble("user", body));
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

  function chinese(body, status) {
    // The gateway's errors read "中文 / English": people get the Chinese half.
    if (body && typeof body.message === "string") return body.message.split(" / ")[0];
    if (status >= 500) return "助手暂时无法回复，请稍后再试。";
    return "发送没有成功，请稍后再试。";
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
        setStatus(item, "未发送：太长了", true);
        if (!text.value) text.value = payload; // nothing the user wrote is lost
      } else if (response.status === 503 && body && (body.messages || []).length) {
        showTurn(body); // the gateway's apology, with the advisor button
        if (item) setStatus(item, "已保存");
        return;
      } else if (response.status === 503 && item) {
        setStatus(item, "已保存，助手稍后回复");
      } else if (item) {
        setStatus(item, "未发送", true);
      }
      say(chinese(body, response.status));
    } catch (error) {
      if (item) setStatus(item, "未发送", true);
      say("连接不上助手，请检查网络后再发一次。");
    } finally {
      busy(-1);
    }
  }

  function showTurn(body) {
    (body.messages || []).forEach(showMessage);
    setMode(body.mode);
  }

  function upload(file) {
    say("");
    if (!file) return;
    const item = showUser("📎 " + file.name);
    if (file.size > MAX_UPLOAD_BYTES) {
      setStatus(item, "未发送", true);
      say("这个文件超过20MB，太大了。请压缩照片，或分页拍照后一张一张发送。");
      return;
    }
    if (file.size === 0) {
      // The dialogue explains an empty file itself; nothing special here.
    }
    setStatus(item, "正在上传…");
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
        if (e.lengthComputable) setStatus(item, `正在上传… ${Math.round((e.loaded / e.total) * 100)}%`);
      });
      request.upload.addEventListener("load", () => { setStatus(item, "已上传，正在检查…"); busy(1); checking = true; });
      let checking = false;
      const done = () => { if (checking) busy(-1); resolve(); };
      request.addEventListener("load", () => {
        const body = request.response;
        if (conversation === sender) {
          if (request.status === 200) {
            setStatus(item, "");
            showTurn(body);
          } else if (request.status === 503 && body && (body.messages || []).length) {
            setStatus(item, "已保存");
            showTurn(body); // the gateway's apology, with the advisor button
          } else {
            setStatus(item, request.status === 503 ? "已保存，助手稍后回复" : "上传失败", request.status !== 503);
            say(chinese(body, request.status));
          }
        }
        done();
      });
      request.addEventListener("error", () => {
        setStatus(item, "上传失败", true);
        say("上传没有成功，请检查网络后再试一次。");
        done();
      });
      request.send(data);
    });
  }

  async function loadHistory() {
    for (;;) {
      const response = await fetch(`/api/messages?sender=${encodeURIComponent(sender)}&after=${lastId}`);
      const body = await readJson(response);
      if (!response.ok) throw new Error(chinese(body, response.status));
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
    log.replaceChildren();
    setMode("bot");
    say("");
    let history = null;
    try {
      history = await loadHistory();
    } catch (error) {
      say("连接不上助手，请稍后刷新页面再试。");
    }
    listen();
    if (history && history.messages.length === 0) {
      send("/greet", null); // a first visit: the assistant says hello with its menu
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
