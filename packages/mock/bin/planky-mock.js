#!/usr/bin/env node
// The `planky-mock` command. A committed file rather than dist/cli.js itself: pnpm links a workspace package's
// commands at install time, before anything is built, and warns "Failed to create bin" for a target that does not
// exist yet (4 times on every fresh install of this repository).
import "../dist/cli.js";
