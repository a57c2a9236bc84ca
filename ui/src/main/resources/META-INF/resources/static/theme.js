// Runs before the page paints, so a chosen theme never flashes the other one first.
(function () {
  var chosen = null;
  try { chosen = localStorage.getItem('stoa-theme'); } catch (e) { /* storage may be off */ }
  if (chosen === 'light' || chosen === 'dark') document.documentElement.setAttribute('data-theme', chosen);
})();
