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
if (typeof document !== "undefined") (function () {
  var d = document, data = JSON.parse(d.getElementById("qm-tl").textContent), w = data.w, cur = 0, timer = 0;
  function $(id) { return d.getElementById(id); }
  function show(win) {
    var card = $("qm-card"), fb = $("qm-fallback"), img = $("group-qr"), i, gn;
    if (win.g) {
      if (!img) {
        img = d.createElement("img");
        img.id = "group-qr";
        img.width = img.height = 224;
        card.querySelector(".qr").appendChild(img);
      }
      img.src = win.q;
      img.alt = win.a;
      img.setAttribute("data-group", win.g);
      $("group-name").textContent = win.n;
      $("group-exp").textContent = win.x;
      gn = d.querySelectorAll(".qm-gn");
      for (i = 0; i < gn.length; i++) gn[i].textContent = win.n;
      card.hidden = false;
      fb.hidden = true;
    } else {
      $("state-msg").textContent = win.m;
      img = $("contact-qr");
      if (img && !img.getAttribute("src")) img.src = img.getAttribute("data-src");
      fb.hidden = false;
      card.hidden = true;
    }
  }
  function tick() {
    var t = Date.now(), i = qmPick(w, t), n = qmNext(w, t);
    if (i !== cur) {
      cur = i;
      show(i < 0 ? { m: data.m } : w[i]);
    }
    clearTimeout(timer);
    // Timers sleep while WeChat is in the background: visibilitychange re-checks on return.
    if (n !== null) timer = setTimeout(tick, Math.min(n - t + 250, 2147483647));
  }
  d.addEventListener("visibilitychange", tick);
  tick();
})();
