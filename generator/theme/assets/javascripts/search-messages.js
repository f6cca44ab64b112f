/*
 * The messages between Material's search box and its search worker, numbered as Material's
 * own worker numbers them. Named once for both sides: search-worker.js loads this file with
 * importScripts, and theme/main.html loads it in the page before search-zh.js.
 */
"use strict";

self.searchMessages = Object.freeze({SETUP: 0, READY: 1, QUERY: 2, RESULT: 3});
