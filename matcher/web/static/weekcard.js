// The week card's print button (weekcard/card.html): shown only when scripts run; printing
// from the browser's own menu gives the same page.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
