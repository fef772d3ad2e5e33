(function () {
  "use strict";
  var form = document.getElementById("kb-filters");
  var person = document.getElementById("kb-person");
  var years = Array.prototype.slice.call(document.querySelectorAll("input[name=year]"));
  var statuses = Array.prototype.slice.call(document.querySelectorAll("input[name=status]"));
  var meetings = Array.prototype.slice.call(document.querySelectorAll("li.meeting"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.year"));
  var count = document.getElementById("kb-count");
  var empty = document.getElementById("kb-empty");

  function checked(boxes) {
    var on = {};
    boxes.forEach(function (b) { if (b.checked) { on[b.value] = true; } });
    return on;
  }

  function apply(updateHash) {
    var who = person.value, yearOn = checked(years), statusOn = checked(statuses), shown = 0;
    meetings.forEach(function (li) {
      var people = JSON.parse(li.getAttribute("data-people") || "[]");
      var ok = (!who || people.indexOf(who) >= 0) && yearOn[li.getAttribute("data-year")] &&
               statusOn[li.getAttribute("data-status")];
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    sections.forEach(function (s) { s.hidden = !s.querySelector("li.meeting:not([hidden])"); });
    count.textContent = "Showing " + shown + " of " + meetings.length + " meetings";
    empty.hidden = shown !== 0;
    if (updateHash && window.history && history.replaceState) {
      var parts = [];
      if (who) { parts.push("person=" + encodeURIComponent(who)); }
      var ys = years.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      if (ys.length !== years.length) { parts.push("year=" + ys.map(encodeURIComponent).join(",")); }
      var st = statuses.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      if (st.length !== statuses.length) { parts.push("status=" + st.join(",")); }
      try { history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search); } catch (e) {}
    }
  }

  function fromHash() {
    var h = (location.hash || "").replace(/^#/, ""), params = {};
    h.split("&").forEach(function (kv) {
      if (!kv) { return; }
      var i = kv.indexOf("=");
      var k = i < 0 ? kv : kv.slice(0, i), v = i < 0 ? "" : kv.slice(i + 1);
      try { params[decodeURIComponent(k)] = decodeURIComponent(v.replace(/\+/g, " ")); } catch (e) {}
    });
    person.value = "";
    if (params.person) {
      Array.prototype.forEach.call(person.options, function (o) { if (o.value === params.person) { person.value = o.value; } });
    }
    var ys = params.year ? params.year.split(",") : null;
    years.forEach(function (b) { b.checked = !ys || ys.indexOf(b.value) >= 0; });
    var st = params.status ? params.status.split(",") : null;
    statuses.forEach(function (b) { b.checked = !st || st.indexOf(b.value) >= 0; });
    apply(false);
  }

  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  document.getElementById("kb-reset").addEventListener("click", function () {
    person.value = ""; years.concat(statuses).forEach(function (b) { b.checked = true; }); apply(true);
  });
  document.getElementById("kb-open-all").addEventListener("click", function () {
    var open = !document.querySelector("li.meeting details[open]");
    Array.prototype.forEach.call(document.querySelectorAll("li.meeting details"), function (d) { d.open = open; });
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
  document.body.setAttribute("data-ready", "1");
})();
