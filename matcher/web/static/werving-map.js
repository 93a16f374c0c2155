// Werving page: the map of participants below the minimum (counts per grid cell, never a name
// or an address), placements with free seats and the advice, drawn with the vendored Leaflet
// from the page's JSON (recruitment.map_data). The background tiles come from the server in
// data-tiles; when they cannot load, the markers stay and a note says so. Without JavaScript,
// or when the data cannot load, the lists under the map hold the same information.
(function () {
  "use strict";
  var box = document.getElementById("werving-map");
  var note = document.getElementById("werving-map-note");
  if (!box || !note) { return; }
  var text = function (name) { return box.getAttribute("data-" + name) || ""; };
  var KINDS = [["below", "map-marker--below", 0], ["seats", "map-marker--seats", 100],
    ["suggestions", "map-marker--suggestion", 1000]];

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content) { node.textContent = content; }
    return node;
  }

  function say(message) {
    if (note.firstChild) { return; }
    var alert = element("div", "utrecht-alert utrecht-alert--warning");
    var inner = element("div", "utrecht-alert__content");
    var body = element("div", "utrecht-alert__message");
    body.appendChild(element("p", "", message));
    inner.appendChild(body);
    alert.appendChild(inner);
    note.appendChild(alert);
  }

  function escaped(value) {
    var holder = document.createElement("span");
    holder.textContent = value;
    return holder.innerHTML;
  }

  function popup(item) {
    var content = element("div", "map-popup");
    content.appendChild(element("p", "map-popup__title", item.title));
    content.appendChild(element("p", "", item.text));
    if (item.href) {
      var link = element("a", "", text("open"));
      link.href = item.href;
      content.appendChild(element("p")).appendChild(link);
    }
    return content;
  }

  function addMarkers(map, items, className, zIndexOffset) {
    items.forEach(function (item) {
      var icon = L.divIcon({
        className: "map-marker " + className,
        html: escaped(String(item.count)),
        iconSize: null,
        iconAnchor: [14, 14],
        popupAnchor: [0, -14]
      });
      var marker = L.marker([item.lat, item.lon], {
        icon: icon, keyboard: true, title: item.title, zIndexOffset: zIndexOffset
      });
      marker.bindPopup(popup(item), { maxWidth: 260 });
      marker.addTo(map);
      marker.getElement().setAttribute("aria-label", item.title + ". " + item.text);
      marker.on("popupopen", function (event) {
        var shown = event.popup.getElement();
        var close = shown.querySelector(".leaflet-popup-close-button");
        if (close) { close.setAttribute("aria-label", text("close")); }
        var target = shown.querySelector(".map-popup a") || close;
        if (target) { target.focus({ preventScroll: true }); }
      });
      marker.on("popupclose", function () {
        var own = marker.getElement();
        if (own && box.contains(document.activeElement)) { own.focus({ preventScroll: true }); }
      });
    });
  }

  function draw(data) {
    box.hidden = false;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", text("label"));
    var map = L.map(box, { zoomControl: false, minZoom: 6, maxZoom: 18 });
    L.control.zoom({ zoomInTitle: text("zoom-in"), zoomOutTitle: text("zoom-out") }).addTo(map);
    var points = [];
    KINDS.forEach(function (kind) {
      (data[kind[0]] || []).forEach(function (item) { points.push([item.lat, item.lon]); });
    });
    if (points.length) {
      map.fitBounds(points, { padding: [28, 28], maxZoom: 13 });
    } else {
      map.setView(data.centre || [52.35, 6.66], 10);
    }
    var tiles = text("tiles");
    if (tiles) {
      var layer = L.tileLayer(tiles, { attribution: escaped(text("attribution")), maxZoom: 18 });
      var loaded = false; // a stray failed tile among loaded ones is no missing background
      layer.on("tileload", function () { loaded = true; });
      layer.on("tileerror", function () { if (!loaded) { say(text("no-tiles")); } });
      layer.addTo(map);
    } else {
      say(text("no-tiles"));
    }
    KINDS.forEach(function (kind) { addMarkers(map, data[kind[0]] || [], kind[1], kind[2]); });
    // Escape inside an open popup closes it (Leaflet listens only while the map itself has focus).
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && event.target.closest && event.target.closest(".leaflet-popup")) {
        map.closePopup();
      }
    });
    box.setAttribute("data-markers", String(points.length));
  }

  if (!window.L || !window.fetch) { say(text("failed")); return; }
  fetch(text("source"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    })
    .then(draw)
    .catch(function () { box.hidden = true; say(text("failed")); });
})();
