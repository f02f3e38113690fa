// built by web/build.mjs from extension/src/page-hook.js: edit the sources, then npm run build
(() => {
  // extension/src/page-hook.js
  (() => {
    const looksLikeSubtitles = (url) => /\/api\/timedtext|nflxvideo\.net|\/\?o=|netflix\.com\/.*\/metadata\?/.test(url);
    const hand = (url, body) => {
      if (typeof body === "string" && body.length < 5e6) {
        window.postMessage({ source: "subtitle-explainer", kind: "subtitle-document", url, body }, window.location.origin);
      }
    };
    const originalFetch = window.fetch;
    window.fetch = async function fetch(...args) {
      const response = await originalFetch.apply(this, args);
      try {
        const url = response.url || String(args[0] && args[0].url ? args[0].url : args[0]);
        if (looksLikeSubtitles(url)) response.clone().text().then((body) => hand(url, body), () => {
        });
      } catch {
      }
      return response;
    };
    const open = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function(method, url, ...rest) {
      this.addEventListener("load", () => {
        try {
          const seen = this.responseURL || String(url);
          if (looksLikeSubtitles(seen) && (this.responseType === "" || this.responseType === "text")) hand(seen, this.responseText);
        } catch {
        }
      });
      return open.call(this, method, url, ...rest);
    };
  })();
})();
