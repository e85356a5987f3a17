module.exports = require('./run-temp-dir').teardown;
