// Boots the portal: picks the build, shows download progress for its wasm (fonts are inside it),
// loads its script (the emscripten output) and replaces the page with a "could not load" message
// on any failure. Two builds of one app (src/portal/CMakeLists.txt): portal.{js,wasm}, the online
// portal, and portal-demo.{js,wasm}, the same with the offline demo's in-page server. The demo
// build when ?demo=1 asks for it or when GET /api/v1/plans does not answer with the catalog (a
// static host: 404 or HTML; no network), else the online one, which takes that answer as its own
// (Module.portalProbe) instead of asking again.
// A separate file, not an inline script, so the page works under a strict Content-Security-Policy.
(function () {
  'use strict';
  var bar = document.getElementById('loader-progress');
  var status = document.getElementById('loader-status');
  var started = false, failed = false;
  var wasm = {loaded: 0, total: 0};

  function showProgress() {
    if (wasm.total > 0) {
      var pct = Math.min(100, Math.round(wasm.loaded * 100 / wasm.total));
      bar.classList.remove('indeterminate');
      bar.style.width = pct + '%';
      status.textContent = 'Loading… ' + pct + '%';
    } else {
      bar.classList.add('indeterminate');
    }
  }

  function fail(detail) {
    if (failed) return;
    failed = true;
    console.error('portal:', detail);
    document.getElementById('loader').hidden = true;
    document.documentElement.classList.remove('portal-ready');
    var f = document.getElementById('failure');
    if (started) {
      f.querySelector('.loader-title').textContent = 'Something went wrong';
      document.getElementById('failure-detail').textContent = 'Please reload the page to continue.';
    } else if (detail && /WebGL/.test(detail)) {
      document.getElementById('failure-detail').textContent = detail;
    }
    f.hidden = false;
  }
  document.getElementById('failure-retry').addEventListener('click', function () { location.reload(); });

  var wasmResponse;  // the chosen build's wasm download (see boot)
  // Fetches the wasm with progress, compiling while it streams in.
  function instantiateWasm(imports, receive) {
    wasmResponse.then(function (resp) {
      if (!resp.ok) throw new Error(resp.url + ': HTTP ' + resp.status);
      var encoded = resp.headers.get('content-encoding');
      var length = +resp.headers.get('content-length') || 0;
      wasm.total = encoded ? 0 : length;  // compressed length says nothing about the body
      showProgress();
      var body = resp.body;
      if (body && window.ReadableStream && wasm.total) {
        var reader = body.getReader();
        body = new ReadableStream({
          pull: function (controller) {
            return reader.read().then(function (r) {
              if (r.done) { controller.close(); return; }
              wasm.loaded += r.value.byteLength;
              showProgress();
              controller.enqueue(r.value);
            });
          }
        });
        resp = new Response(body, {headers: {'Content-Type': 'application/wasm'}});
      }
      var fallback = resp.clone();  // for servers that send a wrong Content-Type
      function viaBuffer() {
        return fallback.arrayBuffer().then(function (buf) { return WebAssembly.instantiate(buf, imports); });
      }
      if (!WebAssembly.instantiateStreaming) return viaBuffer();
      return WebAssembly.instantiateStreaming(resp, imports).catch(function (err) {
        console.warn('portal: streaming compile failed, retrying from a buffer:', err);
        return viaBuffer();
      });
    }).then(function (result) {
      wasm.loaded = wasm.total;
      showProgress();
      receive(result.instance, result.module);
    }).catch(function (err) { fail(String(err)); });
    return {};
  }

  window.Module = {
    canvas: document.getElementById('canvas'),
    instantiateWasm: instantiateWasm,
    setStatus: function () {},
    monitorRunDependencies: function (left) {
      if (left === 0 && !failed) status.textContent = 'Starting…';
    },
    onAbort: function (what) { fail('aborted: ' + what); },
    portalFail: fail,
    portalReady: function () { started = true; },
    print: function (t) { console.log(t); },
    printErr: function (t) { console.warn(t); },
  };

  window.addEventListener('error', function (e) {
    if (!started) fail(e.message || 'script error');
  });
  window.addEventListener('unhandledrejection', function (e) {
    if (!started) fail(String(e.reason));
  });

  // Starts the build `name`: its wasm download, then its script.
  function boot(name) {
    wasmResponse = fetch(name + '.wasm', {credentials: 'same-origin'});
    wasmResponse.catch(function () {});  // reported by instantiateWasm
    var script = document.createElement('script');
    script.src = name + '.js';
    script.async = true;
    script.onerror = function () { fail(name + '.js could not be downloaded'); };
    document.body.appendChild(script);
  }
  // The online app found no server after all: the demo build, asked for by the address.
  window.Module.portalLoadDemo = function () {
    var url = new URL(location.href);
    url.searchParams.set('demo', '1');
    location.replace(url.href);
  };

  showProgress();
  var demo = false;
  try { demo = new URLSearchParams(location.search).get('demo') === '1'; } catch (e) {}
  if (demo) {
    boot('portal-demo');
  } else {
    // The request the app makes first (app.cpp): the same headers, its answer handed over.
    fetch('/api/v1/plans', {headers: {Accept: 'application/json'}, credentials: 'same-origin', cache: 'no-store'})
      .then(function (r) { return r.status === 200 ? r.text() : null; })
      .then(function (text) {
        var plans = null;
        try { plans = text && JSON.parse(text); } catch (e) {}
        if (plans && typeof plans === 'object' && plans.plans) {
          window.Module.portalProbe = text;
          boot('portal');
        } else {
          boot('portal-demo');
        }
      }, function () { boot('portal-demo'); });
  }

  // A stalled download must not look like a frozen page forever.
  setTimeout(function () {
    if (!started && !failed) status.textContent = 'Still loading… a slow connection?';
  }, 15000);
  setTimeout(function () {
    if (!started && !failed) fail('timed out');
  }, 60000);
})();
