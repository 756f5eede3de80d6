/*!
 * Gateway Doctor embed snippet — protocol version 1.
 * Put the wizard on a page with one line:
 *   <script src="https://YOUR-GATEWAY-DOCTOR/embed.js" async></script>
 * Options are data-* attributes on that tag; the full reference is at /docs/embed.
 * Plain ES2017, no dependencies; the only global is window.GatewayDoctor.
 */
(function () {
  "use strict";

  // Protocol constants; lib/embed/protocol.ts is the source, and a unit test holds these to it.
  var NAMESPACE = "gateway-doctor";
  var PROTOCOL_VERSION = 1;
  var EVENTS = ["ready", "step", "resolved", "diagnosis", "check", "escalate", "resize"];
  var THEMES = ["auto", "light", "dark"];
  var DEFAULT_HEIGHT = 560;
  var MAX_HEIGHT = 100000;
  var DEFAULT_TITLE = "Gateway Doctor: troubleshoot 502, 503 and 504 errors";

  var script = document.currentScript;

  // Loaded twice (two snippets on one page): one API, one message listener.
  var existing = window.GatewayDoctor;
  if (existing && existing.protocol === PROTOCOL_VERSION && typeof existing.mount === "function") {
    if (script && script.src && script.dataset.mount !== "manual") {
      existing.mount(null, optionsFromScript(script), script);
    }
    return;
  }

  var embeds = [];
  var globalHandlers = {};
  var counter = 0;

  function warn(message) {
    if (window.console && console.warn) console.warn("Gateway Doctor embed: " + message);
  }

  /** Calls a host handler without letting its error stop the others. */
  function safely(handler, detail, embed) {
    try {
      handler(detail, embed);
    } catch (error) {
      setTimeout(function () {
        throw error;
      });
    }
  }

  function eventName(name) {
    var bare =
      String(name).indexOf(NAMESPACE + ":") === 0
        ? String(name).slice(NAMESPACE.length + 1)
        : String(name);
    if (EVENTS.indexOf(bare) < 0)
      throw new Error('Gateway Doctor: unknown event "' + name + '"; known: ' + EVENTS.join(", "));
    return bare;
  }

  function addHandler(table, name, handler) {
    if (typeof handler !== "function")
      throw new TypeError("Gateway Doctor: the handler must be a function");
    var bare = eventName(name);
    (table[bare] = table[bare] || []).push(handler);
    return function off() {
      removeHandler(table, bare, handler);
    };
  }

  function removeHandler(table, name, handler) {
    var list = table[eventName(name)];
    if (!list) return;
    var index = list.indexOf(handler);
    if (index >= 0) list.splice(index, 1);
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /**
   * Reads one message from an embed, or null if it is not a well-formed message of this
   * protocol version. Only the embed's own origin and window get this far (see onMessage).
   */
  function readMessage(data) {
    if (!isPlainObject(data) || typeof data.type !== "string") return null;
    if (data.type.indexOf(NAMESPACE + ":") !== 0 || data.version !== PROTOCOL_VERSION) return null;
    var name = data.type.slice(NAMESPACE.length + 1);
    if (EVENTS.indexOf(name) < 0 || !isPlainObject(data.detail)) return null;
    var detail = data.detail;
    if (name === "resize") {
      if (typeof detail.height !== "number" || !(detail.height >= 0 && detail.height <= MAX_HEIGHT))
        return null;
    } else if (name === "check") {
      if (typeof detail.verdict !== "string") return null;
    } else if (typeof detail.stateId !== "string" || !Array.isArray(detail.answers)) {
      return null;
    }
    return { name: name, detail: detail };
  }

  function onMessage(event) {
    for (var i = 0; i < embeds.length; i++) {
      var embed = embeds[i];
      // Both checks: the message must come from our iframe's window, and that window must be
      // showing Gateway Doctor (not a page it was navigated to).
      if (event.source !== embed.iframe.contentWindow || event.origin !== embed.origin) continue;
      var message = readMessage(event.data);
      if (message) embed._receive(message.name, message.detail);
      return;
    }
  }

  function parseAnswers(value) {
    if (!value) return [];
    var answers = String(value)
      .split(/[\/,\s]+/)
      .filter(Boolean);
    for (var i = 0; i < answers.length; i++) {
      if (!/^[a-z0-9-]{1,64}$/i.test(answers[i])) {
        warn('data-answers: "' + answers[i] + '" is not an answer; starting at the first question');
        return [];
      }
    }
    return answers;
  }

  function flag(value, fallback) {
    if (value === undefined || value === null) return fallback;
    if (/^(|1|true|yes|on)$/i.test(String(value).trim())) return true;
    if (/^(0|false|no|off)$/i.test(String(value).trim())) return false;
    return fallback;
  }

  /** The options of a <script> tag's data-* attributes, as mount() takes them. */
  function optionsFromScript(tag) {
    var data = tag.dataset;
    return {
      target: data.target,
      answers: data.answers,
      start: data.start,
      theme: data.theme,
      accent: data.accent,
      liveCheck: data.liveCheck,
      url: data.url,
      shareCheckDetails: data.shareCheckDetails,
      escalate: data.escalate,
      escalateLabel: data.escalateLabel,
      title: data.title,
      height: data.height,
      scroll: data.scroll,
    };
  }

  /** The iframe address for a set of options. */
  function frameUrl(base, options) {
    var answers = parseAnswers(
      Array.isArray(options.answers) ? options.answers.join("/") : options.answers,
    );
    var url = new URL(base.href);
    if (answers.length > 0) url.pathname += "/" + answers.map(encodeURIComponent).join("/");
    var query = url.searchParams;
    if (window.location.origin && window.location.origin !== "null") {
      query.set("parent", window.location.origin);
    } else {
      warn("this page has no origin (file:// or sandboxed), so the embed cannot send it events");
    }
    if (options.start && answers.length === 0) {
      if (/^[A-Za-z0-9]{1,64}$/.test(options.start)) query.set("start", options.start);
      else warn('data-start: "' + options.start + '" is not a step id');
    }
    if (options.theme) {
      if (THEMES.indexOf(options.theme) >= 0) query.set("theme", options.theme);
      else warn("data-theme must be one of " + THEMES.join(", "));
    }
    if (options.accent) {
      if (/^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.test(options.accent))
        query.set("accent", options.accent);
      else warn("data-accent must be a hex color such as #1d4ed8");
    }
    if (flag(options.liveCheck, true) === false) query.set("check", "0");
    if (options.url) query.set("url", String(options.url));
    if (flag(options.shareCheckDetails, false)) query.set("check-details", "1");
    if (flag(options.escalate, false)) {
      query.set("escalate", "1");
      if (options.escalateLabel) query.set("escalate-label", String(options.escalateLabel));
    }
    return url;
  }

  /**
   * One embedded wizard. Handlers registered on it receive (detail, embed); `ready` handlers
   * registered after the wizard is ready are called at once with the ready detail.
   */
  function Embed(iframe, origin, options) {
    this.iframe = iframe;
    this.origin = origin;
    /** True once the wizard has sent `ready`. */
    this.ready = false;
    /** The detail of the last `step` event, or null. */
    this.step = null;
    this._handlers = {};
    this._readyDetail = null;
    this._scroll = flag(options.scroll, true);
  }

  Embed.prototype.on = function (name, handler) {
    var off = addHandler(this._handlers, name, handler);
    if (eventName(name) === "ready" && this.ready) {
      setTimeout(() => safely(handler, this._readyDetail, this));
    }
    return off;
  };

  Embed.prototype.off = function (name, handler) {
    removeHandler(this._handlers, name, handler);
  };

  /** Goes back to where this embed started (its data-answers or data-start, else the first question). */
  Embed.prototype.restart = function () {
    this._command("restart");
  };

  /** Removes the iframe and stops listening to it. */
  Embed.prototype.destroy = function () {
    var index = embeds.indexOf(this);
    if (index >= 0) embeds.splice(index, 1);
    if (this.iframe.parentNode) this.iframe.parentNode.removeChild(this.iframe);
  };

  Embed.prototype._command = function (name) {
    if (!this.iframe.contentWindow) return;
    // Addressed to the embed's origin only: if the frame was navigated elsewhere, it is not sent.
    this.iframe.contentWindow.postMessage(
      { type: NAMESPACE + ":" + name, version: PROTOCOL_VERSION },
      this.origin,
    );
  };

  Embed.prototype._receive = function (name, detail) {
    if (name === "resize") {
      this.iframe.style.height = Math.ceil(detail.height) + "px";
    } else if (name === "ready") {
      this.ready = true;
      this._readyDetail = detail;
    } else if (name === "step") {
      var first = this.step === null;
      this.step = detail;
      // After an answer the new step starts at the top of the frame; if that is above the
      // window, bring it back so the person does not land in the middle of the next step.
      if (!first && this._scroll && this.iframe.getBoundingClientRect().top < 0) {
        this.iframe.scrollIntoView({ block: "start" });
      }
    }
    var lists = [this._handlers[name] || [], globalHandlers[name] || []];
    for (var l = 0; l < lists.length; l++) {
      var list = lists[l].slice();
      for (var h = 0; h < list.length; h++) safely(list[h], detail, this);
    }
    // The same event as a DOM event on the iframe; it bubbles, so the host can listen on document.
    this.iframe.dispatchEvent(
      new CustomEvent(NAMESPACE + ":" + name, { detail: detail, bubbles: true }),
    );
  };

  function resolveTarget(target) {
    if (!target) return null;
    if (typeof target !== "string") return target;
    var element = document.getElementById(target.replace(/^#/, ""));
    if (element) return element;
    try {
      return document.querySelector(target);
    } catch (invalid) {
      warn('data-target "' + target + '" is not a valid selector (' + invalid.message + ")");
      return null;
    }
  }

  /**
   * Embeds a wizard. `target` is an element, an id or a selector to insert the iframe into;
   * null inserts it right after `after` (the <script> tag). Returns the Embed, or null.
   */
  function mount(target, options, after) {
    options = options || {};
    var source = (after && after.src) || (script && script.src);
    if (!source) {
      warn("cannot tell where Gateway Doctor is hosted; load embed.js with a <script src>");
      return null;
    }
    // Relative to embed.js, so a Gateway Doctor served under a path prefix still works.
    var base = new URL("embed", source);
    var place = resolveTarget(target || options.target);
    if ((target || options.target) && !place) {
      warn('data-target "' + (target || options.target) + '" matches no element');
      return null;
    }

    var iframe = document.createElement("iframe");
    iframe.src = frameUrl(base, options).href;
    iframe.title = options.title ? String(options.title) : DEFAULT_TITLE;
    // A name per frame lets the wizard keep this frame's options if the frame reloads.
    iframe.name = NAMESPACE + "-" + ++counter + "-" + Math.random().toString(36).slice(2, 10);
    // The wizard's copy buttons need the clipboard.
    iframe.setAttribute("allow", "clipboard-write");
    var height = Number(options.height);
    iframe.style.cssText =
      "display:block;width:100%;border:0;height:" +
      (height > 0 && height <= MAX_HEIGHT ? height : DEFAULT_HEIGHT) +
      "px";

    var embed = new Embed(iframe, base.origin, options);
    embeds.push(embed);
    if (place) {
      place.appendChild(iframe);
    } else if (after && after.parentNode && after.parentNode !== document.head) {
      after.parentNode.insertBefore(iframe, after.nextSibling);
    } else {
      var append = function () {
        document.body.appendChild(iframe);
      };
      if (document.body) append();
      else document.addEventListener("DOMContentLoaded", append);
    }
    return embed;
  }

  window.addEventListener("message", onMessage);

  window.GatewayDoctor = {
    /** Protocol version this snippet speaks. */
    protocol: PROTOCOL_VERSION,
    /** Names of the events. */
    events: EVENTS.slice(),
    /** Every wizard embedded on this page, in the order they were added. */
    embeds: embeds,
    /** Listens to an event of every embed on the page, present and future. */
    on: function (name, handler) {
      var off = addHandler(globalHandlers, name, handler);
      if (eventName(name) === "ready") {
        embeds.forEach(function (embed) {
          if (embed.ready) {
            var detail = embed._readyDetail;
            setTimeout(function () {
              safely(handler, detail, embed);
            });
          }
        });
      }
      return off;
    },
    off: function (name, handler) {
      removeHandler(globalHandlers, name, handler);
    },
    /** Restarts every embed on the page. */
    restart: function () {
      embeds.forEach(function (embed) {
        embed.restart();
      });
    },
    mount: mount,
  };

  // data-mount="manual" loads the API only, for pages that call GatewayDoctor.mount() themselves.
  if (script && script.src && script.dataset.mount !== "manual") {
    mount(null, optionsFromScript(script), script);
  }
})();
