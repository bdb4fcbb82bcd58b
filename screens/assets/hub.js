// Hub's only script: it enhances pages that already work without it. Countdowns tick every 30 seconds from the
// due time the server wrote; the incident board and the inbox fetch their table again every 30 seconds without
// losing the reader's place; an error summary takes focus so that screen readers announce it.
(function () {
  "use strict";
  // The words come from the page (the catalogue of its language), never from this script.
  var words = {};

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return values[name] !== undefined ? values[name] : all; });
  }

  function duration(seconds) {
    var minutes = Math.max(0, Math.floor(seconds / 60));
    var days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60), mins = minutes % 60;
    if (days > 0) return format(words.daysHours, { days: days, hours: hours });
    if (hours > 0) return format(words.hoursMinutes, { hours: hours, minutes: mins });
    return format(words.minutes, { minutes: mins });
  }

  function tick() {
    var now = Date.now();
    var nodes = document.querySelectorAll("[data-due]");
    for (var i = 0; i < nodes.length; i++) {
      var due = Date.parse(nodes[i].getAttribute("data-due"));
      if (isNaN(due)) continue;
      var left = (due - now) / 1000;
      nodes[i].textContent = format(left >= 0 ? words.left : words.overdue, { time: duration(Math.abs(left)) });
      nodes[i].classList.toggle("countdown--overdue", left < 0);
    }
  }

  function refresh(region) {
    var source = region.getAttribute("data-refresh");
    if (!source || document.hidden) return;
    var request = new XMLHttpRequest();
    request.open("GET", source, true);
    request.setRequestHeader("Accept", "text/html");
    request.onload = function () {
      if (request.status !== 200) return;
      var parsed = new DOMParser().parseFromString(request.responseText, "text/html");
      var fresh = parsed.getElementById(region.id);
      if (fresh && fresh.innerHTML !== region.innerHTML && !region.contains(document.activeElement)) {
        region.innerHTML = fresh.innerHTML;
        tick();
      }
    };
    request.send();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var data = document.body.dataset;
    words = { left: data.left, overdue: data.overdue, daysHours: data.daysHours, hoursMinutes: data.hoursMinutes, minutes: data.minutes };
    var summary = document.querySelector("[data-focus]");
    if (summary) summary.focus();
    if (words.left) {
      tick();
      window.setInterval(tick, 30000);
    }
    var regions = document.querySelectorAll("[data-refresh]");
    for (var i = 0; i < regions.length; i++) {
      (function (region) { window.setInterval(function () { refresh(region); }, 30000); })(regions[i]);
    }
  });
})();
