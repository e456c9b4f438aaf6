{% load static %}// nocontact's service worker: keeps the pause working with no network. Nothing here talks to another server.
// v4: the pause as a calm step-by-step flow, with its own stylesheet (urges/pause.css). A new name re-fetches the
// whole shell on install, so every device gets the new page and its files together.
const CACHE = "nocontact-pause-v4";
const SHELL = [
  "/pause/", "{% static 'nocontact/app.css' %}", "{% static 'nocontact/app.js' %}", "{% static 'urges/pause.js' %}",
  "{% static 'urges/pause.css' %}",
  "{% static 'nocontact/icon.svg' %}", "{% static 'nocontact/notes.svg' %}", "/manifest.webmanifest",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "forget") { event.waitUntil(caches.delete(CACHE)); }
  // The safeguards changed (discreet mode): keep the pause offline, but with today's name and icon.
  if (event.data === "refresh") {
    event.waitUntil(caches.delete(CACHE).then(() => caches.open(CACHE)).then((cache) => cache.addAll(SHELL)));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  // The API (the pause's data, sync and the person's key for what is kept on the device) is never stored here.
  if (url.pathname.startsWith("/api/")) { return; }
  const key = url.pathname === "/pause/" ? "/pause/" : url.pathname;
  if (!SHELL.includes(key)) {
    if (request.mode === "navigate" && url.pathname !== "/exit/") {
      // Any page, when the network is gone: the pause still opens.
      event.respondWith(fetch(request).catch(() => caches.match("/pause/")));
    }
    return;
  }
  if (key === "/manifest.webmanifest") {
    // The manifest follows the safeguards (discreet mode): the network first, the cache when offline.
    event.respondWith(
      fetch(request).then((response) => {
        if (response.ok) { const copy = response.clone(); caches.open(CACHE).then((cache) => cache.put(key, copy)); }
        return response;
      }).catch(() => caches.match(key))
    );
    return;
  }
  // The pause never waits on the network: answer from the cache, refresh it in the background.
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(key).then((cached) => {
      const fresh = fetch(request).then((response) => {
        if (response.ok && !response.redirected) { cache.put(key, response.clone()); }
        return response;
      }).catch(() => cached);
      return cached || fresh;
    }))
  );
});
