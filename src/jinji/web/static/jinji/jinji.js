/* Jinji: small behaviours loaded on every page (no inline scripts: the CSP forbids them). */
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) {
      return meta.content;
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  /* htmx requests carry the CSRF token as a header. */
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRFToken"] = csrfToken();
  });

  /* Phones: the menu button folds the navigation and the user tools away (aria-expanded on the button;
     the panels carry data-nav-panel). Without this script the button stays hidden and the menu open. */
  var phone = window.matchMedia ? window.matchMedia("(max-width: 40rem)") : null;

  function setMenu(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    document.querySelectorAll("[data-nav-panel]").forEach(function (panel) {
      panel.classList.toggle("is-collapsed", !open);
    });
  }

  function initMenu() {
    var button = document.querySelector("[data-nav-toggle]");
    if (!button) {
      return;
    }
    document.documentElement.classList.add("has-nav-toggle");
    setMenu(button, !(phone && phone.matches));
    button.addEventListener("click", function () {
      setMenu(button, button.getAttribute("aria-expanded") !== "true");
    });
    if (phone && phone.addEventListener) {
      phone.addEventListener("change", function (event) {
        setMenu(button, !event.matches);
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initMenu);
  } else {
    initMenu();
  }

  /* Forms that submit themselves when a field with data-autosubmit changes (as-of dates, filters). */
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit]") && el.form) {
      el.form.requestSubmit();
    }
  });
})();
