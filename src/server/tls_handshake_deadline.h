// A deadline of its own for the TLS handshake (included by http_server.cpp only).
//
// RESTinio 0.6 starts its timers (the request deadline among them) only once the TLS handshake
// has finished, and arms none for the handshake itself: a client that opens a connection to the
// HTTPS port and then sends nothing, or half a ClientHello, would hold its connection (and one of
// its address's places, connection_limits.h) for as long as the kernel keeps the socket.
//
// DeadlineTlsSocket is RESTinio's tls_socket_t under a type of our own, so that the three places
// where RESTinio picks its behaviour by socket type (the settings' TLS context, the socket
// supplier of the acceptor, the step between accept and the first read) can be given ours: the
// step starts the handshake as RESTinio does, plus a timer on the same executor. When the timer
// fires before the handshake ends, the socket is shut down (shutdown(2), not closed: the file
// descriptor stays owned by asio); the handshake then fails, and RESTinio closes the connection
// the usual way (its "closed" notice frees the address's place). A handshake that ends first
// cancels the timer. A mutex orders the two, so the descriptor is never shut down after the
// handshake's end (when RESTinio may have closed it and the number been reused).
#pragma once
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <utility>

#include <restinio/all.hpp>
#include <restinio/tls.hpp>

namespace portal {

// The deadline, in milliseconds, for every DeadlineTlsSocket (one HTTPS server per process).
inline std::atomic<long long> tls_handshake_deadline_ms{10'000};

class DeadlineTlsSocket : public restinio::impl::tls_socket_t {
 public:
  using tls_socket_t::tls_socket_t;
};

namespace tls_deadline_detail {

struct Watch {
  explicit Watch(restinio::default_asio_executor executor) : timer(std::move(executor)) {}
  std::mutex mutex;
  bool ended = false;  // the handshake's handler has run (guarded by mutex)
  asio::steady_timer timer;
};

}  // namespace tls_deadline_detail

// Found by argument-dependent lookup from RESTinio's connection_t::init(), and preferred to
// RESTinio's overload for tls_socket_t (an exact match beats a conversion to the base class).
template <typename Connection, typename Start_Read_CB, typename Failed_CB>
void prepare_connection_and_start_read(DeadlineTlsSocket& socket, Connection& con, Start_Read_CB start_read_cb,
                                       Failed_CB failed_cb) {
  auto watch = std::make_shared<tls_deadline_detail::Watch>(socket.get_executor());
  const auto fd = socket.lowest_layer().native_handle();
  watch->timer.expires_after(std::chrono::milliseconds(tls_handshake_deadline_ms.load(std::memory_order_relaxed)));
  watch->timer.async_wait([watch, fd](const asio::error_code& ec) {
    if (ec) return;  // cancelled: the handshake ended in time
    std::lock_guard lock(watch->mutex);
    if (!watch->ended) ::shutdown(fd, SHUT_RDWR);  // the pending handshake read fails at once
  });
  socket.async_handshake(asio::ssl::stream_base::server,
                         [watch, start_read_cb = std::move(start_read_cb), failed_cb = std::move(failed_cb),
                          con = con.shared_from_this()](const asio::error_code& ec) mutable {
                           {
                             std::lock_guard lock(watch->mutex);
                             watch->ended = true;
                             watch->timer.cancel();
                           }
                           if (!ec) start_read_cb();
                           else failed_cb(ec);
                         });
}

}  // namespace portal

namespace restinio {

// The settings' TLS context (tls_context(...), giveaway_tls_context()), as for tls_socket_t.
template <typename Settings>
class socket_type_dependent_settings_t<Settings, portal::DeadlineTlsSocket>
    : public socket_type_dependent_settings_t<Settings, tls_socket_t> {
 protected:
  ~socket_type_dependent_settings_t() = default;

 public:
  socket_type_dependent_settings_t() = default;
  socket_type_dependent_settings_t(socket_type_dependent_settings_t&&) = default;
};

namespace impl {

// The acceptor's sockets, as RESTinio's socket_supplier_t<tls_socket_t> makes them.
template <>
class socket_supplier_t<portal::DeadlineTlsSocket> {
 protected:
  template <typename Settings>
  socket_supplier_t(Settings& settings, asio::io_context& io_context)
      : m_tls_context{settings.giveaway_tls_context()}, m_io_context{io_context} {
    m_sockets.reserve(settings.concurrent_accepts_count());
    while (m_sockets.size() < settings.concurrent_accepts_count()) m_sockets.emplace_back(m_io_context, m_tls_context);
  }
  virtual ~socket_supplier_t() = default;

  portal::DeadlineTlsSocket& socket(std::size_t idx) { return m_sockets.at(idx); }

  portal::DeadlineTlsSocket move_socket(std::size_t idx) {
    portal::DeadlineTlsSocket res{m_io_context, m_tls_context};
    std::swap(res, m_sockets.at(idx));
    return res;
  }

  auto concurrent_accept_sockets_count() const { return m_sockets.size(); }

 private:
  std::shared_ptr<asio::ssl::context> m_tls_context;
  asio::io_context& m_io_context;
  std::vector<portal::DeadlineTlsSocket> m_sockets;
};

}  // namespace impl
}  // namespace restinio
