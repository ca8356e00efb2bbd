// Copy, print and download for one-time secrets, show/hide for password fields: progressive
// enhancement only (src/platform/views/secret.tsx renders the buttons hidden; this script shows
// them). Without JavaScript the secrets are plain selectable text and the fields plain inputs.
(function () {
  'use strict';

  // The element holding the secret: the target itself (a list with data-secret) or its <code>.
  function sourceOf(target) {
    return target.hasAttribute('data-secret') ? target : target.querySelector('code') || target;
  }

  function secretText(target) {
    var el = sourceOf(target);
    var data = el.getAttribute('data-secret');
    return data !== null ? data : (el.textContent || '').trim();
  }

  function select(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function setUpCopy(button) {
    var target = document.getElementById(button.getAttribute('data-copy'));
    var status = document.getElementById(button.getAttribute('data-copy') + '-status');
    if (!target) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = secretText(target);
      function say(message) { if (status) status.textContent = message; }
      function fallback() {
        // No clipboard API (plain http, old browser, permission refused): select it for Ctrl+C.
        select(sourceOf(target));
        say(button.getAttribute('data-selected'));
      }
      say('');
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { say(button.getAttribute('data-copied')); }, fallback);
      } else {
        fallback();
      }
    });
  }

  function setUpDownload(button) {
    var target = document.getElementById(button.getAttribute('data-download'));
    if (!target || typeof Blob === 'undefined' || !window.URL) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var url = URL.createObjectURL(new Blob([secretText(target) + '\n'], { type: 'text/plain;charset=utf-8' }));
      var a = document.createElement('a');
      a.href = url;
      a.download = button.getAttribute('data-filename') || 'codes.txt';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
  }

  function setUpPrint(button) {
    if (typeof window.print !== 'function') return;
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  }

  function setUpReveal(button) {
    var input = document.getElementById(button.getAttribute('data-reveal'));
    if (!input) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var show = input.type === 'password';
      input.type = show ? 'text' : 'password';
      button.textContent = button.getAttribute(show ? 'data-hide' : 'data-show');
      input.focus();
    });
    // Never submit a form with the password left visible on screen afterwards.
    if (input.form) input.form.addEventListener('submit', function () {
      input.type = 'password';
      button.textContent = button.getAttribute('data-show');
    });
  }

  document.querySelectorAll('button[data-copy]').forEach(setUpCopy);
  document.querySelectorAll('button[data-download]').forEach(setUpDownload);
  document.querySelectorAll('button[data-print]').forEach(setUpPrint);
  document.querySelectorAll('button[data-reveal]').forEach(setUpReveal);
})();
