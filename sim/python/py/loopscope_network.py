"""This host's network, in memory: TCP sockets, a resolver and a selector.

asyncio's own selector-loop code (create_server, create_connection, the
socket transports, streams) runs unchanged on these sockets. They behave as
Linux loopback sockets do for that code: a non-blocking connect() says
EINPROGRESS and the socket is writable at the next poll (or fails with
ECONNREFUSED when nothing listens); data sent is readable by the peer at the
next poll; reads are level-triggered. The selector reports ready sockets in
the order they became ready, as epoll does. Ports and fds are handed out in
sequence, so printed addresses are the same on every run. Only this host
exists: localhost (127.0.0.1), 127.0.0.1, ::1 and the wildcards. With a
latency, each packet (SYN, SYN-ACK, ACK, a segment, FIN) takes that long one
way: the deliveries are timers of the loop.
"""

import asyncio
import collections
import errno
import itertools
import os
import selectors
import socket

_real_socket = socket.socket
_FIRST_EPHEMERAL_PORT = 50000  # a port in Linux's ephemeral range; any fixed start keeps runs alike
_FIRST_FD = 1000  # apart from real descriptors, which never reach this selector
_LOOPBACK = {socket.AF_INET: "127.0.0.1", socket.AF_INET6: "::1"}
_WILDCARD = {socket.AF_INET: "0.0.0.0", socket.AF_INET6: "::"}


class NotSimulatedError(RuntimeError):
    """A call Loopscope's virtual world does not simulate (yet)."""


NotSimulatedError.__module__ = "loopscope"  # as tracebacks name it


def _os_error(code):
    return OSError(code, os.strerror(code))


class _Host:
    """The sockets of this machine: descriptors, bound ports, and a clock of events for the selector."""

    latency = 0.0  # one way, in virtual seconds (--latency)

    def __init__(self):
        self.sockets = {}  # fd -> VirtualSocket, until closed
        self.fds = itertools.count(_FIRST_FD)
        self.ports = itertools.count(_FIRST_EPHEMERAL_PORT)
        self.ticks = itertools.count(1)

    def bound(self, family, port):
        return [s for s in self.sockets.values() if s.family == family and s._local and s._local[1] == port]

    def listener(self, family, ip, port):
        for s in self.bound(family, port):
            if s._listening and s._local[0] in (ip, _WILDCARD[family]):
                return s
        return None


_host = _Host()


def _after(seconds, deliver, *args):
    """A delivery of the network: at once without latency, else a timer of the running loop (the trace shows it)."""
    if seconds <= 0:
        deliver(*args)
    else:
        loop = asyncio.get_running_loop()
        loop.call_at(loop.time() + seconds, deliver, *args)


def _local_ip(family, host):
    """`host` as this machine's address in `family`, or an error: no other host exists."""
    if host in ("", None):
        return _WILDCARD[family]
    if host == "localhost":
        return _LOOPBACK[family]
    if host in (_LOOPBACK[family], _WILDCARD[family]):
        return host
    raise NotSimulatedError(f"loopscope: the network beyond this host ({host}) is not simulated yet; "
                            "use localhost, 127.0.0.1 or ::1")


def _address(family, ip, port):
    return (ip, port) if family == socket.AF_INET else (ip, port, 0, 0)


