// The only translation unit that includes RESTinio (it compiles slowly; see http_server.h).
#include "http_server.h"

#include <restinio/all.hpp>
#include <restinio/tls.hpp>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <future>
#include <map>
#include <mutex>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "api/input.h"
#include "client_address.h"
#include "connection_limits.h"
#include "event_streams.h"
#include "http_encoding.h"
#include "static_files.h"
#include "tls_handshake_deadline.h"
#include "worker_pool.h"

namespace portal {

namespace {

using Clock = std::chrono::steady_clock;

// Connections are capped; the worker queue too (beyond it: 503 at once rather than a pile-up).
constexpr std::size_t kMaxConnections = 4096;  // room for the event streams (capped in event_streams.h)
constexpr std::size_t kMaxQueuedJobs = 8192;
// RESTinio reads bodies up to this size; our handler answers 413 above kMaxBodyBytes (1 MiB).
// Larger bodies than this make RESTinio drop the connection while reading (it cannot answer).
constexpr std::uint64_t kReadableBodyBytes = 4u << 20;

const std::pair<const char*, const char*> kSecurityHeaders[] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
     "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
};

// The TCP peer's share of connections (connection_limits.h), checked at accept.
struct Gate {
  ConnectionLimits* limits = nullptr;
  const TrustedProxies* proxies = nullptr;
  restinio::ip_blocker::inspection_result_t inspect(const restinio::ip_blocker::incoming_info_t& info) noexcept {
    try {
      const std::string address = info.remote_endpoint().address().to_string();
      return limits->admit(address, proxies->contains(address)) ? restinio::ip_blocker::allow()
                                                                : restinio::ip_blocker::deny();
    } catch (...) {
      return restinio::ip_blocker::deny();
    }
  }
};

// Connections accepted and closed, for the same counts.
struct Watch {
  ConnectionLimits* limits = nullptr;
  const TrustedProxies* proxies = nullptr;
  void state_changed(const restinio::connection_state::notice_t& notice) noexcept {
    try {
      const std::string address = notice.remote_endpoint().address().to_string();
      const bool exempt = proxies->contains(address);
      restinio::visit(
          [&](const auto& cause) {
            using Cause = std::decay_t<decltype(cause)>;
            if constexpr (std::is_same_v<Cause, restinio::connection_state::accepted_t>)
              limits->accepted(notice.connection_id(), address, exempt);
            else if constexpr (std::is_same_v<Cause, restinio::connection_state::closed_t>)
              limits->closed(notice.connection_id(), address, exempt);
          },
          notice.cause());
    } catch (...) {}
  }
};

struct PortalTraits : restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t> {
  static constexpr bool use_connection_count_limiter = false;  // ConnectionLimits caps the total
  using ip_blocker_t = Gate;
  using connection_state_listener_t = Watch;
};
// HTTPS: RESTinio's TLS socket under a type of ours, whose handshake has a deadline of its own
// (tls_handshake_deadline.h).
struct PortalTlsTraits
    : restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t, restinio::default_request_handler_t,
                         asio::strand<restinio::default_asio_executor>, DeadlineTlsSocket> {
  static constexpr bool use_connection_count_limiter = false;  // ConnectionLimits caps the total
  using ip_blocker_t = Gate;
  using connection_state_listener_t = Watch;
};

// Calls that hash a password (Argon2id: a core and 64 MiB for ~0.1-0.4 s) run in their own lane.
bool hashes_password(std::string_view method, std::string_view path) {
  return method == "POST" && (path == "/api/v1/auth/login" || path == "/api/v1/auth/register" ||
                              (path.size() > 9 && path.substr(path.size() - 9) == "/password"));
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

std::string_view header_value(const HeaderList& headers, std::string_view name) {
  const std::string* v = find_header(headers, name);
  return v ? std::string_view(*v) : std::string_view();
}

// The path for the log: printable ASCII only, at most 200 bytes (never the query: it may hold
// secrets; the path never does).
std::string loggable_path(std::string_view path) {
  std::string out;
  for (unsigned char c : path.substr(0, 200)) {
    if (c >= 0x21 && c < 0x7f) out.push_back(static_cast<char>(c));
    else {
      static const char* hex = "0123456789ABCDEF";
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  if (path.size() > 200) out += "...";
  return out;
}

StaticResponse json_error(int status, std::string_view code, std::string_view message) {
  StaticResponse r;
  r.status = status;
  r.headers = {{"Content-Type", "application/json; charset=utf-8"}, {"Cache-Control", "no-store"}};
  r.body = std::make_shared<const std::string>(error_json(code, message));
  return r;
}

// Lanes: answers that need no thread hop are written on the I/O thread (the catalog, static
// files, the OpenAPI document: all from memory); password hashing has its own small bounded lane
// (503 + Retry-After when full); reads and writes have a lane each, so that neither a registration
// flood nor a queue of writes waiting for the SQLite writer delays a read.
class Frontend {
 public:
  Frontend(const HttpServerConfig& config, Router& router, StaticFiles* web, StaticFiles* assets, unsigned workers,
           unsigned hash_threads)
      : config_(config),
        router_(router),
        web_(web),
        assets_(assets),
        // A few seconds of queue at most; the threads run at a lower priority (nice 10), so that
        // when hashing fills every core the I/O threads and the other lanes still get the CPU.
        hash_lane_(hash_threads, 8 * hash_threads,
                   [] { ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10); }),
        read_lane_(workers, kMaxQueuedJobs),
        write_lane_(workers, kMaxQueuedJobs),
        limits_(config.max_connections_per_address, config.streams_per_address, kMaxConnections) {
    for (const std::string& cidr : config.trusted_proxies) proxies_.add(cidr);
    // The catalog does not depend on the caller: answered once, then from memory.
    HttpRequest plans = HttpRequest::to("GET", "/api/v1/plans");
    HttpResponse r = router_.handle(plans);
    plans_.status = r.status;
    plans_.headers = std::move(r.headers);
    plans_.body = std::make_shared<const std::string>(std::move(r.body));
  }

  ConnectionLimits& limits() { return limits_; }
  const TrustedProxies& proxies() const { return proxies_; }

  // On an I/O thread: answer from memory, or hand the request to its lane.
  restinio::request_handling_status_t accept(restinio::request_handle_t req) {
    const auto started = Clock::now();
    in_flight_.fetch_add(1);
    const auto& h = req->header();
    const std::string_view path(h.path().data(), h.path().size());
    const auto method = h.method();
    const bool read = method == restinio::http_method_get() || method == restinio::http_method_head();
    const bool api = path == "/api/v1" || path.substr(0, 8) == "/api/v1/";
    if (read && (!api || path == "/api/v1/plans" || path == "/api/v1/openapi.json")) {
      handle(req, started);
      return restinio::request_accepted();
    }
    const std::string m = method.c_str();
    WorkerPool& lane = hashes_password(m, path) ? hash_lane_ : read ? read_lane_ : write_lane_;
    if (!lane.try_post([this, req, started] { handle(req, started); })) {
      const bool hashing = &lane == &hash_lane_;
      StaticResponse busy =
          json_error(503, hashing ? "busy_signing_in" : "busy",
                     hashing ? "too many sign-ins and registrations at this moment; please try again in a few seconds"
                             : "the server is busy; please try again in a moment");
      busy.headers.push_back({"Retry-After", hashing ? "2" : "1"});
      respond(req, started, std::move(busy));
    }
    return restinio::request_accepted();
  }

  Router& router() { return router_; }

  void begin_draining() { draining_.store(true); }
  void set_tls(bool on) { tls_ = on; }
  void set_event_streams(EventStreams* streams) { streams_ = streams; }

  // Waits (bounded) until every accepted request has been answered and written, and nothing new
  // arrived for a moment (a request on an accepted connection may still be on its way).
  void wait_idle(std::chrono::seconds limit) {
    const auto until = Clock::now() + limit;
    auto idle_since = Clock::now();
    while (Clock::now() < until) {
      if (in_flight_.load() > 0 || writes_.load() > 0) idle_since = Clock::now();
      else if (Clock::now() - idle_since >= std::chrono::milliseconds(150)) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  void stop_workers() {
    hash_lane_.stop();
    read_lane_.stop();
    write_lane_.stop();
  }

 private:
  // On a worker: route, answer, log.
  void handle(const restinio::request_handle_t& req, Clock::time_point started) {
    StaticResponse out;
    if (streams_ && EventStreams::is_events_request(*req)) {  // a stream stays open: not in flight
      // Streams count apart from the per-address connection cap, with an allowance of their own.
      if (!limits_.promote_to_stream(req->connection_id())) {
        out = json_error(429, "too_many_streams",
                         "this address has too many open event streams; close one and try again");
        out.headers.push_back({"Retry-After", "30"});
        respond(req, started, std::move(out));
        return;
      }
      try {
        auto refused = streams_->open(req);
        if (!refused) {
          in_flight_.fetch_sub(1);
          return;
        }
        out.status = refused->status;
        out.headers = std::move(refused->headers);
        out.body = std::make_shared<const std::string>(std::move(refused->body));
      } catch (const std::exception&) {
        out = json_error(500, "internal", "internal error; please try again");
      }
      respond(req, started, std::move(out));
      return;
    }
    try {
      out = route(*req);
    } catch (const std::exception&) {
      out = json_error(500, "internal", "internal error; please try again");
    }
    respond(req, started, std::move(out));
  }

  StaticResponse route(const restinio::request_t& req) {
    const auto& h = req.header();
    const std::string_view path(h.path().data(), h.path().size());
    const std::string method = h.method().c_str();

    if (req.body().size() > kMaxBodyBytes)
      return json_error(413, "payload_too_large", "the request body is over 1 MiB");

    const bool api = path == "/api/v1" || path.substr(0, 8) == "/api/v1/";
    if (api) {
      if (path == "/api/v1/plans" && (method == "GET" || method == "HEAD")) return plans_;
      if (path == "/api/v1/openapi.json" && (method == "GET" || method == "HEAD")) {
        if (!assets_) return json_error(404, "not_found", "the OpenAPI document is not available");
        StaticResponse r =
            assets_->serve(method, "/openapi.json", header(req, "Accept-Encoding"), header(req, "If-None-Match"));
        if (r.status == 404) return json_error(404, "not_found", "the OpenAPI document is not available");
        return r;
      }
      HttpRequest in;
      in.method = method;
      in.path.assign(path.data(), path.size());
      const auto q = h.query();
      in.query.assign(q.data(), q.size());
      h.for_each_field([&](const restinio::http_header_field_t& f) { in.headers.emplace_back(f.name(), f.value()); });
      in.body = req.body();
      in.peer = proxies_.client(req.remote_endpoint().address().to_string(), header(req, "X-Forwarded-For"));
      HttpResponse r = router_.handle(in);
      StaticResponse s;
      s.status = r.status;
      s.headers = std::move(r.headers);
      if (!r.body.empty() || r.status != 204) s.body = std::make_shared<const std::string>(std::move(r.body));
      return s;
    }
    if (!web_) {
      if (path == "/" && (method == "GET" || method == "HEAD"))
        return json_error(404, "not_found", "no web portal is served here (start with --web DIR, or build dist/)");
      return json_error(404, "not_found", "no such page");
    }
    const std::string_view query(h.query().data(), h.query().size());
    const bool versioned = query.substr(0, 2) == "v=" || query.find("&v=") != std::string_view::npos;
    return web_->serve(method, path, header(req, "Accept-Encoding"), header(req, "If-None-Match"), versioned);
  }

  static std::string_view header(const restinio::request_t& req, std::string_view name) {
    const auto* v = req.header().try_get_field(restinio::string_view_t(name.data(), name.size()));
    return v ? std::string_view(v->data(), v->size()) : std::string_view{};
  }

  // Compresses API answers when asked, adds the security headers, writes, logs.
  void respond(const restinio::request_handle_t& req, Clock::time_point started, StaticResponse out) {
    const auto& h = req->header();
    const std::string method = h.method().c_str();
    const bool head = method == "HEAD";
    const bool already_encoded = find_header(out.headers, "Content-Encoding") != nullptr;
    const std::string_view type = header_value(out.headers, "Content-Type");
    const bool compressible = out.body && out.status != 304 && http::is_compressible(type);
    if (compressible && !already_encoded) {
      if (!find_header(out.headers, "Vary")) out.headers.push_back({"Vary", "Accept-Encoding"});
      if (out.body->size() >= http::kMinCompressBytes &&
          http::parse_accept_encoding(header(*req, "Accept-Encoding")).gzip) {
        try {
          out.body =
              gzipped(out.body, header_value(out.headers, "Cache-Control").find("public") != std::string_view::npos);
          out.headers.push_back({"Content-Encoding", "gzip"});
        } catch (const std::exception&) {
          // send it uncompressed
        }
      }
    }

    try {
      auto write = [&](auto&& builder) {
        for (const auto& [k, v] : kSecurityHeaders) builder.append_header(k, v);
        if (tls_) builder.append_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        for (const auto& [k, v] : out.headers) {
          if (tls_ && k == "Set-Cookie") builder.append_header(k, v + "; Secure");
          else builder.append_header(k, v);
        }
        builder.append_header_date_field();
        if (draining_.load()) builder.connection_close();
        writes_.fetch_add(1);  // back down once written (or dropped with the connection)
        try {
          builder.done([this](const auto&) { writes_.fetch_sub(1); });
        } catch (...) {
          writes_.fetch_sub(1);
          throw;
        }
      };
      restinio::http_status_line_t status{restinio::http_status_code_t{static_cast<std::uint16_t>(out.status)},
                                          reason_phrase(out.status)};
      const std::size_t length = out.body ? out.body->size() : 0;
      if (head || out.status == 304 || out.status == 204 || !out.body) {
        auto builder = req->create_response<restinio::user_controlled_output_t>(std::move(status));
        builder.set_content_length(out.status == 304 || out.status == 204 ? 0 : length);
        write(builder);
      } else {
        auto builder = req->create_response(std::move(status));
        builder.set_body(std::move(out.body));
        write(builder);
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "portal-server: could not send a response: %s\n", e.what());
    }

    if (config_.access_log) {
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
      char line[400];
      const std::string p = loggable_path(std::string_view(h.path().data(), h.path().size()));
      const int n = std::snprintf(line, sizeof line, "%s %s %d %.1fms\n", method.c_str(), p.c_str(), out.status, ms);
      if (n > 0) [[maybe_unused]]
        auto w = ::write(STDERR_FILENO, line, std::min<std::size_t>(static_cast<std::size_t>(n), sizeof line - 1));
    }
    in_flight_.fetch_sub(1);
  }

  // gzip of a body; bodies the router marks public (the catalog) are compressed once and kept.
  std::shared_ptr<const std::string> gzipped(const std::shared_ptr<const std::string>& body, bool cacheable) {
    if (!cacheable) return std::make_shared<const std::string>(http::gzip(*body, 5));
    {
      std::lock_guard lock(gzip_cache_mutex_);
      if (auto it = gzip_cache_.find(*body); it != gzip_cache_.end()) return it->second;
    }
    auto gz = std::make_shared<const std::string>(http::gzip(*body, 9));
    std::lock_guard lock(gzip_cache_mutex_);
    if (gzip_cache_.size() >= 16) gzip_cache_.clear();
    gzip_cache_.emplace(*body, gz);
    return gz;
  }

  const HttpServerConfig& config_;
  std::mutex gzip_cache_mutex_;
  std::map<std::string, std::shared_ptr<const std::string>, std::less<>> gzip_cache_;
  Router& router_;
  StaticFiles* web_;
  StaticFiles* assets_;
  WorkerPool hash_lane_;
  WorkerPool read_lane_;
  WorkerPool write_lane_;
  ConnectionLimits limits_;
  TrustedProxies proxies_;
  StaticResponse plans_;
  EventStreams* streams_ = nullptr;
  std::atomic<int> in_flight_{0};
  std::atomic<int> writes_{0};
  std::atomic<bool> draining_{false};
  bool tls_ = false;
};

}  // namespace

namespace {

asio::ssl::context make_tls_context(const HttpServerConfig& config) {
  asio::ssl::context tls(asio::ssl::context::tls_server);
  tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                  asio::ssl::context::single_dh_use);
  try {
    tls.use_certificate_chain_file(config.tls_cert);
  } catch (const std::exception& e) {
    throw std::runtime_error("--tls-cert " + config.tls_cert + ": cannot use it as a PEM certificate chain (" +
                             e.what() + ")");
  }
  try {
    tls.use_private_key_file(config.tls_key, asio::ssl::context::pem);
  } catch (const std::exception& e) {
    throw std::runtime_error("--tls-key " + config.tls_key +
                             ": cannot use it as the PEM private key of the certificate (" + e.what() + ")");
  }
  return tls;
}

template <class Traits>
int serve(const HttpServerConfig& config, Frontend& frontend, Router& router, unsigned io_threads) {
  using Server = restinio::http_server_t<Traits>;
  asio::io_context io(static_cast<int>(io_threads));

  std::atomic<unsigned short> bound_port{0};
  restinio::server_settings_t<Traits> settings;
  settings.address(config.host)
      .port(config.port)
      .request_handler([&frontend](restinio::request_handle_t req) { return frontend.accept(std::move(req)); })
      // The whole request (head and body) within the deadline: a slow-loris head or a trickled
      // body is cut off (for the largest body, 1 MiB, that is a minimum rate of 1 MiB / deadline).
      .read_next_http_message_timelimit(std::chrono::seconds(config.request_deadline_seconds))
      .handle_request_timeout(std::chrono::seconds(90))
      .write_http_response_timelimit(std::chrono::seconds(60))
      .max_pipelined_requests(4)
      .concurrent_accepts_count(io_threads)
      .ip_blocker(std::make_shared<Gate>(Gate{&frontend.limits(), &frontend.proxies()}))
      .connection_state_listener(std::make_shared<Watch>(Watch{&frontend.limits(), &frontend.proxies()}))
      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                    .max_url_size(8 * 1024)
                                    .max_field_name_size(1024)
                                    .max_field_value_size(16 * 1024)
                                    .max_field_count(100)
                                    .max_body_size(kReadableBodyBytes))
      .acceptor_options_setter([](restinio::acceptor_options_t& options) {
        options.set_option(asio::ip::tcp::acceptor::reuse_address(true));
      })
      .socket_options_setter(
          [](restinio::socket_options_t& options) { options.set_option(asio::ip::tcp::no_delay(true)); })
      .acceptor_post_bind_hook(
          [&bound_port](asio::ip::tcp::acceptor& acceptor) { bound_port.store(acceptor.local_endpoint().port()); });
  if constexpr (std::is_same_v<typename Traits::stream_socket_t, DeadlineTlsSocket>) {
    tls_handshake_deadline_ms.store(static_cast<long long>(config.tls_handshake_deadline_seconds) * 1000);
    settings.tls_context(make_tls_context(config));
    frontend.set_tls(true);
  }

  auto server = std::make_unique<Server>(restinio::external_io_context(io), std::move(settings));
  std::unique_ptr<EventStreams> streams;
  if (config.events) {
    streams = std::make_unique<EventStreams>(*config.events, router, io);
    frontend.set_event_streams(streams.get());
  }

  // SIGTERM / SIGINT: the main thread below does the orderly shutdown.
  std::promise<int> stop_signal;
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&stop_signal](const asio::error_code& ec, int number) {
    if (!ec) stop_signal.set_value(number);
  });

  std::promise<void> opened;
  server->open_async([&opened] { opened.set_value(); }, [&opened](std::exception_ptr e) { opened.set_exception(e); });

  std::vector<std::thread> io_pool;
  for (unsigned i = 0; i < io_threads; ++i)
    io_pool.emplace_back([&io] {
      for (;;) {
        try {
          io.run();
          return;
        } catch (const std::exception& e) {
          std::fprintf(stderr, "portal-server: I/O thread: %s\n", e.what());
        }
      }
    });
  auto stop_io = [&] {
    io.stop();
    for (auto& t : io_pool) t.join();
    io_pool.clear();
  };

  try {
    opened.get_future().get();
  } catch (const std::exception& e) {
    stop_io();
    frontend.stop_workers();
    throw std::runtime_error("cannot listen on " + config.host + ":" + std::to_string(config.port) + ": " + e.what());
  }
  if (config.on_listening) config.on_listening(bound_port.load());

  const int signal_number = stop_signal.get_future().get();
  std::fprintf(stderr, "portal-server: %s received; finishing running requests\n",
               signal_number == SIGTERM ? "SIGTERM" : "SIGINT");
  frontend.router().set_draining(true);  // GET /api/v1/health: 503 from now on
  if (config.drain_seconds > 0) std::this_thread::sleep_for(std::chrono::seconds(config.drain_seconds));

  // 1. Stop accepting. 2. Answer everything accepted (keep-alive answers now say close).
  // 3. Stop the I/O threads and the workers; the caller then destroys the Router and Store.
  std::promise<void> closed;
  server->close_async([&closed] { closed.set_value(); }, [&closed](std::exception_ptr e) { closed.set_exception(e); });
  try {
    closed.get_future().get();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "portal-server: closing the listener: %s\n", e.what());
  }
  if (streams) streams->close_all();
  frontend.begin_draining();
  frontend.wait_idle(std::chrono::seconds(30));
  stop_io();
  frontend.stop_workers();
  streams.reset();
  server.reset();
  std::fprintf(stderr, "portal-server: stopped\n");
  return 0;
}

}  // namespace

int run_http_server(const HttpServerConfig& config, Router& router, StaticFiles* web, StaticFiles* assets) {
  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  const unsigned io_threads = config.io_threads ? config.io_threads : hw;
  const unsigned workers = config.workers ? config.workers : std::max(8u, 4 * hw);
  const unsigned hash_threads = config.hash_threads ? config.hash_threads : hw;

  std::unique_ptr<Frontend> frontend;
  try {
    frontend = std::make_unique<Frontend>(config, router, web, assets, workers, hash_threads);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(e.what());
  }
  if (!config.tls_cert.empty() || !config.tls_key.empty()) {
    if (config.tls_cert.empty() || config.tls_key.empty())
      throw std::runtime_error("HTTPS needs both --tls-cert and --tls-key");
    return serve<PortalTlsTraits>(config, *frontend, router, io_threads);
  }
  return serve<PortalTraits>(config, *frontend, router, io_threads);
}

}  // namespace portal
