// Index of the window holding time t (ms); the first one when t is before it (the phone's clock is behind
// the build); -1 when t falls in no window, which shows the fallback, never a dead code.
function qmPick(w, t) {
  for (var i = 0; i < w.length; i++) {
    if (t < w[i].s) return i === 0 ? 0 : -1;
    if (w[i].e === null || t < w[i].e) return i;
  }
  return -1;
}
// The next moment after t at which the shown window changes (null: never).
function qmNext(w, t) {
  for (var i = 0; i < w.length; i++) {
    if (w[i].s > t) return w[i].s;
    if (w[i].e !== null && w[i].e > t) return w[i].e;
  }
  return null;
}
// Runs in <head>, before the cards exist: it picks the window of the phone's clock and says on <html> which
// card shows (qm-g: the group's; qm-f: the fallback; qm-e: the campaign has ended, which also hides what
// only a running campaign offers), so the first paint is already right. qmStart(), called just after the
// cards, draws the window (the code's <img> is made here: the build-time one is only in a <noscript>, never
// fetched) and keeps it current.
if (typeof document !== "undefined") (function () {
  var d = document, data = JSON.parse(d.getElementById("qm-tl").textContent), w = data.w, timer = 0;
  var cur = qmPick(w, Date.now());
  function $(id) { return d.getElementById(id); }
  function win(i) { return i < 0 ? data.x : w[i]; }
  function mode(x) { d.documentElement.className = x.g ? "qm-g" : x.k === "ended" ? "qm-f qm-e" : "qm-f"; }
  function text(id, value) { var e = $(id); if (e) e.textContent = value || ""; }
  function show(x) {
    var img;
    mode(x);
    if (x.g) {
      img = $("group-qr");
      if (!img) {
        img = d.createElement("img");
        img.id = "group-qr";
        img.width = img.height = 224;
        $("qm-qr").appendChild(img);
      }
      img.alt = x.a;
      img.setAttribute("data-group", x.g);
      img.src = x.q;
      text("group-name", x.n);
      text("group-count", x.c);
      text("group-exp", x.x);
    } else {
      text("state-msg", x.m);
      text("state-text", x.t);
      img = $("contact-qr");
      if (img && !img.getAttribute("src")) img.src = img.getAttribute("data-src");
    }
  }
  function tick() {
    var t = Date.now(), i = qmPick(w, t), n = qmNext(w, t);
    clearTimeout(timer);
    // The next look is booked before drawing: whatever happens while drawing, the page keeps rotating.
    // Timers sleep while WeChat is in the background: visibilitychange re-checks on return.
    if (n !== null) timer = setTimeout(tick, Math.min(n - t + 250, 2147483647));
    if (i !== cur) {
      cur = i;
      show(win(i));
    }
  }
  mode(win(cur));
  window.qmStart = function () {
    show(win(cur));
    d.addEventListener("visibilitychange", tick);
    tick();
  };
})();
