// Puts the outcome under every example image: its size when it loaded, or the status and the
// short text the filter answered when it did not. Marks whether that is what the page expected.
(function () {
  "use strict";

  function report(figure, text, loaded) {
    var expected = figure.getAttribute("data-expect") === "ok";
    var status = figure.querySelector(".status");
    figure.setAttribute("data-result", loaded ? "loaded" : "failed");
    figure.classList.add(loaded === expected ? "as-expected" : "unexpected");
    if (status) {
      status.textContent = text;
    }
  }

  function explainFailure(figure, img) {
    var url = img.currentSrc || img.src;
    fetch(url, { cache: "no-store" })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        return response.text().then(function (body) {
          // The filter and the demo's error page answer a short text; anything else is shown by status only.
          var text = type.indexOf("text/plain") === 0 && body.length < 200 ? body.trim() : "refused";
          report(figure, response.status + " " + text, false);
        });
      })
      .catch(function () {
        report(figure, "request failed", false);
      });
  }

  // The w descriptor of the srcset candidate whose URL is the one loaded.
  function candidateWidth(srcset, url) {
    var candidates = srcset.split(",");
    for (var i = 0; i < candidates.length; i++) {
      var parts = candidates[i].trim().split(/\s+/);
      if (parts.length > 1 && url.indexOf(parts[0]) >= 0 && /^\d+w$/.test(parts[1])) {
        return parseInt(parts[1], 10);
      }
    }
    return 0;
  }

  function watch(figure) {
    var img = figure.querySelector("img");
    if (!img) {
      return;
    }
    var done = function () {
      if (img.naturalWidth > 0) {
        // With a srcset, say which candidate the browser chose, and why it may be narrower
        // than its w descriptor (the filter never enlarges: a small original stays small).
        var chosen = img.srcset ? (/\/images\/([^\/]+)\//.exec(img.currentSrc) || [])[1] : null;
        var note = "";
        if (chosen) {
          var width = candidateWidth(img.srcset, img.currentSrc);
          note = " · the browser chose the " + chosen + " candidate" + (width ? " (" + width + "w)" : "");
          if (width && img.naturalWidth < width) {
            note += ", served at the original's own " + img.naturalWidth + " px";
          }
        }
        report(figure, "200 · " + img.naturalWidth + " × " + img.naturalHeight + " px" + note, true);
      } else {
        explainFailure(figure, img);
      }
    };
    if (img.complete) {
      done();
    } else {
      img.addEventListener("load", done);
      img.addEventListener("error", done);
    }
  }

  document.querySelectorAll("figure.example").forEach(watch);
})();
