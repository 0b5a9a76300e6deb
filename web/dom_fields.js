// The DOM side of src/portal/ui/dom_field.cpp (--js-library): real <textarea> / <input> elements
// laid over the canvas where the portal draws a text field's frame. The browser wraps, selects,
// composes (IME), spell-checks and autofills; each edit goes to C++ (portal_field_input); the
// app's own changes come back as "v". Sign-in fields live in a <form> so that password managers
// recognise and fill it. Pointer moves, wheel and touch drags over a field still reach the canvas.
mergeInto(LibraryManager.library, {
  $PortalFields: {
    layer: null, form: null, els: {},

    init: function() {
      var F = PortalFields, G = PortalGlue;
      var layer = document.getElementById('portal-fields');
      if (!layer) { layer = document.createElement('div'); layer.id = 'portal-fields'; document.body.appendChild(layer); }
      F.layer = layer;
      var form = document.createElement('form');
      form.setAttribute('action', '#');
      form.addEventListener('submit', function(e) { e.preventDefault(); _portal_field_submit(PortalProtocol.field_submit.Form); });
      layer.appendChild(form);
      F.form = form;
      // The canvas keeps hover and scrolling over the fields.
      // A press here also reaches ImGui: it leaves any ImGui text field.
      var P = PortalProtocol;
      [['pointermove', P.pointer.Move], ['pointerdown', P.pointer.Down], ['pointerup', P.pointer.Up]].forEach(function(t) {
        var type = t[0], kind = t[1];
        layer.addEventListener(type, function(e) {
          if (!e.isPrimary) return;
          var p = G.pos(e);
          _portal_on_pointer(kind, p[0], p[1], e.button, e.pointerType === 'touch' ? 1 : 0);
        });
      });
      layer.addEventListener('wheel', function(e) {
        var t = e.target, room = t.scrollHeight - t.clientHeight;  // a field taller than its cap scrolls itself
        if (e.ctrlKey || (room > 0 && (e.deltaY < 0 ? t.scrollTop > 0 : t.scrollTop < room))) return;
        e.preventDefault();
        _portal_on_wheel(e.deltaX, e.deltaY, e.deltaMode);
      }, {passive: false});
    },

    create: function(n) {
      var F = PortalFields;
      var el = document.createElement(n.k === 'area' ? 'textarea' : 'input');
      if (n.k !== 'area') el.type = n.k;
      el.className = 'pf-field';
      el.portalId = n.i;
      el.portalKind = n.k;
      el.portalH = 0;
      el.addEventListener('input', function() {
        PortalGlue.withString(el.value, function(p) { _portal_field_input(el.portalId, p); });
        F.measure(el);
      });
      el.addEventListener('focus', function() { _portal_field_focus(el.portalId, 1); });
      el.addEventListener('blur', function() { _portal_field_focus(el.portalId, 0); });
      el.addEventListener('keydown', function(e) {
        if (e.key === 'Enter' && el.tagName === 'INPUT' && !e.isComposing) { e.preventDefault(); _portal_field_submit(el.portalId); }
      });
      return el;
    },

    // A multi-line field grows with its text: its content height goes to the layout.
    measure: function(el) {
      if (el.portalKind !== 'area') return;
      var old = el.style.height;
      el.style.height = '0px';
      var h = el.scrollHeight;
      el.style.height = old;
      if (h !== el.portalH) { el.portalH = h; _portal_field_height(el.portalId, h); }
    },

    attr: function(el, name, value) {
      if (value === undefined || value === null) { if (el.hasAttribute(name)) el.removeAttribute(name); }
      else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
    },

    update: function(msg) {
      var F = PortalFields, next = {}, root = document.documentElement.style;
      root.setProperty('--pf-text', msg.t);
      root.setProperty('--pf-muted', msg.m);
      // ImGui's text size; never under 16 px on a touch screen (iOS would zoom into the field).
      var coarse = PortalGlue.touch || (window.matchMedia && matchMedia('(pointer: coarse)').matches);
      var px = coarse && msg.s < 16 ? 16 : msg.s;
      if (px) root.setProperty('--pf-size', px + 'px');
      if (msg.b && F.layer.contains(document.activeElement)) PortalGlue.focusInput();
      for (var i = 0; i < msg.l.length; i++) {
        var n = msg.l[i], el = F.els[n.i];
        if (!el || el.portalKind !== n.k) el = F.create(n);
        next[n.i] = el;
        var parent = n.F ? F.form : F.layer;
        if (el.parentNode !== parent) parent.appendChild(el);
        F.attr(el, 'aria-label', n.n);
        F.attr(el, 'placeholder', n.p);
        F.attr(el, 'autocomplete', n.a || 'off');
        var rect = n.x + ',' + n.y + ',' + n.w + ',' + n.h + ',' + n.c.join(',') + (n.H ? 'h' : '');
        if (el.portalRect !== rect) {
          el.portalRect = rect;
          var s = el.style;
          s.left = n.x + 'px'; s.top = n.y + 'px'; s.width = n.w + 'px'; s.height = n.h + 'px';
          // The part inside the scrolling area's clip rectangle only (under a top bar: cut).
          var top = Math.max(0, n.c[1] - n.y), left = Math.max(0, n.c[0] - n.x);
          var bottom = Math.max(0, n.y + n.h - n.c[3]), right = Math.max(0, n.x + n.w - n.c[2]);
          s.clipPath = (top || left || bottom || right) ? 'inset(' + top + 'px ' + right + 'px ' + bottom + 'px ' + left + 'px)' : '';
          s.visibility = n.H || top + bottom >= n.h ? 'hidden' : '';
          F.measure(el);
        }
        if (n.v !== undefined && el.value !== n.v) { el.value = n.v; F.measure(el); }
        if (n.f && document.activeElement !== el) el.focus({preventScroll: true});
      }
      for (var k in F.els) {
        if (next[k]) continue;
        var old = F.els[k];
        var had = document.activeElement === old;
        if (old.parentNode) old.parentNode.removeChild(old);
        if (had) PortalGlue.focusInput();
      }
      F.els = next;
    },
  },

  // The fields use the face ImGui draws with (Inter, from the bytes compiled into the wasm), as
  // "PortalInter" (web/portal.css), so a DOM field's text looks like the canvas's; the face lacks a
  // character (an emoji): the browser falls back per character.
  portal_js_field_font: function(ptr, size) {
    if (typeof FontFace === 'undefined' || !document.fonts) return;
    try {
      var face = new FontFace('PortalInter', HEAPU8.slice(ptr, ptr + size).buffer);
      document.fonts.add(face);
      face.load().catch(function() {});
    } catch (e) { /* the system face stays */ }
  },

  $PortalFields__deps: ['$PortalProtocol'],
  portal_js_fields__deps: ['$PortalFields', '$PortalGlue', '$PortalProtocol'],
  portal_js_fields: function(json) {
    var F = PortalFields;
    if (!F.layer) F.init();
    F.update(JSON.parse(UTF8ToString(json)));
  },
});
