// Runs in the page's own world on YouTube and Netflix (manifest "world": "MAIN"): it sees the
// subtitle documents (and Netflix's show metadata) the player downloads and hands their text to
// the content script. It sends nothing anywhere else and reads nothing but those responses.
(() => {
  // subtitle documents, and Netflix's metadata of the show (its id, seasons and episodes)
  const looksLikeSubtitles = (url) => /\/api\/timedtext|nflxvideo\.net|\/\?o=|netflix\.com\/.*\/metadata\?/.test(url);
  const hand = (url, body) => {
    if (typeof body === "string" && body.length < 5_000_000) {
      window.postMessage({ source: "subtitle-explainer", kind: "subtitle-document", url, body }, window.location.origin);
    }
  };
  const originalFetch = window.fetch;
  window.fetch = async function fetch(...args) {
    const response = await originalFetch.apply(this, args);
    try {
      const url = response.url || String(args[0] && args[0].url ? args[0].url : args[0]);
      if (looksLikeSubtitles(url)) response.clone().text().then((body) => hand(url, body), () => {});
    } catch {
      // never disturb the page
    }
    return response;
  };
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.addEventListener("load", () => {
      try {
        const seen = this.responseURL || String(url);
        if (looksLikeSubtitles(seen) && (this.responseType === "" || this.responseType === "text")) hand(seen, this.responseText);
      } catch {
        // never disturb the page
      }
    });
    return open.call(this, method, url, ...rest);
  };
})();
