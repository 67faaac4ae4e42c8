// Progressive enhancement only: the site works without this file.

// Leave quickly: pressing Shift 3 times within 5 seconds does what the red
// "Leave this site" button does (the GOV.UK "Exit this page" pattern).
(function () {
  "use strict";
  var exit = document.querySelector("[data-exit]");
  if (!exit) { return; }
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) { return; }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 5000; });
    presses.push(now);
    if (presses.length >= 3) {
      document.body.classList.add("leaving");
      window.location.replace(exit.href);
    }
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