class VirtualSocket:
    """A TCP socket of this host, with the calls asyncio's selector loop makes."""

    def __init__(self, family=socket.AF_INET, type=socket.SOCK_STREAM, proto=0, fileno=None):
        if fileno is not None:
            raise NotSimulatedError("loopscope: socket.socket(fileno=...) is not simulated yet")
        kind = type & ~(getattr(socket, "SOCK_NONBLOCK", 0) | getattr(socket, "SOCK_CLOEXEC", 0))
        if family not in _LOOPBACK or kind != socket.SOCK_STREAM:
            raise NotSimulatedError("loopscope: only TCP sockets (AF_INET, AF_INET6, SOCK_STREAM) are simulated")
        self.family = socket.AddressFamily(family)
        self.type = socket.SOCK_STREAM
        self.proto = proto
        self._fd = next(_host.fds)
        _host.sockets[self._fd] = self
        self._blocking = True
        self._local = None
        self._listening = False
        self._backlog = collections.deque()  # accepted connections not yet taken
        self._peer = None  # the other end, once connected
        self._connected = False
        self._inbox = bytearray()
        self._eof = False  # the peer will send nothing more
        self._write_shut = False
        self._error = 0  # SO_ERROR
        self._ready_since = 0  # when it became readable or writable (the selector's order)

    # -- what asyncio calls ---------------------------------------------------

    def fileno(self):
        return self._fd

    def setblocking(self, flag):
        self._blocking = bool(flag)

    def settimeout(self, value):
        self._blocking = value is None or value > 0

    def gettimeout(self):
        return None if self._blocking else 0.0

    def setsockopt(self, level, option, value, optlen=None):
        pass  # SO_REUSEADDR, TCP_NODELAY, IPV6_V6ONLY: nothing in memory depends on them

    def getsockopt(self, level, option, buflen=None):
        if (level, option) == (socket.SOL_SOCKET, socket.SO_ERROR):
            error, self._error = self._error, 0
            return error
        return 0

    def bind(self, address):
        ip, port = _local_ip(self.family, address[0]), address[1] or next(_host.ports)
        for other in _host.bound(self.family, port):
            if other is not self and (ip == other._local[0] or _WILDCARD[self.family] in (ip, other._local[0])):
                raise _os_error(errno.EADDRINUSE)
        self._local = _address(self.family, ip, port)

    def listen(self, backlog=128):
        if self._local is None:
            self.bind((_WILDCARD[self.family], 0))
        self._listening = True

    def connect(self, address):
        ip = _local_ip(self.family, address[0])
        if self._blocking:
            raise NotSimulatedError("loopscope: a blocking connect() is not simulated yet; use asyncio")
        if self._local is None:
            self._local = _address(self.family, _LOOPBACK[self.family], next(_host.ports))
        listener = _host.listener(self.family, ip, address[1])
        # SYN, then SYN-ACK: the client is connected (or refused) after a round trip,
        # before the listener sees the final ACK.
        if listener is None:
            _after(2 * _host.latency, self._reset_arrives)
        else:
            accepted = VirtualSocket(self.family, self.type, self.proto)
            accepted._local = _address(self.family, ip, address[1])
            accepted._peer, self._peer = self, accepted
            accepted._connected = True
            _after(2 * _host.latency, self._handshake_arrives)
            _after(3 * _host.latency, listener._connection_arrives, accepted)
        raise BlockingIOError(errno.EINPROGRESS, os.strerror(errno.EINPROGRESS))

    def accept(self):
        if not self._backlog:
            raise BlockingIOError(errno.EAGAIN, os.strerror(errno.EAGAIN))
        accepted = self._backlog.popleft()
        return accepted, accepted._peer._local

    def send(self, data, flags=0):
        if self._write_shut or not self._connected:
            raise _os_error(errno.EPIPE if self._connected else errno.ENOTCONN)
        data = bytes(data)
        if data:
            _after(_host.latency, self._peer._segment_arrives, data)
        return len(data)

    sendall = send

    def recv(self, size, flags=0):
        if self._inbox:
            data = bytes(self._inbox[:size])
            del self._inbox[:size]
            return data
        if self._eof or not self._connected:
            return b""
        if self._blocking:
            raise NotSimulatedError("loopscope: a blocking recv() is not simulated yet; use asyncio")
        raise BlockingIOError(errno.EAGAIN, os.strerror(errno.EAGAIN))

    def recv_into(self, buffer, nbytes=0, flags=0):
        data = self.recv(nbytes or len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def shutdown(self, how):
        if how in (socket.SHUT_WR, socket.SHUT_RDWR) and not self._write_shut:
            self._write_shut = True
            self._tell_peer_eof()

    def close(self):
        if _host.sockets.pop(self._fd, None) is None:
            return
        if not self._write_shut:
            self._write_shut = True
            self._tell_peer_eof()

    def detach(self):
        raise NotSimulatedError("loopscope: socket.detach() is not simulated yet")

    def getsockname(self):
        if self._local is None:
            return _address(self.family, _WILDCARD[self.family], 0)
        return self._local

    def getpeername(self):
        if self._peer is None:
            raise _os_error(errno.ENOTCONN)
        return self._peer._local

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        state = "[closed] " if self._fd not in _host.sockets else ""
        text = f"<loopscope.VirtualSocket {state}fd={self._fd}, family={self.family}, type={self.type}, " \
               f"proto={self.proto}"
        if self._local is not None:
            text += f", laddr={self._local}"
        if self._peer is not None:
            text += f", raddr={self._peer._local}"
        return text + ">"

    # -- what the selector asks -------------------------------------------------

    def _became_ready(self):
        self._ready_since = next(_host.ticks)

    def _tell_peer_eof(self):
        if self._peer is not None:
            _after(_host.latency, self._peer._fin_arrives)

    # What the network delivers (at once, or as a timer after the latency).

    def _handshake_arrives(self):
        self._connected = True
        self._became_ready()

    def _reset_arrives(self):
        self._error = errno.ECONNREFUSED
        self._became_ready()

    def _connection_arrives(self, accepted):
        if not self._readable():
            self._became_ready()
        self._backlog.append(accepted)

    def _segment_arrives(self, data):
        if self._fd not in _host.sockets:
            return  # a closed socket drops what arrives
        if not self._readable():
            self._became_ready()
        self._inbox += data

    def _fin_arrives(self):
        if not self._eof:
            if not self._readable():
                self._became_ready()
            self._eof = True

    def _readable(self):
        if self._listening:
            return bool(self._backlog)
        return bool(self._inbox) or self._eof or bool(self._error)

    def _writable(self):
        return self._connected or bool(self._error)


def is_virtual(fileobj):
    """A descriptor (or an object with fileno()) of one of this host's open sockets."""
    fd = fileobj if isinstance(fileobj, int) else getattr(fileobj, "fileno", lambda: None)()
    return fd in _host.sockets


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    """socket.getaddrinfo for this host: the addresses Linux gives (localhost is 127.0.0.1)."""
    if isinstance(host, bytes):
        host = host.decode("idna")
    port = int(port or 0) if not isinstance(port, str) or port.isdigit() else socket.getservbyname(port)
    if host in (None, ""):
        families = [socket.AF_INET, socket.AF_INET6] if flags & socket.AI_PASSIVE else [socket.AF_INET6,
                                                                                        socket.AF_INET]
        ips = [(f, _WILDCARD[f] if flags & socket.AI_PASSIVE else _LOOPBACK[f]) for f in families]
    elif host == "localhost":
        ips = [(socket.AF_INET, "127.0.0.1")]
    else:
        f = socket.AF_INET6 if ":" in host else socket.AF_INET
        ips = [(f, _local_ip(f, host))]
    kinds = [(type, proto or (socket.IPPROTO_TCP if type == socket.SOCK_STREAM else 0))] if type else [
        (socket.SOCK_STREAM, socket.IPPROTO_TCP), (socket.SOCK_DGRAM, socket.IPPROTO_UDP), (socket.SOCK_RAW, 0)]
    return [(socket.AddressFamily(f), socket.SocketKind(k), p, "", _address(f, ip, port))
            for f, ip in ips if family in (0, f) for k, p in kinds]


class VirtualSelector(selectors._BaseSelectorImpl):
    """The loop's selector over VirtualSockets: never waits, reports who is ready, in epoll's order."""

    def __init__(self, watch):
        super().__init__()
        self._watch = watch  # told whether any socket is registered, so that polls skip an empty selector
        self._since = {}  # fd -> tick of (re)registration: a socket ready before is reported from then

    def register(self, fileobj, events, data=None):
        key = super().register(fileobj, events, data)
        self._since[key.fd] = next(_host.ticks)
        self._watch(True)
        return key

    def unregister(self, fileobj):
        key = super().unregister(fileobj)
        self._since.pop(key.fd, None)
        self._watch(bool(self._fd_to_key))
        return key

    def select(self, timeout=None):
        ready = []
        for fd, key in self._fd_to_key.items():
            sock = _host.sockets.get(fd)
            if sock is None:
                continue
            events = 0
            if key.events & selectors.EVENT_READ and sock._readable():
                events |= selectors.EVENT_READ
            if key.events & selectors.EVENT_WRITE and sock._writable():
                events |= selectors.EVENT_WRITE
            if events:
                ready.append((max(sock._ready_since, self._since[fd]), key, events))
        ready.sort(key=lambda entry: entry[0])
        for _, key, _ in ready:  # level-triggered: still ready, queued again behind the others
            _host.sockets[key.fd]._became_ready()
        return [(key, events) for _, key, events in ready]


def install(latency=0.0):
    """Every socket of the program is this host's: socket.socket and socket.getaddrinfo."""
    _host.latency = latency
    socket.socket = VirtualSocket
    socket.getaddrinfo = getaddrinfo
