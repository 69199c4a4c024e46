// Draws every <canvas data-chart="ID"> from the JSON in <script id="ID">; withheld counts arrive as null and
// Chart.js leaves them out. The per-region bars open the region below on click (its link in the table).
(function () {
  const palette = ["#0f766e", "#2563eb", "#b45309", "#7c3aed", "#be123c", "#475569"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    const data = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
    data.datasets.forEach(function (set, i) {
      set.backgroundColor = palette[i % palette.length];
      set.borderColor = palette[i % palette.length];
      if (set.target) { set.borderDash = [6, 4]; set.pointRadius = 0; set.backgroundColor = "transparent"; }
    });
    const horizontal = data.type === "bar" && data.labels.length > 8;
    new Chart(canvas, {
      type: data.type,
      data: { labels: data.labels, datasets: data.datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        scales: data.scales || {},
        plugins: { legend: { position: "bottom" } },
      },
    });
    if (horizontal) canvas.parentElement.style.height = Math.max(240, data.labels.length * 22) + "px";
  });
})();
