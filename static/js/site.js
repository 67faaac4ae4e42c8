// Progressive enhancement only: the site works without this file.

// Exit this page, as GOV.UK's component does it: the button, and Shift pressed on
// its own three times within 5 seconds. Shift held for a capital letter, or any
// other key, starts the count again, so typing "CM20 1AA" never leaves by accident.
// Progress is shown and announced. Leaving blanks the page at once and replaces
// this history entry, so Back does not return to it.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-exit]");
  if (!buttons.length) { return; }
  var target = buttons[0].href;
  var indicator = document.querySelector("[data-exit-progress]");
  var announcer = document.querySelector("[data-exit-announce]");
  var TIMEOUT = 5000;
  var count = 0;
  var lastKeyWasModified = false;
  var timer = null;

  function say(text) {
    if (announcer) { announcer.textContent = text; }
  }

  function show() {
    if (!indicator) { return; }
    indicator.hidden = count === 0;
    var dots = indicator.querySelectorAll("span");
    for (var i = 0; i < dots.length; i += 1) {
      dots[i].className = i < count ? "on" : "";
    }
  }

  function reset() {
    count = 0;
    if (timer) { clearTimeout(timer); timer = null; }
    show();
  }

  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.classList.add("leaving");
    document.title = "";
    say(announcer ? announcer.getAttribute("data-leaving") : "");
    window.location.replace(target);
  }

  for (var i = 0; i < buttons.length; i += 1) {
    buttons[i].addEventListener("click", leave);
  }

  document.addEventListener("keyup", function (event) {
    var isShift = event.key === "Shift" || event.keyCode === 16;
    if (isShift && !lastKeyWasModified) {
      count += 1;
      show();
      if (count >= 3) {
        reset();
        leave();
      } else {
        var left = 3 - count;
        say((announcer.getAttribute(left === 1 ? "data-one-more" : "data-two-more")) || "");
        if (count === 1) {
          timer = setTimeout(function () {
            reset();
            say(announcer.getAttribute("data-expired") || "");
          }, TIMEOUT);
        }
      }
    } else if (count > 0) {
      reset();
    }
    lastKeyWasModified = event.shiftKey;
  });
}());

// "Use my location" asks the browser only after the person presses the button
// (SAFE-6); coordinates go to this site's own search and are not stored.
(function () {
  "use strict";
  var button = document.querySelector("[data-use-location]");
  if (!button || !("geolocation" in navigator)) { return; }
  var form = button.form;
  var status = form.querySelector("[data-location-status]");
  button.hidden = false;

  function setHidden(name, value) {
    var input = form.querySelector("input[type=hidden][name=" + name + "]");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  button.addEventListener("click", function () {
    status.textContent = button.getAttribute("data-finding") || "Finding your location…";
    navigator.geolocation.getCurrentPosition(function (position) {
      setHidden("lat", position.coords.latitude.toFixed(3));
      setHidden("lon", position.coords.longitude.toFixed(3));
      form.querySelector("[name=near]").value = "";
      form.submit();
    }, function () {
      status.textContent = button.getAttribute("data-failed") || "We could not get your location. Type a town or postcode instead.";
    }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
  });
}());

// The GOV.UK error pattern: after a failed submit, focus goes to the summary so it is
// read out first. (`autofocus` does the same where it is honoured.)
(function () {
  "use strict";
  var summary = document.querySelector("[data-focus]");
  if (summary && document.activeElement !== summary) { summary.focus(); }
}());

// My list: services kept in this browser's localStorage, never sent to the site
// except as ids in the address of the list page the person opens. Without this
// file, the results page's ticked boxes and its button show the same list.
(function () {
  "use strict";
  var KEY = "signpost-kept";
  var MAX = 30;
  var store;
  try { store = window.localStorage; store.getItem(KEY); } catch (e) { return; }

  function read() {
    try {
      var ids = JSON.parse(store.getItem(KEY) || "[]");
      return Array.isArray(ids) ? ids.filter(function (id) { return typeof id === "string"; }).slice(0, MAX) : [];
    } catch (e) { return []; }
  }

  function write(ids) {
    if (ids.length) { store.setItem(KEY, JSON.stringify(ids.slice(0, MAX))); } else { store.removeItem(KEY); }
  }

  var link = document.querySelector("[data-saved-link]");
  var base = link ? link.getAttribute("href").split("?")[0] : null;

  function listUrl(ids, from) {
    var path = (from || base || "/saved").split("?")[0];
    return ids.length ? path + "?" + ids.map(function (id) { return "id=" + encodeURIComponent(id); }).join("&") : path;
  }

  function refresh() {
    var ids = read();
    if (link) { link.href = listUrl(ids); }
    var counts = document.querySelectorAll("[data-saved-count]");
    for (var i = 0; i < counts.length; i += 1) { counts[i].textContent = ids.length ? " (" + ids.length + ")" : ""; }
  }

  var form = document.getElementById("keep-form");
  var status = null;
  if (form) {
    status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.appendChild(status);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.location.href = listUrl(read(), form.getAttribute("action"));
    });
  }

  var boxes = document.querySelectorAll("[data-keep]");
  var kept = read();
  for (var i = 0; i < boxes.length; i += 1) {
    boxes[i].checked = kept.indexOf(boxes[i].value) !== -1;
    boxes[i].addEventListener("change", function (event) {
      var box = event.target;
      var ids = read().filter(function (id) { return id !== box.value; });
      if (box.checked) {
        if (ids.length >= MAX) { box.checked = false; return; }
        ids.push(box.value);
      }
      write(ids);
      refresh();
      if (status && form) { status.textContent = form.getAttribute(box.checked ? "data-kept" : "data-removed") || ""; }
    });
  }

  // The list page: an empty address shows the kept list; a shared one is adopted
  // when this browser keeps none of its own.
  var empty = document.querySelector("[data-empty-list]");
  var here = window.location.pathname;
  var shown = new URLSearchParams(window.location.search).getAll("id");
  if (empty && read().length) { window.location.replace(listUrl(read(), here)); return; }
  if (shown.length && !read().length) { write(shown); }

  var removers = document.querySelectorAll("[data-remove]");
  for (var r = 0; r < removers.length; r += 1) {
    removers[r].addEventListener("click", function (event) {
      var id = event.currentTarget.getAttribute("data-remove");
      write(read().filter(function (kept) { return kept !== id; }));
    });
  }
  var clear = document.querySelector("[data-clear-list]");
  if (clear) {
    clear.hidden = false;
    clear.addEventListener("click", function () { write([]); window.location.replace(here); });
  }
  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
  refresh();
}());
