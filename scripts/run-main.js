'use strict';
/**
 * Runs a TypeScript module's exported `main(argv)` without a build step and exits with the code it
 * resolves to (1 and the error on a rejection). The entry point every benchmark script shares:
 *   require('../../scripts/run-main.js')(require.resolve('./run.ts'));
 */
require('./register-ts.js');

module.exports = function runMain(file, argv = process.argv.slice(2)) {
  require(file)
    .main(argv)
    .then((code) => process.exit(code))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
};
