// Package queuetest runs an embedded NATS server with JetStream for tests
// of the queue: on a random loopback port, with its store in a temporary
// directory, and able to stop and restart on the same port and store like
// a real server going away and coming back.
package queuetest

import (
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Server is an embedded NATS server with JetStream.
type Server struct {
	// URL is the client URL, nats://127.0.0.1:PORT.
	URL  string
	Port int
	Dir  string
	srv  *server.Server
}

// Start starts a server on a free loopback port with its JetStream store
// in a fresh temporary directory; it is shut down when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{Dir: t.TempDir()}
	if err := s.start(-1); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

func (s *Server) start(port int) error {
	opts := &server.Options{
		Host:       "127.0.0.1",
		Port:       port,
		JetStream:  true,
		StoreDir:   s.Dir,
		NoLog:      true,
		NoSigs:     true,
		MaxPayload: 8 << 20,
		// A quick lame-duck and write deadline keep restarts fast.
		WriteDeadline: 5 * time.Second,
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		return fmt.Errorf("queuetest: nats server: %w", err)
	}
	go srv.Start()
	if !srv.ReadyForConnections(20 * time.Second) {
		srv.Shutdown()
		return fmt.Errorf("queuetest: nats server on port %d not ready", port)
	}
	s.srv = srv
	s.Port = srv.Addr().(*net.TCPAddr).Port
	s.URL = fmt.Sprintf("nats://127.0.0.1:%d", s.Port)
	return nil
}

// Stop shuts the server down (its store stays); stopping a stopped server
// does nothing.
func (s *Server) Stop() {
	if s.srv != nil {
		s.srv.Shutdown()
		s.srv.WaitForShutdown()
		s.srv = nil
	}
}

// Restart starts the server again on the same port with the same store,
// retrying while the port is not yet free.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	s.Stop()
	var err error
	for try := 0; try < 50; try++ {
		if err = s.start(s.Port); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("restart on port %d: %v", s.Port, err)
}
