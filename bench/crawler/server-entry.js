'use strict';
// Child-process entry for the benchmark site (forked by run.ts).
require('../../scripts/register-ts.js');
const { startBenchServer } = require('./server.ts');

startBenchServer(Number(process.env.BENCH_PAGES || '10000')).then(({ port, stats }) => {
  process.send({ type: 'ready', port });
  process.on('message', (msg) => {
    if (msg.type === 'stats') process.send({ type: 'stats', stats, cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
    if (msg.type === 'exit') process.exit(0);
  });
  process.on('disconnect', () => process.exit(0));
});
