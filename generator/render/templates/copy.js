// Copy buttons (staff kit): the Clipboard API where allowed, else select the text and execCommand
// (WeChat's in-app browser on older phones has no Clipboard API).
document.addEventListener("click", function (e) {
  var b = e.target.closest && e.target.closest("[data-qunma-copy]");
  if (!b) return;
  var el = document.getElementById(b.getAttribute("data-qunma-copy"));
  function done() { b.textContent = b.getAttribute("data-done"); }
  function select() {
    var r = document.createRange(), s = window.getSelection();
    r.selectNodeContents(el);
    s.removeAllRanges();
    s.addRange(r);
    try { if (document.execCommand("copy")) done(); } catch (x) { /* the text stays selected */ }
  }
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(el.textContent).then(done, select);
  else select();
});
