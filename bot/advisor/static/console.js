// Advisor console: live timers, queue refresh, transcript polling, reply without reload.
// No build step; everything degrades to plain forms and links without JavaScript.
"use strict";

// The server's clock may be frozen for demos, and the browser's may be off:
// all times are computed on the server's clock, advanced by the time since page load.
const serverStart = Date.parse(document.body.dataset.serverNow);
const pageStart = Date.now();
const serverNow = () => serverStart + (Date.now() - pageStart);
const csrfToken = document.body.dataset.csrfToken;

function waited(ms) {
  const minutes = Math.floor(ms / 60000);
  if (minutes < 1) return `${Math.max(0, Math.floor(ms / 1000))}秒`;
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours}小时${minutes % 60}分钟` : `${minutes}分钟`;
}

function tickTimers() {
  const now = serverNow();
  document.querySelectorAll("[data-testid=queue-item]").forEach((item) => {
    const timer = item.querySelector(".timer");
    timer.textContent = `已等待 ${waited(now - Date.parse(item.dataset.created))}`;
    const overdue = item.dataset.answered !== "true" && now > Date.parse(item.dataset.due);
    item.classList.toggle("is-overdue", overdue);
    item.dataset.overdue = String(overdue);
  });
}

async function refreshQueue(container) {
  try {
    const response = await fetch(window.location.href, { headers: { Accept: "text/html" } });
    if (response.redirected && new URL(response.url).pathname.endsWith("/login")) {
      window.location.href = response.url;  // the session ended
      return;
    }
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("queue-list");
    if (response.ok && fresh) {
      document.getElementById("queue-list").replaceWith(fresh);
      const count = page.querySelector("[data-testid=queue-count]");
      if (count) document.querySelector("[data-testid=queue-count]").textContent = count.textContent;
      tickTimers();
    }
  } catch (error) { /* offline for a moment: try again at the next refresh */ }
}

function messageElement(m) {
  const li = document.createElement("li");
  li.className = `message role-${m.role}`;
  li.dataset.testid = "message";
  li.dataset.role = m.role;
  li.dataset.messageId = m.id;
  const meta = document.createElement("span");
  meta.className = "meta";
  meta.textContent = `${m.role_label} · ${m.time}`;
  const text = document.createElement("p");
  text.className = "text";
  text.textContent = m.text;  // textContent: user text is never parsed as HTML
  li.append(meta, text);
  if (m.file_url) {
    const file = document.createElement("p");
    file.className = "file";
    const link = document.createElement("a");
    Object.assign(link, { href: m.file_url, target: "_blank", rel: "noopener", textContent: "查看文件" });
    link.dataset.testid = "sent-file";
    file.append(link);
    li.append(file);
  }
  if (m.buttons.length) {
    const buttons = document.createElement("p");
    buttons.className = "buttons";
    m.buttons.forEach((title) => {
      const chip = document.createElement("span");
      chip.className = "chip";
      chip.textContent = title;
      buttons.append(chip);
    });
    li.append(buttons);
  }
  return li;
}

async function pollTranscript(list) {
  try {
    const url = `${list.dataset.messagesUrl}?after=${list.dataset.lastId}`;
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (response.status === 401) { window.location.reload(); return; }
    if (!response.ok) return;
    const data = await response.json();
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    data.messages.forEach((m) => {
      if (list.querySelector(`[data-message-id="${m.id}"]`)) return;
      list.append(messageElement(m));
      list.dataset.lastId = m.id;
    });
    if (atBottom && data.messages.length) list.scrollTop = list.scrollHeight;
    const status = document.getElementById("handoff-status");
    if (status && status.dataset.status !== data.status) {
      status.dataset.status = data.status;
      status.textContent = data.status_label;
    }
  } catch (error) { /* try again at the next poll */ }
}

function sendReplyWithoutReload(form, list) {
  const box = form.querySelector("textarea");
  const status = form.querySelector("#reply-status");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!box.value.trim()) { status.textContent = "回复内容不能为空。"; return; }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST", body: new URLSearchParams(new FormData(form)),
        headers: { Accept: "application/json", "X-CSRF-Token": csrfToken },
      });
      const data = await response.json();
      status.textContent = data.message || data.error || "";
      if (response.ok && data.ok) { box.value = ""; if (list) await pollTranscript(list); }
    } catch (error) {
      status.textContent = "发送失败，请检查网络后重试。";
    } finally {
      button.disabled = false;
      box.focus();
    }
  });
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });
}

document.addEventListener("DOMContentLoaded", () => {
  tickTimers();
  setInterval(tickTimers, 1000);
  const refreshing = document.querySelector("[data-refresh]");
  if (refreshing) setInterval(() => refreshQueue(refreshing), Number(refreshing.dataset.refresh));

  const list = document.getElementById("transcript");
  if (list) {
    list.scrollTop = list.scrollHeight;
    setInterval(() => pollTranscript(list), 2000);
  }
  const reply = document.getElementById("reply-form");
  if (reply) sendReplyWithoutReload(reply, list);

  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  document.querySelectorAll("[data-copy]").forEach((button) => {
    button.addEventListener("click", async () => {
      const text = document.querySelector(button.dataset.copy).textContent;
      try { await navigator.clipboard.writeText(text); button.textContent = "已复制"; }
      catch (error) { button.textContent = "请手动选择复制"; }
    });
  });
});
