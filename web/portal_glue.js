// DOM glue for src/portal/platform/web_platform.cpp, linked with --js-library.
// Listens to the canvas, window and a hidden <textarea> (keyboard, IME, on-screen keyboards,
// clipboard) and forwards to the exported portal_on_* functions; publishes window.portalTest.
mergeInto(LibraryManager.library, {
  $PortalGlue: {
    canvas: null,
    input: null,           // the hidden textarea that receives text, IME and clipboard events
    mirror: null,          // the screen-reader mirror's root (web/a11y_mirror.js)
    mirrorPress: 0,        // time of the last pointer press on a mirror element
    sentinel: ' ',         // kept in the textarea so a soft keyboard's backspace produces an event
    composing: false,
    touch: false,          // last pointer was a finger
    textActive: false,
    copyText: null,        // text ImGui just copied: handed to the DOM copy event
    frames: 0,
    frameWaiters: [],
    firstFrameMs: 0,
    dprQuery: null,

    withString: function(s, fn) {
      var n = lengthBytesUTF8(s) + 1;
      var p = _malloc(n);
      stringToUTF8(s, p, n);
      try { return fn(p); } finally { _free(p); }
    },

    resetInput: function() {
      var ta = PortalGlue.input;
      ta.value = PortalGlue.sentinel;
      ta.setSelectionRange(ta.value.length, ta.value.length);
    },

    // Takes what was typed into the textarea since the last reset.
    flushInput: function() {
      var ta = PortalGlue.input, s = PortalGlue.sentinel, v = ta.value;
      if (v.length < s.length) {
        _portal_on_key_tap(PortalProtocol.key_tap.Backspace);  // the sentinel was deleted
      } else if (v !== s) {
        var text = v.indexOf(s) === 0 ? v.slice(s.length) : v;
        if (text) PortalGlue.withString(text, _portal_on_text);
      }
      PortalGlue.resetInput();
    },

    resize: function() {
      var c = PortalGlue.canvas;
      var r = c.getBoundingClientRect();
      var dpr = window.devicePixelRatio || 1;
      _portal_on_resize(r.width || window.innerWidth, r.height || window.innerHeight, dpr);
      PortalGlue.watchDpr(dpr);
    },

    // Fires when devicePixelRatio changes without a resize (moving to another monitor).
    watchDpr: function(dpr) {
      if (!window.matchMedia) return;
      if (PortalGlue.dprQuery) PortalGlue.dprQuery.removeEventListener('change', PortalGlue.resize);
      PortalGlue.dprQuery = window.matchMedia('(resolution: ' + dpr + 'dppx)');
      PortalGlue.dprQuery.addEventListener('change', PortalGlue.resize);
    },

    pos: function(e) {
      var r = PortalGlue.canvas.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top];
    },

    isField: function(el) { return !!el && el.className === 'pf-field'; },  // web/dom_fields.js

    focusInput: function() {
      var ta = PortalGlue.input;
      if (document.activeElement !== ta) ta.focus({preventScroll: true});
    },

    // Pointer events reach the canvas directly or through the screen-reader mirror's elements,
    // which lie over the items they stand for (web/a11y_mirror.js): both count as the canvas.
    onSurface: function(type, fn, opts) {
      PortalGlue.canvas.addEventListener(type, fn, opts);
      if (PortalGlue.mirror) PortalGlue.mirror.addEventListener(type, fn, opts);
    },
    onSurfaceElement: function(el) {
      var G = PortalGlue;
      return !!el && (el === G.canvas || (G.mirror !== null && G.mirror.contains(el)));
    },

    install: function() {
      var G = PortalGlue, c = G.canvas, ta = G.input, on = G.onSurface;
      c.style.touchAction = 'none';

      window.addEventListener('resize', G.resize);
      if (window.visualViewport) window.visualViewport.addEventListener('resize', G.resize);

      // ---- pointer: mouse, pen, touch ----
      on('pointerdown', function(e) {
        if (!e.isPrimary && e.pointerType === 'touch') return;
        if (e.target !== c) G.mirrorPress = performance.now();  // its click event is not an activation
        var p = G.pos(e);
        G.touch = e.pointerType === 'touch';
        if (!G.touch) {
          e.preventDefault();
          G.focusInput();                               // desktop: keyboard goes to the textarea
          try { c.setPointerCapture(e.pointerId); } catch (err) {}
        }
        _portal_on_pointer(PortalProtocol.pointer.Down, p[0], p[1], e.button, G.touch ? 1 : 0);
      });
      on('pointermove', function(e) {
        if (!e.isPrimary) return;
        var p = G.pos(e);
        _portal_on_pointer(PortalProtocol.pointer.Move, p[0], p[1], 0, e.pointerType === 'touch' ? 1 : 0);
      });
      on('pointerup', function(e) {
        if (!e.isPrimary && e.pointerType === 'touch') return;
        var p = G.pos(e), touch = e.pointerType === 'touch';
        if (_portal_on_pointer(PortalProtocol.pointer.Up, p[0], p[1], e.button, touch ? 1 : 0)) {
          // A tap: run the frames now, still inside the gesture, so that focusing the textarea
          // for a text field is allowed to open the on-screen keyboard (iOS requires it).
          _portal_pump();
          if (_portal_want_text_input()) G.focusInput();
        }
      });
      on('pointercancel', function(e) {
        var p = G.pos(e);
        _portal_on_pointer(PortalProtocol.pointer.Cancel, p[0], p[1], 0, e.pointerType === 'touch' ? 1 : 0);
      });
      on('pointerleave', function(e) {
        if (e.pointerType === 'touch') return;
        if (G.onSurfaceElement(e.relatedTarget)) return;  // from the canvas onto a mirror element or back
        var p = G.pos(e);
        _portal_on_pointer(PortalProtocol.pointer.Leave, p[0], p[1], 0, 0);
      });
      on('mousedown', function(e) { e.preventDefault(); });
      on('contextmenu', function(e) { e.preventDefault(); });

      on('wheel', function(e) {
        if (e.ctrlKey) return;                          // pinch / ctrl+wheel: let the browser zoom
        e.preventDefault();
        _portal_on_wheel(e.deltaX, e.deltaY, e.deltaMode);
      }, {passive: false});

      // ---- keyboard ----
      function key(e, down) {
        if (e.isComposing || e.keyCode === 229) return; // the IME owns this key
        // A DOM text field (web/dom_fields.js) edits by itself; only Tab (and Shift, for Shift+Tab)
        // moves on through the portal.
        if (e.key !== 'Tab' && e.key !== 'Shift' && G.isField(e.target)) return;
        // Enter / Space on a focused mirror control: the browser clicks it, which activates the item.
        if ((e.key === 'Enter' || e.key === ' ') && G.mirror && G.mirror.contains(e.target) &&
            e.target.tagName === 'BUTTON') return;
        var flags = 0;
        G.withString(e.key || '', function(k) {
          G.withString(e.code || '', function(code) {
            flags = _portal_on_key(k, code, down ? 1 : 0, e.ctrlKey ? 1 : 0, e.metaKey ? 1 : 0);
          });
        });
        if (flags & 1) e.preventDefault();
        if (flags & 2) { G.copyText = null; _portal_pump(); }
      }
      window.addEventListener('keydown', function(e) { key(e, true); });
      window.addEventListener('keyup', function(e) { key(e, false); });

      // ---- text, IME, on-screen keyboards ----
      ta.addEventListener('compositionstart', function() { G.composing = true; });
      ta.addEventListener('compositionend', function() { G.composing = false; G.flushInput(); });
      ta.addEventListener('input', function(e) {
        if (G.composing || e.isComposing) return;
        var t = e.inputType || '';
        if (t === 'insertLineBreak' || t === 'insertParagraph') { _portal_on_key_tap(PortalProtocol.key_tap.Enter); G.resetInput(); return; }
        if (t.indexOf('delete') === 0) { _portal_on_key_tap(PortalProtocol.key_tap.Backspace); G.resetInput(); return; }
        G.flushInput();
      });

      // ---- clipboard ----
      document.addEventListener('paste', function(e) {
        if (G.isField(e.target)) return;  // native paste
        var text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
        e.preventDefault();
        if (text) G.withString(text, _portal_on_paste);
      });
      function copy(e) {
        if (G.copyText === null || !e.clipboardData) return;
        e.clipboardData.setData('text/plain', G.copyText);
        e.preventDefault();
        G.copyText = null;
      }
      document.addEventListener('copy', copy);
      document.addEventListener('cut', copy);

      // ---- focus, visibility, WebGL context ----
      window.addEventListener('focus', function() {
        _portal_on_focus(1);
        if (!G.touch && !G.isField(document.activeElement)) G.focusInput();
      });
      window.addEventListener('blur', function() { _portal_on_focus(0); });
      document.addEventListener('visibilitychange', function() {
        if (document.visibilityState === 'visible') { G.resize(); _portal_request_frame(); }
      });
      c.addEventListener('webglcontextlost', function(e) { e.preventDefault(); _portal_on_context(1); });
      c.addEventListener('webglcontextrestored', function() { _portal_on_context(0); });

      G.resetInput();

      window.portalTest = {
        items: function() {
          var r = G.canvas.getBoundingClientRect();
          return JSON.parse(UTF8ToString(_portal_test_items())).map(function(it) {
            it.x += r.left; it.y += r.top; return it;
          });
        },
        state: function() { return JSON.parse(UTF8ToString(_portal_test_state())); },
        frame: function() {
          return new Promise(function(resolve) { G.frameWaiters.push(resolve); _portal_request_frame(); });
        },
        timing: function() { return {firstFrameMs: G.firstFrameMs}; },
        // Off: frames run the whole UI but skip the GL submission (fast tests of behaviour on a
        // software rasteriser); screenshots switch it back on. Resolves once a frame is drawn.
        draw: function(on) {
          if (!on) { _portal_test_draw(0); return Promise.resolve(); }
          return new Promise(function(resolve) { G.frameWaiters.push(resolve); _portal_test_draw(1); });
        },
      };
    },
  },

  $PortalGlue__deps: ['$PortalProtocol'],
  portal_js_init__deps: ['$PortalGlue', 'malloc', 'free'],
  portal_js_init: function(selector) {
    var G = PortalGlue;
    G.canvas = document.querySelector(UTF8ToString(selector));
    G.input = document.getElementById('portal-input');
    G.mirror = document.getElementById('portal-a11y');
    if (!G.mirror) {
      G.mirror = document.createElement('div');
      G.mirror.id = 'portal-a11y';
      document.body.appendChild(G.mirror);
    }
    if (!G.input) {
      G.input = document.createElement('textarea');
      G.input.id = 'portal-input';
      document.body.appendChild(G.input);
    }
    var p = navigator.platform || '', ua = navigator.userAgent || '';
    var mac = /Mac|iPhone|iPad|iPod/.test(p) || /iPhone|iPad|iPod/.test(ua);
    G.touch = !!(window.matchMedia && window.matchMedia('(pointer: coarse)').matches);
    G.install();
    G.resize();
    if (!G.touch) G.focusInput();  // desktop: typing and Tab work before the first click
    return (mac ? 1 : 0) | (G.touch ? 2 : 0);
  },

  portal_js_set_clipboard__deps: ['$PortalGlue'],
  portal_js_set_clipboard: function(text) {
    var s = UTF8ToString(text);
    PortalGlue.copyText = s;   // for the DOM copy event that follows Ctrl+C / Cmd+C
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(s).catch(function() {});
    }
  },

  // Puts the textarea over the active text field (IME candidates and the on-screen keyboard
  // follow it); focuses it while a field is active, and on touch screens blurs it otherwise.
  portal_js_text_input__deps: ['$PortalGlue'],
  portal_js_text_input: function(active, x, y, w, h) {
    var G = PortalGlue, ta = G.input, r = G.canvas.getBoundingClientRect();
    G.textActive = !!active;
    ta.style.left = (r.left + x) + 'px';
    ta.style.top = (r.top + y) + 'px';
    ta.style.width = Math.max(4, w) + 'px';
    ta.style.height = h + 'px';
    if (active) G.focusInput();
    else if (G.touch && document.activeElement === ta) ta.blur();
  },

  portal_js_set_cursor__deps: ['$PortalGlue', '$PortalProtocol'],
  portal_js_set_cursor: function(cursor) {
    var css = cursor === PortalProtocol.cursor.Hidden ? 'none' : (PortalProtocol.cursor.Css[cursor] || 'default');
    PortalGlue.canvas.style.cursor = css;
    if (PortalGlue.mirror) PortalGlue.mirror.style.cursor = css;  // its elements lie over the canvas
  },

  portal_js_frame_done__deps: ['$PortalGlue'],
  portal_js_frame_done: function(frames) {
    var G = PortalGlue;
    G.frames = frames;
    if (frames === 1) {
      G.firstFrameMs = performance.now();
      document.documentElement.classList.add('portal-ready');
      if (Module.portalReady) Module.portalReady();
    }
    var waiters = G.frameWaiters;
    G.frameWaiters = [];
    for (var i = 0; i < waiters.length; i++) waiters[i](frames);
  },

  portal_js_fatal: function(message) {
    var m = UTF8ToString(message);
    if (Module.portalFail) Module.portalFail(m); else console.error(m);
  },

  portal_js_set_title: function(title) { document.title = UTF8ToString(title); },

  portal_js_now: function() { return Date.now(); },

  portal_js_device_pixel_ratio: function() { return window.devicePixelRatio || 1; },

  portal_js_resize__deps: ['$PortalGlue'],
  portal_js_resize: function() { PortalGlue.resize(); },

  portal_js_prefers_dark: function() {
    return (window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches) ? 1 : 0;
  },
});
