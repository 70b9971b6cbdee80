// Base-URL handling for manifest.xml, shared by webpack.config.js and the tests.
"use strict";

/** The base URL used in the committed manifest (Microsoft's template convention). */
const DEV_BASE_URL = "https://localhost:3000/";

/**
 * Normalises a production base URL: https only, no query/fragment, always ends with "/".
 * @param {string} raw
 * @returns {string}
 */
function normaliseBaseUrl(raw) {
  let url;
  try {
    url = new URL(String(raw).trim());
  } catch {
    throw new Error(`ADDIN_BASE_URL is not a valid URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`ADDIN_BASE_URL must use https (Office refuses http add-in URLs): ${url.href}`);
  }
  if (url.search || url.hash) {
    throw new Error(`ADDIN_BASE_URL must not carry a query or fragment: ${url.href}`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/**
 * Rewrites every https://localhost:3000/ in a manifest to the given base URL.
 * @param {string} xml manifest text
 * @param {string | undefined} baseUrl raw ADDIN_BASE_URL, or undefined/empty to keep localhost
 * @returns {string}
 */
function rewriteManifest(xml, baseUrl) {
  if (!baseUrl) return xml;
  return xml.split(DEV_BASE_URL).join(normaliseBaseUrl(baseUrl));
}

module.exports = { DEV_BASE_URL, normaliseBaseUrl, rewriteManifest };
