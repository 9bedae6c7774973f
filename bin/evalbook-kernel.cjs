#!/usr/bin/env node
// Jupyter kernel launcher: starts the project's tslab kernel with the project
// root as working directory (tslab resolves `./lib` imports from there).
"use strict";
const path = require("node:path");
const root = path.resolve(__dirname, "..");
process.chdir(root);
const connectionFile = process.argv[2];
if (!connectionFile) {
  process.stderr.write("usage: evalbook-kernel.cjs CONNECTION_FILE\n");
  process.exit(2);
}
require(path.join(root, "node_modules", "tslab", "dist", "main.js")).startKernel({ configPath: connectionFile, enableFindLocal: false });
