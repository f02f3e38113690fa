// built by web/build.mjs from web/src/explorer/explore.js: edit the sources, then npm run build
(() => {
  // web/src/format.js
  function formatTime(seconds) {
    const total = Math.max(0, Math.floor(Number(seconds) || 0));
    const h2 = Math.floor(total / 3600);
    const m2 = Math.floor(total % 3600 / 60);
    const s = String(total % 60).padStart(2, "0");
    return h2 > 0 ? `${h2}:${String(m2).padStart(2, "0")}:${s}` : `${m2}:${s}`;
  }

  // web/src/panel/dom.js
  function h(doc, tag, attributes = {}, ...children) {
    const element = doc.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === void 0 || value === false) continue;
      if (name === "testid") element.setAttribute("data-testid", value);
      else if (name === "text") element.textContent = String(value);
      else if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? "" : String(value));
    }
    append(element, children);
    return element;
  }
  function append(parent, children) {
    for (const child of children.flat()) {
      if (child === null || child === void 0 || child === false) continue;
      parent.append(typeof child === "string" ? parent.ownerDocument.createTextNode(child) : child);
    }
    return parent;
  }

  // web/src/i18n.js
  function pickLanguage(preference, browserLanguage) {
    if (preference === "ko" || preference === "en") return preference;
    return String(browserLanguage || "").toLowerCase().startsWith("ko") ? "ko" : "en";
  }

  // web/src/player/common.js
  function pageLanguage(location2 = globalThis.location, navigator = globalThis.navigator) {
    const asked = new URLSearchParams(location2.search).get("lang");
    return pickLanguage(asked || "auto", navigator && navigator.language);
  }
  async function graphql(query, variables = {}) {
    const response = await fetch("/graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query, variables })
    });
    const payload = await response.json();
    if (payload.errors && payload.errors.length) throw new Error(payload.errors[0].message);
    return payload.data;
  }

  // web/src/explorer/timeline.js
  function drawTimeline(doc, container, { episodes, mentions, until, strings: strings2, onPick }) {
    const first = mentions.length ? mentions[0] : null;
    const strips = episodes.map((episode, i) => {
      const duration = Number(episode.duration) || Math.max(60, ...mentions.filter((m2) => m2.videoId === episode.id).map((m2) => m2.at + 30));
      const track = h(doc, "div", { class: "track" });
      const last = i === episodes.length - 1;
      if (last && until < duration) {
        const unseen = h(doc, "div", { class: "unseen", title: strings2.notYet });
        unseen.style.left = `${100 * until / duration}%`;
        track.append(unseen);
      }
      const own = mentions.filter((m2) => m2.videoId === episode.id);
      for (const mention of own) {
        const isFirst = mention === first;
        const mark = h(doc, "button", {
          type: "button",
          class: isFirst ? "mark first" : "mark",
          testid: "timeline-mark",
          "data-video-id": mention.videoId,
          "data-at": mention.at,
          "data-first": isFirst ? "true" : null,
          "aria-label": `${strings2.episode(episode.episode ?? "?", "")} ${formatTime(mention.at)}` + (isFirst ? ` · ${strings2.firstAppearance}` : ""),
          title: mention.line ? mention.line.text : formatTime(mention.at)
        });
        mark.style.left = `${Math.min(100, 100 * mention.at / duration)}%`;
        mark.addEventListener("click", () => onPick(mention, episode, mark));
        track.append(mark);
      }
      return h(
        doc,
        "li",
        { class: "strip", testid: "timeline-strip", "data-video-id": episode.id },
        h(doc, "span", { class: "episode", text: strings2.episode(episode.episode ?? "?", "") }),
        track,
        h(doc, "span", { class: "count", text: String(own.length) })
      );
    });
    container.replaceChildren(h(doc, "ol", { class: "strips" }, strips));
  }
  function playerHref(videoId, at, lang2) {
    const t = Math.ceil(Number(at) * 10) / 10;
    return `/watch/${encodeURIComponent(videoId)}?t=${t}${lang2 ? `&lang=${encodeURIComponent(lang2)}` : ""}`;
  }
  function markDetail(doc, { mention, episode, strings: strings2, lang: lang2 }) {
    const href = playerHref(mention.videoId, mention.at, lang2);
    return h(
      doc,
      "div",
      { class: "mark-detail", testid: "mark-detail" },
      h(doc, "p", { class: "where", text: `${strings2.episode(episode.episode ?? "?", episode.title || "")} · ` + formatTime(mention.at) }),
      h(doc, "blockquote", { testid: "mark-line", text: mention.line ? mention.line.text : "" }),
      h(doc, "a", { href, testid: "watch-link", text: strings2.watchAt(formatTime(mention.at)) })
    );
  }

  // web/src/explorer/dashboard.js
  function drawDashboard(doc, container, { stats, episodes, strings: strings2, lang: lang2 }) {
    const byId = new Map(episodes.map((e) => [e.id, e]));
    const label = (videoId) => {
      const episode = byId.get(videoId);
      return episode ? strings2.episode(episode.episode ?? "?", "") : videoId;
    };
    if (!stats.mostAskedLines.length) {
      container.replaceChildren(h(doc, "p", { class: "empty", text: strings2.questionsEmpty }));
      return;
    }
    const lines = stats.mostAskedLines.map((line) => h(
      doc,
      "li",
      { testid: "asked-line" },
      h(doc, "q", { text: line.text }),
      h(doc, "span", { class: "meta", text: `${label(line.videoId)} · ${strings2.asked(line.count)} · ` + strings2.helpful(line.helpfulShare) }),
      line.at != null ? h(doc, "a", { href: playerHref(line.videoId, line.at, lang2), text: formatTime(line.at) }) : null
    ));
    const rows = stats.episodes.map((e) => {
      const bar = h(doc, "span", { class: "bar" }, h(doc, "span", { class: "fill" }));
      bar.firstChild.style.width = `${Math.round(100 * (e.helpfulShare ?? 0))}%`;
      return h(
        doc,
        "li",
        { testid: "episode-questions", "data-video-id": e.videoId },
        h(doc, "span", { class: "episode", text: label(e.videoId) }),
        h(doc, "span", { class: "n", text: strings2.asked(e.questions) }),
        bar,
        h(doc, "span", { class: "share", text: strings2.helpful(e.helpfulShare) })
      );
    });
    container.replaceChildren(
      h(doc, "ol", { class: "asked" }, lines),
      h(doc, "h3", { text: strings2.perEpisode }),
      h(doc, "ol", { class: "per-episode" }, rows)
    );
  }

  // node_modules/d3-quadtree/dist/d3-quadtree.mjs
  function tree_add(d) {
    const x2 = +this._x.call(null, d), y2 = +this._y.call(null, d);
    return add(this.cover(x2, y2), x2, y2, d);
  }
  function add(tree, x2, y2, d) {
    if (isNaN(x2) || isNaN(y2)) return tree;
    var parent, node = tree._root, leaf = { data: d }, x0 = tree._x0, y0 = tree._y0, x1 = tree._x1, y1 = tree._y1, xm, ym, xp, yp, right, bottom, i, j;
    if (!node) return tree._root = leaf, tree;
    while (node.length) {
      if (right = x2 >= (xm = (x0 + x1) / 2)) x0 = xm;
      else x1 = xm;
      if (bottom = y2 >= (ym = (y0 + y1) / 2)) y0 = ym;
      else y1 = ym;
      if (parent = node, !(node = node[i = bottom << 1 | right])) return parent[i] = leaf, tree;
    }
    xp = +tree._x.call(null, node.data);
    yp = +tree._y.call(null, node.data);
    if (x2 === xp && y2 === yp) return leaf.next = node, parent ? parent[i] = leaf : tree._root = leaf, tree;
    do {
      parent = parent ? parent[i] = new Array(4) : tree._root = new Array(4);
      if (right = x2 >= (xm = (x0 + x1) / 2)) x0 = xm;
      else x1 = xm;
      if (bottom = y2 >= (ym = (y0 + y1) / 2)) y0 = ym;
      else y1 = ym;
    } while ((i = bottom << 1 | right) === (j = (yp >= ym) << 1 | xp >= xm));
    return parent[j] = node, parent[i] = leaf, tree;
  }
  function addAll(data) {
    if (!Array.isArray(data)) data = Array.from(data);
    const n = data.length;
    const xz = new Float64Array(n);
    const yz = new Float64Array(n);
    let x0 = Infinity, y0 = x0, x1 = -x0, y1 = x1;
    for (let i = 0, d, x2, y2; i < n; ++i) {
      if (isNaN(x2 = +this._x.call(null, d = data[i])) || isNaN(y2 = +this._y.call(null, d))) {
        xz[i] = NaN;
        continue;
      }
      xz[i] = x2;
      yz[i] = y2;
      if (x2 < x0) x0 = x2;
      if (x2 > x1) x1 = x2;
      if (y2 < y0) y0 = y2;
      if (y2 > y1) y1 = y2;
    }
    if (x0 > x1 || y0 > y1) return this;
    this.cover(x0, y0).cover(x1, y1);
    for (let i = 0; i < n; ++i) {
      add(this, xz[i], yz[i], data[i]);
    }
    return this;
  }
  function tree_cover(x2, y2) {
    if (isNaN(x2 = +x2) || isNaN(y2 = +y2)) return this;
    var x0 = this._x0, y0 = this._y0, x1 = this._x1, y1 = this._y1;
    if (isNaN(x0)) {
      x1 = (x0 = Math.floor(x2)) + 1;
      y1 = (y0 = Math.floor(y2)) + 1;
    } else {
      var z = x1 - x0 || 1, node = this._root, parent, i;
      while (x0 > x2 || x2 >= x1 || y0 > y2 || y2 >= y1) {
        i = (y2 < y0) << 1 | x2 < x0;
        parent = new Array(4), parent[i] = node, node = parent, z *= 2;
        switch (i) {
          case 0:
            x1 = x0 + z, y1 = y0 + z;
            break;
          case 1:
            x0 = x1 - z, y1 = y0 + z;
            break;
          case 2:
            x1 = x0 + z, y0 = y1 - z;
            break;
          case 3:
            x0 = x1 - z, y0 = y1 - z;
            break;
        }
      }
      if (this._root && this._root.length) this._root = node;
    }
    this._x0 = x0;
    this._y0 = y0;
    this._x1 = x1;
    this._y1 = y1;
    return this;
  }
  function tree_data() {
    var data = [];
    this.visit(function(node) {
      if (!node.length) do
        data.push(node.data);
      while (node = node.next);
    });
    return data;
  }
  function tree_extent(_) {
    return arguments.length ? this.cover(+_[0][0], +_[0][1]).cover(+_[1][0], +_[1][1]) : isNaN(this._x0) ? void 0 : [[this._x0, this._y0], [this._x1, this._y1]];
  }
  function Quad(node, x0, y0, x1, y1) {
    this.node = node;
    this.x0 = x0;
    this.y0 = y0;
    this.x1 = x1;
    this.y1 = y1;
  }
  function tree_find(x2, y2, radius2) {
    var data, x0 = this._x0, y0 = this._y0, x1, y1, x22, y22, x3 = this._x1, y3 = this._y1, quads = [], node = this._root, q, i;
    if (node) quads.push(new Quad(node, x0, y0, x3, y3));
    if (radius2 == null) radius2 = Infinity;
    else {
      x0 = x2 - radius2, y0 = y2 - radius2;
      x3 = x2 + radius2, y3 = y2 + radius2;
      radius2 *= radius2;
    }
    while (q = quads.pop()) {
      if (!(node = q.node) || (x1 = q.x0) > x3 || (y1 = q.y0) > y3 || (x22 = q.x1) < x0 || (y22 = q.y1) < y0) continue;
      if (node.length) {
        var xm = (x1 + x22) / 2, ym = (y1 + y22) / 2;
        quads.push(
          new Quad(node[3], xm, ym, x22, y22),
          new Quad(node[2], x1, ym, xm, y22),
          new Quad(node[1], xm, y1, x22, ym),
          new Quad(node[0], x1, y1, xm, ym)
        );
        if (i = (y2 >= ym) << 1 | x2 >= xm) {
          q = quads[quads.length - 1];
          quads[quads.length - 1] = quads[quads.length - 1 - i];
          quads[quads.length - 1 - i] = q;
        }
      } else {
        var dx = x2 - +this._x.call(null, node.data), dy = y2 - +this._y.call(null, node.data), d2 = dx * dx + dy * dy;
        if (d2 < radius2) {
          var d = Math.sqrt(radius2 = d2);
          x0 = x2 - d, y0 = y2 - d;
          x3 = x2 + d, y3 = y2 + d;
          data = node.data;
        }
      }
    }
    return data;
  }
  function tree_remove(d) {
    if (isNaN(x2 = +this._x.call(null, d)) || isNaN(y2 = +this._y.call(null, d))) return this;
    var parent, node = this._root, retainer, previous, next, x0 = this._x0, y0 = this._y0, x1 = this._x1, y1 = this._y1, x2, y2, xm, ym, right, bottom, i, j;
    if (!node) return this;
    if (node.length) while (true) {
      if (right = x2 >= (xm = (x0 + x1) / 2)) x0 = xm;
      else x1 = xm;
      if (bottom = y2 >= (ym = (y0 + y1) / 2)) y0 = ym;
      else y1 = ym;
      if (!(parent = node, node = node[i = bottom << 1 | right])) return this;
      if (!node.length) break;
      if (parent[i + 1 & 3] || parent[i + 2 & 3] || parent[i + 3 & 3]) retainer = parent, j = i;
    }
    while (node.data !== d) if (!(previous = node, node = node.next)) return this;
    if (next = node.next) delete node.next;
    if (previous) return next ? previous.next = next : delete previous.next, this;
    if (!parent) return this._root = next, this;
    next ? parent[i] = next : delete parent[i];
    if ((node = parent[0] || parent[1] || parent[2] || parent[3]) && node === (parent[3] || parent[2] || parent[1] || parent[0]) && !node.length) {
      if (retainer) retainer[j] = node;
      else this._root = node;
    }
    return this;
  }
  function removeAll(data) {
    for (var i = 0, n = data.length; i < n; ++i) this.remove(data[i]);
    return this;
  }
  function tree_root() {
    return this._root;
  }
  function tree_size() {
    var size = 0;
    this.visit(function(node) {
      if (!node.length) do
        ++size;
      while (node = node.next);
    });
    return size;
  }
  function tree_visit(callback) {
    var quads = [], q, node = this._root, child, x0, y0, x1, y1;
    if (node) quads.push(new Quad(node, this._x0, this._y0, this._x1, this._y1));
    while (q = quads.pop()) {
      if (!callback(node = q.node, x0 = q.x0, y0 = q.y0, x1 = q.x1, y1 = q.y1) && node.length) {
        var xm = (x0 + x1) / 2, ym = (y0 + y1) / 2;
        if (child = node[3]) quads.push(new Quad(child, xm, ym, x1, y1));
        if (child = node[2]) quads.push(new Quad(child, x0, ym, xm, y1));
        if (child = node[1]) quads.push(new Quad(child, xm, y0, x1, ym));
        if (child = node[0]) quads.push(new Quad(child, x0, y0, xm, ym));
      }
    }
    return this;
  }
  function tree_visitAfter(callback) {
    var quads = [], next = [], q;
    if (this._root) quads.push(new Quad(this._root, this._x0, this._y0, this._x1, this._y1));
    while (q = quads.pop()) {
      var node = q.node;
      if (node.length) {
        var child, x0 = q.x0, y0 = q.y0, x1 = q.x1, y1 = q.y1, xm = (x0 + x1) / 2, ym = (y0 + y1) / 2;
        if (child = node[0]) quads.push(new Quad(child, x0, y0, xm, ym));
        if (child = node[1]) quads.push(new Quad(child, xm, y0, x1, ym));
        if (child = node[2]) quads.push(new Quad(child, x0, ym, xm, y1));
        if (child = node[3]) quads.push(new Quad(child, xm, ym, x1, y1));
      }
      next.push(q);
    }
    while (q = next.pop()) {
      callback(q.node, q.x0, q.y0, q.x1, q.y1);
    }
    return this;
  }
  function defaultX(d) {
    return d[0];
  }
  function tree_x(_) {
    return arguments.length ? (this._x = _, this) : this._x;
  }
  function defaultY(d) {
    return d[1];
  }
  function tree_y(_) {
    return arguments.length ? (this._y = _, this) : this._y;
  }
  function quadtree(nodes, x2, y2) {
    var tree = new Quadtree(x2 == null ? defaultX : x2, y2 == null ? defaultY : y2, NaN, NaN, NaN, NaN);
    return nodes == null ? tree : tree.addAll(nodes);
  }
  function Quadtree(x2, y2, x0, y0, x1, y1) {
    this._x = x2;
    this._y = y2;
    this._x0 = x0;
    this._y0 = y0;
    this._x1 = x1;
    this._y1 = y1;
    this._root = void 0;
  }
  function leaf_copy(leaf) {
    var copy = { data: leaf.data }, next = copy;
    while (leaf = leaf.next) next = next.next = { data: leaf.data };
    return copy;
  }
  var treeProto = quadtree.prototype = Quadtree.prototype;
  treeProto.copy = function() {
    var copy = new Quadtree(this._x, this._y, this._x0, this._y0, this._x1, this._y1), node = this._root, nodes, child;
    if (!node) return copy;
    if (!node.length) return copy._root = leaf_copy(node), copy;
    nodes = [{ source: node, target: copy._root = new Array(4) }];
    while (node = nodes.pop()) {
      for (var i = 0; i < 4; ++i) {
        if (child = node.source[i]) {
          if (child.length) nodes.push({ source: child, target: node.target[i] = new Array(4) });
          else node.target[i] = leaf_copy(child);
        }
      }
    }
    return copy;
  };
  treeProto.add = tree_add;
  treeProto.addAll = addAll;
  treeProto.cover = tree_cover;
  treeProto.data = tree_data;
  treeProto.extent = tree_extent;
  treeProto.find = tree_find;
  treeProto.remove = tree_remove;
  treeProto.removeAll = removeAll;
  treeProto.root = tree_root;
  treeProto.size = tree_size;
  treeProto.visit = tree_visit;
  treeProto.visitAfter = tree_visitAfter;
  treeProto.x = tree_x;
  treeProto.y = tree_y;

  // node_modules/d3-dispatch/dist/d3-dispatch.mjs
  var noop = { value: () => {
  } };
  function dispatch() {
    for (var i = 0, n = arguments.length, _ = {}, t; i < n; ++i) {
      if (!(t = arguments[i] + "") || t in _ || /[\s.]/.test(t)) throw new Error("illegal type: " + t);
      _[t] = [];
    }
    return new Dispatch(_);
  }
  function Dispatch(_) {
    this._ = _;
  }
  function parseTypenames(typenames, types) {
    return typenames.trim().split(/^|\s+/).map(function(t) {
      var name = "", i = t.indexOf(".");
      if (i >= 0) name = t.slice(i + 1), t = t.slice(0, i);
      if (t && !types.hasOwnProperty(t)) throw new Error("unknown type: " + t);
      return { type: t, name };
    });
  }
  Dispatch.prototype = dispatch.prototype = {
    constructor: Dispatch,
    on: function(typename, callback) {
      var _ = this._, T = parseTypenames(typename + "", _), t, i = -1, n = T.length;
      if (arguments.length < 2) {
        while (++i < n) if ((t = (typename = T[i]).type) && (t = get(_[t], typename.name))) return t;
        return;
      }
      if (callback != null && typeof callback !== "function") throw new Error("invalid callback: " + callback);
      while (++i < n) {
        if (t = (typename = T[i]).type) _[t] = set(_[t], typename.name, callback);
        else if (callback == null) for (t in _) _[t] = set(_[t], typename.name, null);
      }
      return this;
    },
    copy: function() {
      var copy = {}, _ = this._;
      for (var t in _) copy[t] = _[t].slice();
      return new Dispatch(copy);
    },
    call: function(type, that) {
      if ((n = arguments.length - 2) > 0) for (var args = new Array(n), i = 0, n, t; i < n; ++i) args[i] = arguments[i + 2];
      if (!this._.hasOwnProperty(type)) throw new Error("unknown type: " + type);
      for (t = this._[type], i = 0, n = t.length; i < n; ++i) t[i].value.apply(that, args);
    },
    apply: function(type, that, args) {
      if (!this._.hasOwnProperty(type)) throw new Error("unknown type: " + type);
      for (var t = this._[type], i = 0, n = t.length; i < n; ++i) t[i].value.apply(that, args);
    }
  };
  function get(type, name) {
    for (var i = 0, n = type.length, c2; i < n; ++i) {
      if ((c2 = type[i]).name === name) {
        return c2.value;
      }
    }
  }
  function set(type, name, callback) {
    for (var i = 0, n = type.length; i < n; ++i) {
      if (type[i].name === name) {
        type[i] = noop, type = type.slice(0, i).concat(type.slice(i + 1));
        break;
      }
    }
    if (callback != null) type.push({ name, value: callback });
    return type;
  }

  // node_modules/d3-timer/dist/d3-timer.mjs
  var frame = 0;
  var timeout$1 = 0;
  var interval$1 = 0;
  var pokeDelay = 1e3;
  var taskHead;
  var taskTail;
  var clockLast = 0;
  var clockNow = 0;
  var clockSkew = 0;
  var clock = typeof performance === "object" && performance.now ? performance : Date;
  var setFrame = typeof window === "object" && window.requestAnimationFrame ? window.requestAnimationFrame.bind(window) : function(f) {
    setTimeout(f, 17);
  };
  function now() {
    return clockNow || (setFrame(clearNow), clockNow = clock.now() + clockSkew);
  }
  function clearNow() {
    clockNow = 0;
  }
  function Timer() {
    this._call = this._time = this._next = null;
  }
  Timer.prototype = timer.prototype = {
    constructor: Timer,
    restart: function(callback, delay, time) {
      if (typeof callback !== "function") throw new TypeError("callback is not a function");
      time = (time == null ? now() : +time) + (delay == null ? 0 : +delay);
      if (!this._next && taskTail !== this) {
        if (taskTail) taskTail._next = this;
        else taskHead = this;
        taskTail = this;
      }
      this._call = callback;
      this._time = time;
      sleep();
    },
    stop: function() {
      if (this._call) {
        this._call = null;
        this._time = Infinity;
        sleep();
      }
    }
  };
  function timer(callback, delay, time) {
    var t = new Timer();
    t.restart(callback, delay, time);
    return t;
  }
  function timerFlush() {
    now();
    ++frame;
    var t = taskHead, e;
    while (t) {
      if ((e = clockNow - t._time) >= 0) t._call.call(void 0, e);
      t = t._next;
    }
    --frame;
  }
  function wake() {
    clockNow = (clockLast = clock.now()) + clockSkew;
    frame = timeout$1 = 0;
    try {
      timerFlush();
    } finally {
      frame = 0;
      nap();
      clockNow = 0;
    }
  }
  function poke() {
    var now2 = clock.now(), delay = now2 - clockLast;
    if (delay > pokeDelay) clockSkew -= delay, clockLast = now2;
  }
  function nap() {
    var t0, t1 = taskHead, t2, time = Infinity;
    while (t1) {
      if (t1._call) {
        if (time > t1._time) time = t1._time;
        t0 = t1, t1 = t1._next;
      } else {
        t2 = t1._next, t1._next = null;
        t1 = t0 ? t0._next = t2 : taskHead = t2;
      }
    }
    taskTail = t0;
    sleep(time);
  }
  function sleep(time) {
    if (frame) return;
    if (timeout$1) timeout$1 = clearTimeout(timeout$1);
    var delay = time - clockNow;
    if (delay > 24) {
      if (time < Infinity) timeout$1 = setTimeout(wake, Math.ceil(time - clock.now() - clockSkew) + 1);
      if (interval$1) interval$1 = clearInterval(interval$1);
    } else {
      if (!interval$1) clockLast = clock.now(), interval$1 = setInterval(poke, pokeDelay);
      frame = 1, setFrame(wake);
    }
  }

  // node_modules/d3-force/dist/d3-force.mjs
  function center(x2, y2) {
    var nodes, strength = 1;
    if (x2 == null) x2 = 0;
    if (y2 == null) y2 = 0;
    function force() {
      var i, n = nodes.length, node, sx = 0, sy = 0;
      for (i = 0; i < n; ++i) {
        node = nodes[i], sx += node.x, sy += node.y;
      }
      for (sx = (sx / n - x2) * strength, sy = (sy / n - y2) * strength, i = 0; i < n; ++i) {
        node = nodes[i], node.x -= sx, node.y -= sy;
      }
    }
    force.initialize = function(_) {
      nodes = _;
    };
    force.x = function(_) {
      return arguments.length ? (x2 = +_, force) : x2;
    };
    force.y = function(_) {
      return arguments.length ? (y2 = +_, force) : y2;
    };
    force.strength = function(_) {
      return arguments.length ? (strength = +_, force) : strength;
    };
    return force;
  }
  function constant(x2) {
    return function() {
      return x2;
    };
  }
  function jiggle(random) {
    return (random() - 0.5) * 1e-6;
  }
  function x$2(d) {
    return d.x + d.vx;
  }
  function y$2(d) {
    return d.y + d.vy;
  }
  function collide(radius2) {
    var nodes, radii, random, strength = 1, iterations = 1;
    if (typeof radius2 !== "function") radius2 = constant(radius2 == null ? 1 : +radius2);
    function force() {
      var i, n = nodes.length, tree, node, xi, yi, ri, ri2;
      for (var k = 0; k < iterations; ++k) {
        tree = quadtree(nodes, x$2, y$2).visitAfter(prepare);
        for (i = 0; i < n; ++i) {
          node = nodes[i];
          ri = radii[node.index], ri2 = ri * ri;
          xi = node.x + node.vx;
          yi = node.y + node.vy;
          tree.visit(apply);
        }
      }
      function apply(quad, x0, y0, x1, y1) {
        var data = quad.data, rj = quad.r, r = ri + rj;
        if (data) {
          if (data.index > node.index) {
            var x2 = xi - data.x - data.vx, y2 = yi - data.y - data.vy, l = x2 * x2 + y2 * y2;
            if (l < r * r) {
              if (x2 === 0) x2 = jiggle(random), l += x2 * x2;
              if (y2 === 0) y2 = jiggle(random), l += y2 * y2;
              l = (r - (l = Math.sqrt(l))) / l * strength;
              node.vx += (x2 *= l) * (r = (rj *= rj) / (ri2 + rj));
              node.vy += (y2 *= l) * r;
              data.vx -= x2 * (r = 1 - r);
              data.vy -= y2 * r;
            }
          }
          return;
        }
        return x0 > xi + r || x1 < xi - r || y0 > yi + r || y1 < yi - r;
      }
    }
    function prepare(quad) {
      if (quad.data) return quad.r = radii[quad.data.index];
      for (var i = quad.r = 0; i < 4; ++i) {
        if (quad[i] && quad[i].r > quad.r) {
          quad.r = quad[i].r;
        }
      }
    }
    function initialize() {
      if (!nodes) return;
      var i, n = nodes.length, node;
      radii = new Array(n);
      for (i = 0; i < n; ++i) node = nodes[i], radii[node.index] = +radius2(node, i, nodes);
    }
    force.initialize = function(_nodes, _random) {
      nodes = _nodes;
      random = _random;
      initialize();
    };
    force.iterations = function(_) {
      return arguments.length ? (iterations = +_, force) : iterations;
    };
    force.strength = function(_) {
      return arguments.length ? (strength = +_, force) : strength;
    };
    force.radius = function(_) {
      return arguments.length ? (radius2 = typeof _ === "function" ? _ : constant(+_), initialize(), force) : radius2;
    };
    return force;
  }
  function index(d) {
    return d.index;
  }
  function find(nodeById, nodeId) {
    var node = nodeById.get(nodeId);
    if (!node) throw new Error("node not found: " + nodeId);
    return node;
  }
  function link(links) {
    var id = index, strength = defaultStrength, strengths, distance = constant(30), distances, nodes, count, bias, random, iterations = 1;
    if (links == null) links = [];
    function defaultStrength(link2) {
      return 1 / Math.min(count[link2.source.index], count[link2.target.index]);
    }
    function force(alpha) {
      for (var k = 0, n = links.length; k < iterations; ++k) {
        for (var i = 0, link2, source, target, x2, y2, l, b; i < n; ++i) {
          link2 = links[i], source = link2.source, target = link2.target;
          x2 = target.x + target.vx - source.x - source.vx || jiggle(random);
          y2 = target.y + target.vy - source.y - source.vy || jiggle(random);
          l = Math.sqrt(x2 * x2 + y2 * y2);
          l = (l - distances[i]) / l * alpha * strengths[i];
          x2 *= l, y2 *= l;
          target.vx -= x2 * (b = bias[i]);
          target.vy -= y2 * b;
          source.vx += x2 * (b = 1 - b);
          source.vy += y2 * b;
        }
      }
    }
    function initialize() {
      if (!nodes) return;
      var i, n = nodes.length, m2 = links.length, nodeById = new Map(nodes.map((d, i2) => [id(d, i2, nodes), d])), link2;
      for (i = 0, count = new Array(n); i < m2; ++i) {
        link2 = links[i], link2.index = i;
        if (typeof link2.source !== "object") link2.source = find(nodeById, link2.source);
        if (typeof link2.target !== "object") link2.target = find(nodeById, link2.target);
        count[link2.source.index] = (count[link2.source.index] || 0) + 1;
        count[link2.target.index] = (count[link2.target.index] || 0) + 1;
      }
      for (i = 0, bias = new Array(m2); i < m2; ++i) {
        link2 = links[i], bias[i] = count[link2.source.index] / (count[link2.source.index] + count[link2.target.index]);
      }
      strengths = new Array(m2), initializeStrength();
      distances = new Array(m2), initializeDistance();
    }
    function initializeStrength() {
      if (!nodes) return;
      for (var i = 0, n = links.length; i < n; ++i) {
        strengths[i] = +strength(links[i], i, links);
      }
    }
    function initializeDistance() {
      if (!nodes) return;
      for (var i = 0, n = links.length; i < n; ++i) {
        distances[i] = +distance(links[i], i, links);
      }
    }
    force.initialize = function(_nodes, _random) {
      nodes = _nodes;
      random = _random;
      initialize();
    };
    force.links = function(_) {
      return arguments.length ? (links = _, initialize(), force) : links;
    };
    force.id = function(_) {
      return arguments.length ? (id = _, force) : id;
    };
    force.iterations = function(_) {
      return arguments.length ? (iterations = +_, force) : iterations;
    };
    force.strength = function(_) {
      return arguments.length ? (strength = typeof _ === "function" ? _ : constant(+_), initializeStrength(), force) : strength;
    };
    force.distance = function(_) {
      return arguments.length ? (distance = typeof _ === "function" ? _ : constant(+_), initializeDistance(), force) : distance;
    };
    return force;
  }
  var a = 1664525;
  var c = 1013904223;
  var m = 4294967296;
  function lcg() {
    let s = 1;
    return () => (s = (a * s + c) % m) / m;
  }
  function x$1(d) {
    return d.x;
  }
  function y$1(d) {
    return d.y;
  }
  var initialRadius = 10;
  var initialAngle = Math.PI * (3 - Math.sqrt(5));
  function simulation(nodes) {
    var simulation2, alpha = 1, alphaMin = 1e-3, alphaDecay = 1 - Math.pow(alphaMin, 1 / 300), alphaTarget = 0, velocityDecay = 0.6, forces = /* @__PURE__ */ new Map(), stepper = timer(step), event = dispatch("tick", "end"), random = lcg();
    if (nodes == null) nodes = [];
    function step() {
      tick();
      event.call("tick", simulation2);
      if (alpha < alphaMin) {
        stepper.stop();
        event.call("end", simulation2);
      }
    }
    function tick(iterations) {
      var i, n = nodes.length, node;
      if (iterations === void 0) iterations = 1;
      for (var k = 0; k < iterations; ++k) {
        alpha += (alphaTarget - alpha) * alphaDecay;
        forces.forEach(function(force) {
          force(alpha);
        });
        for (i = 0; i < n; ++i) {
          node = nodes[i];
          if (node.fx == null) node.x += node.vx *= velocityDecay;
          else node.x = node.fx, node.vx = 0;
          if (node.fy == null) node.y += node.vy *= velocityDecay;
          else node.y = node.fy, node.vy = 0;
        }
      }
      return simulation2;
    }
    function initializeNodes() {
      for (var i = 0, n = nodes.length, node; i < n; ++i) {
        node = nodes[i], node.index = i;
        if (node.fx != null) node.x = node.fx;
        if (node.fy != null) node.y = node.fy;
        if (isNaN(node.x) || isNaN(node.y)) {
          var radius2 = initialRadius * Math.sqrt(0.5 + i), angle = i * initialAngle;
          node.x = radius2 * Math.cos(angle);
          node.y = radius2 * Math.sin(angle);
        }
        if (isNaN(node.vx) || isNaN(node.vy)) {
          node.vx = node.vy = 0;
        }
      }
    }
    function initializeForce(force) {
      if (force.initialize) force.initialize(nodes, random);
      return force;
    }
    initializeNodes();
    return simulation2 = {
      tick,
      restart: function() {
        return stepper.restart(step), simulation2;
      },
      stop: function() {
        return stepper.stop(), simulation2;
      },
      nodes: function(_) {
        return arguments.length ? (nodes = _, initializeNodes(), forces.forEach(initializeForce), simulation2) : nodes;
      },
      alpha: function(_) {
        return arguments.length ? (alpha = +_, simulation2) : alpha;
      },
      alphaMin: function(_) {
        return arguments.length ? (alphaMin = +_, simulation2) : alphaMin;
      },
      alphaDecay: function(_) {
        return arguments.length ? (alphaDecay = +_, simulation2) : +alphaDecay;
      },
      alphaTarget: function(_) {
        return arguments.length ? (alphaTarget = +_, simulation2) : alphaTarget;
      },
      velocityDecay: function(_) {
        return arguments.length ? (velocityDecay = 1 - _, simulation2) : 1 - velocityDecay;
      },
      randomSource: function(_) {
        return arguments.length ? (random = _, forces.forEach(initializeForce), simulation2) : random;
      },
      force: function(name, _) {
        return arguments.length > 1 ? (_ == null ? forces.delete(name) : forces.set(name, initializeForce(_)), simulation2) : forces.get(name);
      },
      find: function(x2, y2, radius2) {
        var i = 0, n = nodes.length, dx, dy, d2, node, closest;
        if (radius2 == null) radius2 = Infinity;
        else radius2 *= radius2;
        for (i = 0; i < n; ++i) {
          node = nodes[i];
          dx = x2 - node.x;
          dy = y2 - node.y;
          d2 = dx * dx + dy * dy;
          if (d2 < radius2) closest = node, radius2 = d2;
        }
        return closest;
      },
      on: function(name, _) {
        return arguments.length > 1 ? (event.on(name, _), simulation2) : event.on(name);
      }
    };
  }
  function manyBody() {
    var nodes, node, random, alpha, strength = constant(-30), strengths, distanceMin2 = 1, distanceMax2 = Infinity, theta2 = 0.81;
    function force(_) {
      var i, n = nodes.length, tree = quadtree(nodes, x$1, y$1).visitAfter(accumulate);
      for (alpha = _, i = 0; i < n; ++i) node = nodes[i], tree.visit(apply);
    }
    function initialize() {
      if (!nodes) return;
      var i, n = nodes.length, node2;
      strengths = new Array(n);
      for (i = 0; i < n; ++i) node2 = nodes[i], strengths[node2.index] = +strength(node2, i, nodes);
    }
    function accumulate(quad) {
      var strength2 = 0, q, c2, weight = 0, x2, y2, i;
      if (quad.length) {
        for (x2 = y2 = i = 0; i < 4; ++i) {
          if ((q = quad[i]) && (c2 = Math.abs(q.value))) {
            strength2 += q.value, weight += c2, x2 += c2 * q.x, y2 += c2 * q.y;
          }
        }
        quad.x = x2 / weight;
        quad.y = y2 / weight;
      } else {
        q = quad;
        q.x = q.data.x;
        q.y = q.data.y;
        do
          strength2 += strengths[q.data.index];
        while (q = q.next);
      }
      quad.value = strength2;
    }
    function apply(quad, x1, _, x2) {
      if (!quad.value) return true;
      var x3 = quad.x - node.x, y2 = quad.y - node.y, w = x2 - x1, l = x3 * x3 + y2 * y2;
      if (w * w / theta2 < l) {
        if (l < distanceMax2) {
          if (x3 === 0) x3 = jiggle(random), l += x3 * x3;
          if (y2 === 0) y2 = jiggle(random), l += y2 * y2;
          if (l < distanceMin2) l = Math.sqrt(distanceMin2 * l);
          node.vx += x3 * quad.value * alpha / l;
          node.vy += y2 * quad.value * alpha / l;
        }
        return true;
      } else if (quad.length || l >= distanceMax2) return;
      if (quad.data !== node || quad.next) {
        if (x3 === 0) x3 = jiggle(random), l += x3 * x3;
        if (y2 === 0) y2 = jiggle(random), l += y2 * y2;
        if (l < distanceMin2) l = Math.sqrt(distanceMin2 * l);
      }
      do
        if (quad.data !== node) {
          w = strengths[quad.data.index] * alpha / l;
          node.vx += x3 * w;
          node.vy += y2 * w;
        }
      while (quad = quad.next);
    }
    force.initialize = function(_nodes, _random) {
      nodes = _nodes;
      random = _random;
      initialize();
    };
    force.strength = function(_) {
      return arguments.length ? (strength = typeof _ === "function" ? _ : constant(+_), initialize(), force) : strength;
    };
    force.distanceMin = function(_) {
      return arguments.length ? (distanceMin2 = _ * _, force) : Math.sqrt(distanceMin2);
    };
    force.distanceMax = function(_) {
      return arguments.length ? (distanceMax2 = _ * _, force) : Math.sqrt(distanceMax2);
    };
    force.theta = function(_) {
      return arguments.length ? (theta2 = _ * _, force) : Math.sqrt(theta2);
    };
    return force;
  }
  function x(x2) {
    var strength = constant(0.1), nodes, strengths, xz;
    if (typeof x2 !== "function") x2 = constant(x2 == null ? 0 : +x2);
    function force(alpha) {
      for (var i = 0, n = nodes.length, node; i < n; ++i) {
        node = nodes[i], node.vx += (xz[i] - node.x) * strengths[i] * alpha;
      }
    }
    function initialize() {
      if (!nodes) return;
      var i, n = nodes.length;
      strengths = new Array(n);
      xz = new Array(n);
      for (i = 0; i < n; ++i) {
        strengths[i] = isNaN(xz[i] = +x2(nodes[i], i, nodes)) ? 0 : +strength(nodes[i], i, nodes);
      }
    }
    force.initialize = function(_) {
      nodes = _;
      initialize();
    };
    force.strength = function(_) {
      return arguments.length ? (strength = typeof _ === "function" ? _ : constant(+_), initialize(), force) : strength;
    };
    force.x = function(_) {
      return arguments.length ? (x2 = typeof _ === "function" ? _ : constant(+_), initialize(), force) : x2;
    };
    return force;
  }
  function y(y2) {
    var strength = constant(0.1), nodes, strengths, yz;
    if (typeof y2 !== "function") y2 = constant(y2 == null ? 0 : +y2);
    function force(alpha) {
      for (var i = 0, n = nodes.length, node; i < n; ++i) {
        node = nodes[i], node.vy += (yz[i] - node.y) * strengths[i] * alpha;
      }
    }
    function initialize() {
      if (!nodes) return;
      var i, n = nodes.length;
      strengths = new Array(n);
      yz = new Array(n);
      for (i = 0; i < n; ++i) {
        strengths[i] = isNaN(yz[i] = +y2(nodes[i], i, nodes)) ? 0 : +strength(nodes[i], i, nodes);
      }
    }
    force.initialize = function(_) {
      nodes = _;
      initialize();
    };
    force.strength = function(_) {
      return arguments.length ? (strength = typeof _ === "function" ? _ : constant(+_), initialize(), force) : strength;
    };
    force.y = function(_) {
      return arguments.length ? (y2 = typeof _ === "function" ? _ : constant(+_), initialize(), force) : y2;
    };
    return force;
  }

  // web/src/explorer/romanize.js
  var INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
  var VOWELS = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i"
  ];
  var FINALS = [
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t"
  ];
  var FIRST = 44032;
  var LAST = 55203;
  function syllable(code) {
    const index2 = code - FIRST;
    const initial = Math.floor(index2 / 588);
    const vowel = Math.floor(index2 % 588 / 28);
    const final = index2 % 28;
    return INITIALS[initial] + VOWELS[vowel] + FINALS[final];
  }
  var capitalise = (word) => word ? word[0].toUpperCase() + word.slice(1) : word;
  function romanize(text, { personal = false } = {}) {
    const value = String(text || "");
    if (!/[\uac00-\ud7a3]/.test(value)) return null;
    const words = value.split(/\s+/).filter(Boolean).map((word) => {
      let out = "";
      for (const char of word) {
        const code = char.codePointAt(0);
        out += code >= FIRST && code <= LAST ? syllable(code) : char;
      }
      return out;
    });
    const hangulOnly = /^[\uac00-\ud7a3]{3}$/.test(value);
    if (personal && hangulOnly) {
      const [family, ...given] = [...value].map((c2) => syllable(c2.codePointAt(0)));
      return `${capitalise(family)} ${capitalise(given.join(""))}`;
    }
    return words.map(capitalise).join(" ");
  }

  // web/src/explorer/network.js
  var SVG = "http://www.w3.org/2000/svg";
  var PALETTE = ["#f472b6", "#60a5fa", "#34d399", "#fbbf24", "#a78bfa", "#f87171", "#2dd4bf", "#fb923c"];
  var WIDTH = 820;
  var HEIGHT = 560;
  var heightFor = (count) => Math.round(HEIGHT * Math.max(1, Math.sqrt(count / DEFAULT_VISIBLE)));
  var TICKS = 300;
  var DEFAULT_VISIBLE = 15;
  var NAME_SIZE = 15;
  var LATIN_SIZE = 11.5;
  var LABEL_GAP = 4;
  var radius = (importance) => 10 + 22 * Math.sqrt(Math.max(0, Number(importance) || 0));
  var colour = (community) => PALETTE[Math.abs(Number(community) || 0) % PALETTE.length];
  function svg(doc, tag, attributes = {}, ...children) {
    const element = doc.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === void 0) continue;
      if (name === "testid") element.setAttribute("data-testid", value);
      else element.setAttribute(name, String(value));
    }
    for (const child of children) if (child) element.append(child);
    return element;
  }
  function svgText(doc, attributes, text) {
    const element = svg(doc, "text", attributes);
    element.textContent = text;
    return element;
  }
  function pairs(edges) {
    const byPair = /* @__PURE__ */ new Map();
    for (const edge of edges) {
      const [a2, b] = edge.source < edge.target ? [edge.source, edge.target] : [edge.target, edge.source];
      const key = `${a2}\0${b}`;
      const pair = byPair.get(key) || { source: a2, target: b, strength: 0, types: [] };
      pair.strength += Number(edge.strength) || 0;
      if (!pair.types.includes(edge.type)) pair.types.push(edge.type);
      byPair.set(key, pair);
    }
    return [...byPair.values()];
  }
  function visibleNetwork({ nodes, edges }, limit = DEFAULT_VISIBLE, selectedId = null) {
    const ranked = [...nodes].sort((a2, b) => (Number(b.importance) || 0) - (Number(a2.importance) || 0) || (Number(b.mentionCount) || 0) - (Number(a2.mentionCount) || 0) || String(a2.id).localeCompare(String(b.id)));
    const shown = ranked.slice(0, Math.max(0, limit));
    const selected = selectedId && !shown.some((n) => n.id === selectedId) && ranked.find((n) => n.id === selectedId);
    if (selected) shown.push(selected);
    const ids = new Set(shown.map((n) => n.id));
    return { nodes: shown, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)), total: nodes.length };
  }
  function textWidth(text, size) {
    let width = 0;
    for (const char of String(text || "")) width += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(char) ? size : /[A-Z]/.test(char) ? 0.68 * size : 0.56 * size;
    return width;
  }
  function nodeBox(node) {
    const latin = node.latin === void 0 ? romanize(node.name, { personal: node.type === "character" }) : node.latin;
    const half = Math.max(node.r, textWidth(node.name, NAME_SIZE) / 2, latin ? textWidth(latin, LATIN_SIZE) / 2 : 0) + 3;
    const below = node.r + LABEL_GAP + NAME_SIZE + (latin ? LATIN_SIZE + 4 : 0) + 3;
    return { left: node.x - half, right: node.x + half, top: node.y - node.r, bottom: node.y + below };
  }
  function overlaps(a2, b) {
    return a2.left < b.right && b.left < a2.right && a2.top < b.bottom && b.top < a2.bottom;
  }
  function separate(nodes, area) {
    const clamp = (node) => {
      const box = nodeBox(node);
      if (box.left < area.left) node.x += area.left - box.left;
      else if (box.right > area.right) node.x -= box.right - area.right;
      if (box.top < area.top) node.y += area.top - box.top;
      else if (box.bottom > area.bottom) node.y -= box.bottom - area.bottom;
    };
    for (const node of nodes) clamp(node);
    for (let round = 0; round < 400; round += 1) {
      let moved = false;
      for (let i = 0; i < nodes.length; i += 1) {
        for (let j = i + 1; j < nodes.length; j += 1) {
          const [a2, b] = [nodeBox(nodes[i]), nodeBox(nodes[j])];
          if (!overlaps(a2, b)) continue;
          moved = true;
          const dx = Math.min(a2.right - b.left, b.right - a2.left) + 1;
          const dy = Math.min(a2.bottom - b.top, b.bottom - a2.top) + 1;
          const [first, second] = [nodes[i], nodes[j]];
          if (dx <= dy) {
            const sign = first.x < second.x || first.x === second.x && i < j ? -1 : 1;
            first.x += sign * dx / 2;
            second.x -= sign * dx / 2;
          } else {
            const sign = first.y < second.y || first.y === second.y && i < j ? -1 : 1;
            first.y += sign * dy / 2;
            second.y -= sign * dy / 2;
          }
          clamp(first);
          clamp(second);
        }
      }
      if (!moved) break;
    }
    return nodes;
  }
  function layout(nodes, edges) {
    const height = heightFor(nodes.length);
    const placed = nodes.map((n) => ({
      ...n,
      r: radius(n.importance),
      latin: romanize(n.name, { personal: n.type === "character" })
    }));
    const links = pairs(edges).map((p) => ({ ...p }));
    const simulation2 = simulation(placed).force("link", link(links).id((d) => d.id).distance((l) => 150 - 60 * Math.min(1, l.strength / 1.5)).strength((l) => 0.15 + 0.5 * Math.min(1, l.strength / 1.5))).force("charge", manyBody().strength(-520)).force("collide", collide().radius((d) => {
      const box = nodeBox({ ...d, x: 0, y: 0 });
      return Math.max(d.r + 26, (box.right - box.left) / 2 + 8);
    })).force("x", x(WIDTH / 2).strength(0.06)).force("y", y(height / 2).strength(0.09)).force("center", center(WIDTH / 2, height / 2)).stop();
    for (let i = 0; i < TICKS; i += 1) simulation2.tick();
    fit(placed, height);
    separate(placed, { left: 0, right: WIDTH, top: 0, bottom: height });
    return { nodes: placed, links, height };
  }
  function fit(nodes, height) {
    if (!nodes.length) return;
    const box = { left: 70, right: WIDTH - 70, top: 16, bottom: height - 44 };
    const xs = nodes.map((n) => n.x);
    const ys = nodes.map((n) => n.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const pad = Math.max(...nodes.map((n) => n.r));
    const scale = Math.min(
      (box.right - box.left - 2 * pad) / Math.max(1, x1 - x0),
      (box.bottom - box.top - 2 * pad) / Math.max(1, y1 - y0),
      3
    );
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    for (const node of nodes) {
      node.x = WIDTH / 2 + (node.x - cx) * scale;
      node.y = (box.top + box.bottom) / 2 + (node.y - cy) * scale;
    }
  }
  function drawNetwork(doc, container, { nodes, edges }, { onHover, onPick, selectedId }) {
    const { nodes: placed, links, height } = layout(nodes, edges);
    const root = svg(doc, "svg", {
      viewBox: `0 0 ${WIDTH} ${height}`,
      class: "network",
      role: "group",
      "aria-label": "character network"
    });
    const lines = svg(doc, "g", { class: "links" });
    for (const link2 of links) {
      const width = 1 + 6 * Math.min(1, link2.strength / 1.5);
      const line = svg(doc, "line", {
        x1: link2.source.x.toFixed(1),
        y1: link2.source.y.toFixed(1),
        x2: link2.target.x.toFixed(1),
        y2: link2.target.y.toFixed(1),
        "stroke-width": width.toFixed(2),
        class: link2.types.some((t) => t !== "co_appearance") ? "link typed" : "link",
        "data-source": link2.source.id,
        "data-target": link2.target.id
      });
      line.append(svgText(doc, {}, `${link2.source.name} – ${link2.target.name}: ${link2.types.join(", ")}`));
      lines.append(line);
    }
    root.append(lines);
    const group = svg(doc, "g", { class: "nodes" });
    for (const node of placed) {
      const { latin } = node;
      const item = svg(doc, "g", {
        testid: "character-node",
        "data-entity-id": node.id,
        "data-community": node.community,
        transform: `translate(${node.x.toFixed(1)},${node.y.toFixed(1)})`,
        tabindex: 0,
        role: "button",
        "aria-label": latin ? `${node.name} (${latin})` : node.name,
        "aria-pressed": node.id === selectedId ? "true" : "false",
        class: "node"
      });
      item.append(svg(doc, "circle", { r: node.r.toFixed(1), fill: colour(node.community) }));
      item.append(svgText(doc, {
        class: "name",
        y: (node.r + LABEL_GAP + NAME_SIZE - 2).toFixed(1),
        "text-anchor": "middle"
      }, node.name));
      if (latin) {
        item.append(svgText(doc, {
          class: "latin",
          y: (node.r + LABEL_GAP + NAME_SIZE + LATIN_SIZE + 2).toFixed(1),
          "text-anchor": "middle"
        }, latin));
      }
      item.addEventListener("mouseenter", () => onHover(node, item));
      item.addEventListener("focus", () => onHover(node, item));
      item.addEventListener("mouseleave", () => onHover(null, item));
      item.addEventListener("blur", () => onHover(null, item));
      item.addEventListener("click", () => onPick(node));
      item.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          onPick(node);
        }
      });
      group.append(item);
    }
    root.append(group);
    container.replaceChildren(root);
    return root;
  }

  // web/src/explorer/queries.js
  var SERIES = `query ExplorerSeries($id: ID!) {
  series(id: $id) { id title language videos(status: "ready") { id season episode title duration ordinal } }
}`;
  var NETWORK = `query ExplorerNetwork($id: ID!, $asOf: AsOf!) {
  series(id: $id) { network(asOf: $asOf, first: 40) {
    asOf { videoId until wholeEpisode }
    nodes { id name aliases type description mentionCount importance community firstAppearance { videoId at } }
    edges { source target type strength } } }
}`;
  var MENTIONS = `query ExplorerMentions($id: ID!, $asOf: AsOf!) {
  entity(id: $id) { id mentions(first: 100, asOf: $asOf) { videoId at count line { start end text speaker } } }
}`;
  var QUESTIONS = `query ExplorerQuestions($id: ID!, $asOf: AsOf!) {
  stats(seriesId: $id, asOf: $asOf, top: 8) {
    mostAskedLines { videoId text count at rated helpfulShare }
    episodes { videoId questions helpful notHelpful helpfulShare } }
}`;

  // web/src/explorer/strings.js
  var en = {
    title: "Series explorer",
    asOf: "As of",
    asOfHint: "Everything below holds only what a viewer has seen up to this point.",
    wholeEpisode: "whole episode",
    minute: "minute",
    episode: (n, title) => `Episode ${n}${title ? ` · ${title}` : ""}`,
    network: "Characters",
    networkHint: "Size: importance · colour: community · line: how strongly they are related. Click a character.",
    timeline: "Where they appear",
    timelineHint: "One strip per episode; a mark is a scene that names the character. Click a mark.",
    pickCharacter: "Pick a character in the network.",
    firstAppearance: "First appears",
    aliases: "Also called",
    mentions: (n) => `${n} mention${n === 1 ? "" : "s"}`,
    notYet: "not seen yet",
    watchAt: (time) => `Watch at ${time}`,
    questions: "Questions viewers asked",
    questionsEmpty: "No questions yet up to this point.",
    asked: (n) => `asked ${n}×`,
    helpful: (share) => share === null ? "no feedback yet" : `${Math.round(share * 100)} % found it helpful`,
    perEpisode: "Per episode",
    noCharacters: "No characters met yet at this point.",
    failed: "The explorer could not load its data.",
    notFound: "This series is not known to the service.",
    back: "Episodes",
    showAll: (n) => `Show all ${n} characters`,
    showFewer: (n) => `Show the ${n} most important`,
    showing: (shown, total) => `The ${shown} most important of ${total} characters.`
  };
  var ko = {
    title: "시리즈 탐색기",
    asOf: "시청 위치",
    asOfHint: "아래의 모든 내용은 이 지점까지 본 시청자가 아는 것만 보여 줍니다.",
    wholeEpisode: "에피소드 끝까지",
    minute: "분",
    episode: (n, title) => `${n}화${title ? ` · ${title}` : ""}`,
    network: "등장인물",
    networkHint: "크기: 중요도 · 색: 그룹 · 선: 관계의 세기. 인물을 클릭하세요.",
    timeline: "등장 장면",
    timelineHint: "에피소드마다 한 줄, 표시는 인물이 언급된 장면입니다. 표시를 클릭하세요.",
    pickCharacter: "네트워크에서 인물을 고르세요.",
    firstAppearance: "첫 등장",
    aliases: "다른 이름",
    mentions: (n) => `언급 ${n}회`,
    notYet: "아직 보지 않음",
    watchAt: (time) => `${time}부터 보기`,
    questions: "시청자 질문",
    questionsEmpty: "이 지점까지 질문이 아직 없습니다.",
    asked: (n) => `${n}번 질문됨`,
    helpful: (share) => share === null ? "아직 평가 없음" : `${Math.round(share * 100)}%가 도움이 됐다고 함`,
    perEpisode: "에피소드별",
    noCharacters: "이 지점까지 만난 인물이 없습니다.",
    failed: "탐색기 데이터를 불러오지 못했습니다.",
    notFound: "이 시리즈를 찾을 수 없습니다.",
    back: "에피소드 목록",
    showAll: (n) => `인물 ${n}명 모두 보기`,
    showFewer: (n) => `중요한 ${n}명만 보기`,
    showing: (shown, total) => `인물 ${total}명 중 중요한 ${shown}명입니다.`
  };
  function explorerStrings(language2) {
    return language2 === "ko" ? ko : en;
  }

  // web/src/explorer/explore.js
  var $ = (id) => document.getElementById(id);
  var params = new URLSearchParams(location.search);
  var lang = params.get("lang");
  var language = pageLanguage();
  var strings = explorerStrings(language);
  var seriesId = decodeURIComponent(location.pathname.replace(/^\/explore\//, "").replace(/\/+$/, ""));
  var top = Number.parseInt(params.get("top") || "", 10);
  var state = {
    episodes: [],
    videoId: null,
    timestamp: null,
    network: null,
    selected: null,
    generation: 0,
    limit: Number.isFinite(top) && top > 0 ? top : DEFAULT_VISIBLE,
    all: false
  };
  function asOf() {
    return state.timestamp === null ? { videoId: state.videoId } : { videoId: state.videoId, timestamp: state.timestamp };
  }
  function episodeOf(videoId) {
    return state.episodes.find((e) => e.id === videoId);
  }
  function episodesUpToBound() {
    const bound = episodeOf(state.videoId);
    return state.episodes.filter((e) => e.ordinal <= bound.ordinal);
  }
  function firstSeenText(node) {
    const episode = episodeOf(node.firstAppearance.videoId);
    return `${strings.episode(episode ? episode.episode : "?", "")} ${formatTime(node.firstAppearance.at)}`;
  }
  async function main() {
    document.documentElement.lang = language;
    $("title").textContent = strings.title;
    $("back").textContent = `← ${strings.back}`;
    $("back").href = lang ? `/?lang=${encodeURIComponent(lang)}` : "/";
    $("as-of-label").textContent = strings.asOf;
    $("as-of-hint").textContent = strings.asOfHint;
    $("network-title").textContent = strings.network;
    $("network-hint").textContent = strings.networkHint;
    $("timeline-title").textContent = strings.timeline;
    $("timeline-hint").textContent = strings.timelineHint;
    $("questions-title").textContent = strings.questions;
    $("network-more").addEventListener("click", () => {
      state.all = !state.all;
      drawCharacters();
    });
    let series;
    try {
      series = (await graphql(SERIES, { id: seriesId })).series;
    } catch {
      fail(strings.failed);
      return;
    }
    if (!series || !series.videos.length) {
      fail(strings.notFound);
      return;
    }
    $("series-title").textContent = series.title || series.id;
    document.title = `${series.title || series.id} · ${strings.title}`;
    state.episodes = series.videos;
    const asked = episodeOf(params.get("asOf"));
    state.videoId = (asked || state.episodes[state.episodes.length - 1]).id;
    const t = Number(params.get("t"));
    state.timestamp = asked && params.has("t") && Number.isFinite(t) && t >= 0 ? t : null;
    buildSelector();
    await refresh();
  }
  function fail(message) {
    $("status").textContent = message;
    document.body.dataset.state = "failed";
  }
  function buildSelector() {
    const select = $("as-of-episode");
    select.replaceChildren(...state.episodes.map((e) => h(document, "option", {
      value: e.id,
      text: strings.episode(e.episode ?? "?", e.title || ""),
      selected: e.id === state.videoId
    })));
    const range = $("as-of-time");
    const output = $("as-of-output");
    const sync = () => {
      const episode = episodeOf(state.videoId);
      const duration = Math.ceil(Number(episode.duration) || 0);
      range.max = String(duration);
      range.value = String(state.timestamp === null ? duration : Math.min(duration, state.timestamp));
      range.disabled = !duration;
      output.textContent = state.timestamp === null ? `${formatTime(duration)} · ${strings.wholeEpisode}` : formatTime(state.timestamp);
    };
    select.addEventListener("change", () => {
      state.videoId = select.value;
      state.timestamp = null;
      sync();
      refresh();
    });
    range.addEventListener("input", () => {
      output.textContent = formatTime(Number(range.value));
    });
    range.addEventListener("change", () => {
      const value = Number(range.value);
      state.timestamp = value >= Number(range.max) ? null : value;
      sync();
      refresh();
    });
    sync();
  }
  async function refresh() {
    const generation = ++state.generation;
    document.body.dataset.state = "loading";
    const query = new URLSearchParams(location.search);
    query.set("asOf", state.videoId);
    if (state.timestamp === null) query.delete("t");
    else query.set("t", String(state.timestamp));
    history.replaceState(null, "", `${location.pathname}?${query}`);
    let network;
    let stats;
    try {
      [network, stats] = await Promise.all([
        graphql(NETWORK, { id: seriesId, asOf: asOf() }).then((d) => d.series.network),
        graphql(QUESTIONS, { id: seriesId, asOf: asOf() }).then((d) => d.stats)
      ]);
    } catch {
      if (generation === state.generation) fail(strings.failed);
      return;
    }
    if (generation !== state.generation) return;
    state.network = network;
    $("status").textContent = network.nodes.length ? "" : strings.noCharacters;
    drawCharacters();
    drawDashboard(document, $("questions"), { stats, episodes: state.episodes, strings, lang });
    const still = state.selected && network.nodes.find((n) => n.id === state.selected);
    if (still) await pick(still, generation);
    else clearCharacter();
    if (generation === state.generation) document.body.dataset.state = "ready";
  }
  function drawCharacters() {
    const network = state.network;
    const shown = visibleNetwork(network, state.all ? network.nodes.length : state.limit, state.selected);
    drawNetwork(document, $("network"), shown, { onHover: showTooltip, onPick: pick, selectedId: state.selected });
    const more = $("network-more");
    more.hidden = network.nodes.length <= state.limit;
    more.textContent = state.all ? strings.showFewer(state.limit) : strings.showAll(network.nodes.length);
    more.setAttribute("aria-expanded", state.all ? "true" : "false");
    $("network-count").textContent = more.hidden || state.all ? "" : strings.showing(shown.nodes.length, network.nodes.length);
  }
  function showTooltip(node, element) {
    const tip = $("tooltip");
    if (!node) {
      tip.hidden = true;
      return;
    }
    const latin = romanize(node.name, { personal: node.type === "character" });
    tip.replaceChildren(...[
      h(document, "strong", { text: node.name }),
      latin ? h(document, "span", { class: "latin", text: ` ${latin}` }) : null,
      node.aliases.length ? h(document, "p", { text: `${strings.aliases}: ${node.aliases.join(", ")}` }) : null,
      h(document, "p", { text: `${strings.firstAppearance}: ${firstSeenText(node)}` }),
      node.description ? h(document, "p", { class: "description", text: node.description }) : null
    ].filter(Boolean));
    const box = element.getBoundingClientRect();
    const host = $("network-card").getBoundingClientRect();
    tip.style.left = `${Math.round(box.right - host.left + 8)}px`;
    tip.style.top = `${Math.round(box.top - host.top)}px`;
    tip.hidden = false;
  }
  function clearCharacter() {
    state.selected = null;
    $("character").replaceChildren(h(document, "p", { class: "empty", text: strings.pickCharacter }));
    $("timeline").replaceChildren();
    $("mark").replaceChildren();
  }
  async function pick(node, generation = state.generation) {
    state.selected = node.id;
    for (const item of document.querySelectorAll('[data-testid="character-node"]')) {
      item.setAttribute("aria-pressed", item.dataset.entityId === node.id ? "true" : "false");
    }
    const latin = romanize(node.name, { personal: node.type === "character" });
    const swatch = h(document, "span", { class: "swatch" });
    swatch.style.background = colour(node.community);
    $("character").replaceChildren(...[
      h(
        document,
        "h3",
        { testid: "character-name" },
        swatch,
        node.name,
        latin ? h(document, "span", { class: "latin", text: latin }) : null
      ),
      node.description ? h(document, "p", { class: "description", text: node.description }) : null,
      h(document, "p", { class: "meta", text: [
        `${strings.firstAppearance}: ${firstSeenText(node)}`,
        strings.mentions(node.mentionCount),
        node.aliases.length ? `${strings.aliases}: ${node.aliases.join(", ")}` : null
      ].filter(Boolean).join(" · ") })
    ].filter(Boolean));
    $("mark").replaceChildren();
    let mentions;
    try {
      mentions = (await graphql(MENTIONS, { id: node.id, asOf: asOf() })).entity.mentions;
    } catch {
      fail(strings.failed);
      return;
    }
    if (generation !== state.generation || state.selected !== node.id) return;
    const until = state.timestamp === null ? Infinity : state.timestamp;
    drawTimeline(document, $("timeline"), {
      episodes: episodesUpToBound(),
      mentions,
      until,
      strings,
      onPick: (mention, episode, mark) => {
        for (const other of document.querySelectorAll('[data-testid="timeline-mark"]')) other.removeAttribute("aria-current");
        mark.setAttribute("aria-current", "true");
        $("mark").replaceChildren(markDetail(document, { mention, episode, strings, lang }));
      }
    });
  }
  main();
})();
