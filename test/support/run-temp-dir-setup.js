module.exports = require('./run-temp-dir').setup;
