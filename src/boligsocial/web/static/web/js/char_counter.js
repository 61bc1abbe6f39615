/* A live character count under a textarea with data-char-limit: the visible count follows
   every keystroke; the screen-reader announcement (aria-live="polite") only after a pause,
   so it does not talk over the typing. The words come from the page (data-count-text,
   data-over-text), numbers in the page's language (1.234 in Danish). The limit is enforced
   by the server; the count only tells. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "da";
  var format = new Intl.NumberFormat(lang);

  function words(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, key) {
      return format.format(values[key]);
    });
  }

  function setUp(area) {
    var limit = parseInt(area.getAttribute("data-char-limit"), 10);
    var shown = document.getElementById(area.getAttribute("data-count-target"));
    var live = document.getElementById(area.getAttribute("data-live-target"));
    if (!limit || !shown) {
      return;
    }
    var timer = null;
    function text() {
      var count = area.value.length;
      var values = { count: count, limit: limit, over: count - limit };
      var over = count > limit;
      return {
        over: over,
        text: words(area.getAttribute(over ? "data-over-text" : "data-count-text"), values)
      };
    }
    function update(announce) {
      var now = text();
      shown.textContent = now.text;
      shown.classList.toggle("bs-char-count--over", now.over);
      if (live && announce) {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          live.textContent = text().text;
        }, 1000);
      }
    }
    area.addEventListener("input", function () {
      update(true);
    });
    update(false);
  }

  var areas = document.querySelectorAll("textarea[data-char-limit]");
  for (var i = 0; i < areas.length; i++) {
    setUp(areas[i]);
  }
})();
