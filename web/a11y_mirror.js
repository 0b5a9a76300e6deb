// The screen-reader mirror's DOM side (--js-library; the C++ side is src/portal/ui/a11y.cpp).
// A transparent tree over the canvas (#portal-a11y): each element lies over the item it stands
// for, so touch exploration and Playwright's hit tests find it; pointer events on it are handled
// as the canvas's (web/portal_glue.js). Updated in place, keyed by item id: the focused element
// survives. Activation (click, Enter, Space from a screen reader) clicks the item in ImGui;
// focusing an element focuses the item; a text field hands over to the page's textarea, which
// then carries the field's name.
mergeInto(LibraryManager.library, {
  $PortalA11y: {
    root: null, main: null, nav: null, status: null, alert: null, announcer: null,
    els: {},             // key -> element of the last tree
    syncing: false,      // focus moved by us: not a request from the screen reader
    handing: false,      // inside a mirror text field's focusin
    focusKey: '',
    textKey: '',         // the text field the textarea stands in for ('' = none)
    updates: 0, ms: 0,   // DOM update cost (portalTest.a11y())

    init: function() {
      var A = PortalA11y, G = PortalGlue, root = G.mirror;
      A.root = root;
      root.setAttribute('lang', document.documentElement.lang || 'en');
      A.nav = document.createElement('nav');
      A.nav.setAttribute('aria-label', 'Navigation');
      A.main = document.createElement('main');
      A.status = document.createElement('div');
      A.status.setAttribute('role', 'status');
      A.status.setAttribute('aria-live', 'polite');
      A.status.className = 'a11y-live';
      A.alert = document.createElement('div');
      A.alert.setAttribute('role', 'alert');
      A.alert.className = 'a11y-live';
      A.announcer = document.createElement('div');      // countdowns, announced sparingly
      A.announcer.setAttribute('aria-live', 'polite');
      A.announcer.className = 'a11y-live';
      root.appendChild(A.nav);
      root.appendChild(A.main);
      root.appendChild(A.status);
      root.appendChild(A.alert);
      root.appendChild(A.announcer);

      // For tests: the DOM side's cost, and switching the mirror off to measure a frame without it.
      if (window.portalTest) {
        window.portalTest.a11y = function() { return {updates: A.updates, ms: A.ms}; };
        window.portalTest.a11yEnable = function(on) {
          _portal_a11y_enable(on ? 1 : 0);
          if (!on) { A.update([]); A.focus(''); }
        };
      }
      root.addEventListener('focusin', function(e) {
        var el = e.target;
        if (A.syncing || !el.portalId) return;
        if (el.tagName === 'INPUT') {
          // A text field: click it in ImGui now (inside this event); the textarea takes focus
          // once this event is over (moving focus inside focusin is undone by some callers).
          A.handing = true;
          if (el.getAttribute('aria-hidden') !== 'true' && _portal_a11y_activate(el.portalId)) _portal_pump();
          A.handing = false;
          setTimeout(function() {
            if (A.textKey && document.activeElement === el) A.focus(A.focusKey, true);
          }, 0);
        } else {
          _portal_a11y_focus(el.portalId);
        }
      });
      root.addEventListener('click', function(e) {
        var el = e.target.closest ? e.target.closest('button') : null;
        if (!el || !el.portalId) return;
        e.preventDefault();
        // A mouse or touch click on the element already reached ImGui as a canvas press; clicks
        // from the keyboard (Enter, Space) and screen readers come without a pointer press.
        if (e.detail > 0 && G.mirrorPress && performance.now() - G.mirrorPress < 1500) { G.mirrorPress = 0; return; }
        if (_portal_a11y_activate(el.portalId)) _portal_pump();
      });
    },

    create: function(n) {
      var tag = {h1: 'h1', h2: 'h2', h3: 'h3', text: 'p', live: 'p', textbox: 'input'}[n.r] || 'button';
      var el = document.createElement(tag);
      el.portalRole = n.r;
      if (tag === 'button') {
        el.type = 'button';
        if (n.r !== 'button') el.setAttribute('role', n.r);
      }
      if (tag === 'input') {
        el.autocomplete = 'off';
        el.spellcheck = false;
      }
      if (n.k.charAt(0) === 'i') el.portalId = parseInt(n.k.slice(1), 16);
      el.className = 'a11y-node';
      return el;
    },

    attr: function(el, name, value) {
      if (value === null) { if (el.hasAttribute(name)) el.removeAttribute(name); }
      else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
    },

    apply: function(el, n) {
      var A = PortalA11y, f = n.f || '';
      var rect = n.x + ',' + n.y + ',' + n.w + ',' + n.h;
      if (el.portalRect !== rect) {
        el.portalRect = rect;
        el.style.left = n.x + 'px';
        el.style.top = n.y + 'px';
        el.style.width = n.w + 'px';
        el.style.height = n.h + 'px';
      }
      var interactive = el.portalId !== undefined && el.tagName !== 'P' && el.tagName.charAt(0) !== 'H';
      if (!interactive) {
        if (n.r === 'live' && el.textContent !== n.n) A.live(el, n.n);
        else if (el.textContent !== n.n) el.textContent = n.n;
        return;
      }
      if (el.tagName === 'INPUT') {
        A.attr(el, 'aria-label', n.n);
        var type = f.indexOf('p') >= 0 ? 'password' : 'text';
        if (el.type !== type) el.type = type;
        if (n.v !== undefined && el.value !== n.v && document.activeElement !== el) el.value = n.v;
        var standIn = f.indexOf('a') >= 0;  // the textarea has it now (see focus())
        A.attr(el, 'aria-hidden', standIn ? 'true' : null);
        A.attr(el, 'tabindex', standIn ? '-1' : null);
      } else {
        if (el.textContent !== n.n) el.textContent = n.n;
        var checkable = n.r === 'checkbox' || n.r === 'switch' || n.r === 'radio';
        A.attr(el, 'aria-checked', checkable ? (f.indexOf('c') >= 0 ? 'true' : 'false') : null);
        A.attr(el, 'aria-expanded', f.indexOf('e') >= 0 ? 'true' : f.indexOf('E') >= 0 ? 'false' : null);
        A.attr(el, 'aria-current', f.indexOf('u') >= 0 ? 'page' : null);
      }
      A.attr(el, 'aria-disabled', f.indexOf('d') >= 0 ? 'true' : null);
      // Shown by a real DOM field (web/dom_fields.js), which is what assistive technology reads.
      el.portalDom = f.indexOf('x') >= 0;
      if (el.portalDom) { A.attr(el, 'aria-hidden', 'true'); A.attr(el, 'tabindex', '-1'); }
    },

    // Text that changes by itself (a countdown): the element always holds the current text; the
    // polite announcer repeats it only when its wording changes (not its numbers) or once a minute.
    live: function(el, text) {
      var A = PortalA11y, now = performance.now();
      var shape = text.replace(/[0-9]+/g, '#');
      var first = el.portalShape === undefined;
      if (!first && (shape !== el.portalShape || now - el.portalSaid > 60000)) {
        A.announcer.textContent = text;
        el.portalSaid = now;
      }
      if (first) el.portalSaid = now;
      el.portalShape = shape;
      el.textContent = text;
    },

    // Puts each parent's children in the given order, moving only what is out of place.
    order: function(parent, children) {
      var cur = parent.firstChild;
      for (var i = 0; i < children.length; i++) {
        var el = children[i];
        if (cur === el) { cur = cur.nextSibling; continue; }
        parent.insertBefore(el, cur);
      }
      while (cur) { var next = cur.nextSibling; parent.removeChild(cur); cur = next; }
    },

    container: function(A, key, tag, role, parent, kids, list) {
      var el = A.els[key];
      if (!el) { el = document.createElement(tag); if (role) el.setAttribute('role', role); }
      A.next[key] = el;
      if (!kids.has(el)) {
        kids.set(el, []);
        if (!kids.has(parent)) kids.set(parent, []);
        kids.get(parent).push(el);
        if (list) list.push(el);
      }
      return el;
    },

    update: function(list) {
      var A = PortalA11y, t0 = performance.now();
      var active = document.activeElement;
      A.next = {};
      var kids = new Map([[A.nav, []], [A.main, []]]);
      for (var i = 0; i < list.length; i++) {
        var n = list[i], el = A.els[n.k];
        if (!el || el.portalRole !== n.r) el = A.create(n);
        A.next[n.k] = el;
        A.apply(el, n);
        var parent = (n.f || '').indexOf('n') >= 0 ? A.nav : A.main;
        if (n.t) {
          // A data table: table > row > cell, its header row from the column names.
          var tk = 'T' + n.t[0], table = A.container(A, tk, 'div', 'table', parent, kids);
          if (n.th) {
            var hr = A.container(A, tk + 'h', 'div', 'row', table, kids);
            for (var c = 0; c < n.th.length; c++) {
              var hc = A.container(A, tk + 'h' + c, 'div', 'columnheader', hr, kids);
              if (hc.textContent !== n.th[c]) hc.textContent = n.th[c];
            }
          }
          var row = A.container(A, tk + 'r' + n.t[1], 'div', 'row', table, kids);
          parent = A.container(A, tk + 'r' + n.t[1] + 'c' + n.t[2], 'div', 'cell', row, kids);
        }
        if (!kids.has(parent)) kids.set(parent, []);
        kids.get(parent).push(el);
      }
      kids.forEach(function(children, parent) { A.order(parent, children); });
      A.els = A.next;
      if (active && active !== document.activeElement && A.root.contains(active)) {
        A.syncing = true;
        active.focus({preventScroll: true});
        A.syncing = false;
      }
      A.updates++;
      A.ms += performance.now() - t0;
    },

    // ImGui's focused item: the matching element gets DOM focus ('a' + key: the textarea, which
    // receives the typing, stands in for that text field and takes its name).
    focus: function(key, again) {
      var A = PortalA11y, G = PortalGlue, ta = G.input;
      A.focusKey = key;
      if (key.charAt(0) === 'a') {
        var field = A.els[key.slice(1)];
        var name = field ? field.getAttribute('aria-label') || '' : '';
        var changed = A.textKey !== key && !again;
        A.textKey = key;
        if (A.handing) return;  // the focusin handler hands over when it is done
        ta.removeAttribute('aria-hidden');
        ta.setAttribute('aria-label', name);
        if (field && field.type === 'password') ta.setAttribute('aria-roledescription', 'password');
        else ta.removeAttribute('aria-roledescription');
        A.syncing = true;
        // Tab from one field to the next: the same textarea, so blur and focus it again for the
        // screen reader to announce the new field.
        if (changed && document.activeElement === ta && !G.touch) ta.blur();
        if (document.activeElement !== ta) ta.focus({preventScroll: true});
        A.syncing = false;
        return;
      }
      if (A.textKey) {
        A.textKey = '';
        ta.setAttribute('aria-hidden', 'true');
        ta.removeAttribute('aria-label');
        ta.removeAttribute('aria-roledescription');
      }
      var el = A.els[key];
      if (!el || document.activeElement === el || el.portalDom) return;  // a DOM field focuses itself
      A.syncing = true;
      el.focus({preventScroll: true});
      A.syncing = false;
    },

    setLive: function(region, texts) {
      var have = region.children;
      // Keep the toasts still shown, add the new ones: only additions are announced.
      for (var i = have.length - 1; i >= 0; i--)
        if (texts.indexOf(have[i].textContent) < 0) region.removeChild(have[i]);
      var shown = [];
      for (var j = 0; j < region.children.length; j++) shown.push(region.children[j].textContent);
      for (var k = 0; k < texts.length; k++) {
        if (shown.indexOf(texts[k]) >= 0) continue;
        var p = document.createElement('p');
        p.textContent = texts[k];
        region.appendChild(p);
      }
    },
  },

  portal_js_a11y_tree__deps: ['$PortalA11y', '$PortalGlue'],
  portal_js_a11y_tree: function(json) {
    var A = PortalA11y;
    if (!A.root) A.init();
    A.update(JSON.parse(UTF8ToString(json)));
  },

  portal_js_a11y_focus__deps: ['$PortalA11y', '$PortalGlue'],
  portal_js_a11y_focus: function(key) {
    var A = PortalA11y;
    if (!A.root) A.init();
    A.focus(UTF8ToString(key));
  },

  portal_js_a11y_live__deps: ['$PortalA11y', '$PortalGlue'],
  portal_js_a11y_live: function(json) {
    var A = PortalA11y;
    if (!A.root) A.init();
    var live = JSON.parse(UTF8ToString(json));
    A.setLive(A.status, live.toasts);
    A.setLive(A.alert, live.errors);
  },

});
