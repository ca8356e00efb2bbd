// SupportCenter: FAQ suggestions while typing a ticket subject. Progressive enhancement only:
// without this script the form page shows suggestions for a prefilled subject, server-side.
(function () {
  'use strict';
  var subject = document.getElementById('f-subject');
  var box = document.getElementById('faq-suggestions');
  if (!subject || !box) return;
  var list = box.querySelector('ul');
  var timer = null;
  var last = '';

  function render(results) {
    while (list.firstChild) list.removeChild(list.firstChild);
    results.forEach(function (r) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = r.href;
      a.target = '_blank';
      a.rel = 'noopener';
      a.textContent = r.question;
      li.appendChild(a);
      list.appendChild(li);
    });
    box.hidden = results.length === 0;
  }

  function lookup() {
    var q = subject.value.trim();
    if (q === last) return;
    last = q;
    if (q.length < 3) return render([]);
    fetch('/support/faq-suggestions?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (res) { return res.ok ? res.json() : { results: [] }; })
      .then(function (data) { if (subject.value.trim() === q) render(data.results || []); })
      .catch(function () { /* suggestions are optional */ });
  }

  subject.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(lookup, 300);
  });
})();
