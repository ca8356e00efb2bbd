// Password strength meter for the mail administration: progressive enhancement only. The form
// works without it and the server checks every password again (zxcvbn, German dictionary,
// minimum score). zxcvbn's bundles (about 2 MB) load on the first keystroke, not with the page.
(function () {
  'use strict';
  var BUNDLES = ['core.js', 'language-common.js', 'language-de.js'];
  var loading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  function loadZxcvbn() {
    if (!loading) {
      loading = BUNDLES.reduce(function (p, name) {
        return p.then(function () { return loadScript('/mail-admin/assets/zxcvbn/' + name); });
      }, Promise.resolve()).then(function () {
        var z = window.zxcvbnts;
        var common = z['language-common'];
        var de = z['language-de'];
        z.core.zxcvbnOptions.setOptions({
          dictionary: Object.assign({}, common.dictionary, de.dictionary),
          graphs: common.adjacencyGraphs,
          translations: de.translations,
        });
        return z.core.zxcvbn;
      });
    }
    return loading;
  }

  function setUp(box) {
    var input = box.querySelector('input[type="password"]');
    var output = box.querySelector('[data-strength-output]');
    if (!input || !output) return;
    var labels = (box.getAttribute('data-labels') || '0|1|2|3|4').split('|');
    var minScore = Number(box.getAttribute('data-min-score') || 3);
    var userInputs = (box.getAttribute('data-user-inputs') || '').split(' ').filter(Boolean);
    var meter = document.createElement('meter');
    meter.min = 0;
    meter.max = 4;
    meter.low = minScore - 0.5;
    meter.high = 3.5;
    meter.optimum = 4;
    meter.value = 0;
    meter.setAttribute('aria-hidden', 'true');
    meter.style.width = '100%';
    output.parentNode.insertBefore(meter, output);

    function update() {
      var value = input.value;
      if (!value) {
        meter.value = 0;
        output.textContent = '';
        return;
      }
      output.textContent = box.getAttribute('data-loading') || '…';
      loadZxcvbn().then(function (zxcvbn) {
        if (input.value !== value) return;
        var result = zxcvbn(value.slice(0, 100), userInputs);
        meter.value = result.score;
        var hint = result.feedback.warning || (result.feedback.suggestions || [])[0] || '';
        output.textContent = labels[result.score] + (hint ? ' – ' + hint : '');
      }).catch(function () {
        output.textContent = '';
      });
    }
    input.addEventListener('input', update);
  }

  // "Generate" needs no typed password: hide the fields while it is chosen.
  function setUpModeSwitch(fieldset) {
    var radios = fieldset.querySelectorAll('input[name="mode"][type="radio"]');
    if (radios.length === 0) return;
    var fields = fieldset.querySelectorAll('.field, [data-strength]');
    function sync() {
      var generate = fieldset.querySelector('input[name="mode"][value="generate"]').checked;
      fields.forEach(function (f) { f.hidden = generate; });
    }
    radios.forEach(function (r) { r.addEventListener('change', sync); });
    sync();
  }

  document.querySelectorAll('[data-strength]').forEach(setUp);
  document.querySelectorAll('fieldset').forEach(setUpModeSwitch);
})();
