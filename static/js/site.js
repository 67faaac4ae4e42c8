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
