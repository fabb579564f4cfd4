// Draws the analytics charts with uPlot from the JSON the page carries; every chart has its table on the page too.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('chart-data').textContent);
  var colours = ['#0b4f8a', '#b35900', '#2e7d32', '#8e24aa', '#c62828', '#00838f', '#5d4037', '#455a64', '#ad1457'];
  function draw(id, chart) {
    var el = document.getElementById(id);
    if (!el || !chart || !window.uPlot) { return; }
    var series = [{}];
    chart.names.forEach(function (name, i) {
      series.push({ label: name, stroke: colours[i % colours.length], width: 2 });
    });
    var width = Math.max(280, Math.min(el.clientWidth || 640, 900));
    var plot = new uPlot({ width: width, height: 240, series: series, axes: [{}, {}], scales: { x: { time: true } } },
      [chart.x].concat(chart.series), el);
    el.setAttribute('data-series', String(chart.names.length));
    el.setAttribute('data-points', String(chart.x.length));
    return plot;
  }
  draw('chart-messages', data.messages);
  draw('chart-outcomes', data.outcomes);
})();
