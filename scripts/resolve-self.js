// Loaded with `node -r` by the root cdktf app: the examples import the package by name, as a
// user's copy does, and inside this repo that name must mean this repo's build (dist/).
'use strict';
const Module = require('module');
const path = require('path');

const entry = path.join(__dirname, '..', 'dist', 'index.js');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'cdktf-azure-postgres' ? entry : resolve.call(this, request, ...rest);
};
