package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/dyad-events/dyad"
)

// ErrorType classifies an API error; it is the "errorType" of the error
// envelope and decides the HTTP status.
type ErrorType string

// Error types of the API, after Prometheus' HTTP API.
const (
	ErrBadData       ErrorType = "bad_data"     // 400: a parameter or body is malformed
	ErrUnauthorized  ErrorType = "unauthorized" // 401: a writing endpoint without a valid token
	ErrNotFound      ErrorType = "not_found"    // 404: no such event, document or route
	ErrMethod        ErrorType = "method_not_allowed"
	ErrTooLarge      ErrorType = "too_large"       // 413: the body exceeds --max-body
	ErrNotEnoughData ErrorType = "not_enough_data" // 422: the analysis needs more events
	ErrCanceled      ErrorType = "canceled"        // 499: the client went away
	ErrInternal      ErrorType = "internal"        // 500
	ErrUnavailable   ErrorType = "unavailable"     // 503: e.g. no coder configured
	ErrTimeout       ErrorType = "timeout"         // 503: the request ran out of time
)

// status maps an error type to its HTTP status code.
func (t ErrorType) status() int {
	switch t {
	case ErrBadData:
		return http.StatusBadRequest
	case ErrUnauthorized:
		return http.StatusUnauthorized
	case ErrNotFound:
		return http.StatusNotFound
	case ErrMethod:
		return http.StatusMethodNotAllowed
	case ErrTooLarge:
		return http.StatusRequestEntityTooLarge
	case ErrNotEnoughData:
		return http.StatusUnprocessableEntity
	case ErrCanceled:
		return 499
	case ErrUnavailable, ErrTimeout:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// APIError is the typed error a handler returns; the wrapper writes it as
// the error envelope.
type APIError struct {
	Type ErrorType
	Err  error
}

// Error returns the message of the wrapped error.
func (e *APIError) Error() string {
	if e.Err == nil {
		return string(e.Type)
	}
	return e.Err.Error()
}

// Unwrap returns the wrapped error.
func (e *APIError) Unwrap() error { return e.Err }

// badData returns a bad_data error with a formatted message.
func badData(format string, args ...any) *APIError {
	return &APIError{Type: ErrBadData, Err: fmt.Errorf(format, args...)}
}

// classify turns any error into an APIError: typed errors pass through,
// the domain sentinels map to their types, everything else is internal.
func classify(err error) *APIError {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae
	}
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return &APIError{ErrTooLarge, fmt.Errorf("request body larger than %d bytes", mbe.Limit)}
	case errors.Is(err, dyad.ErrNotFound):
		return &APIError{ErrNotFound, err}
	case errors.Is(err, dyad.ErrNotEnoughData):
		return &APIError{ErrNotEnoughData, err}
	case errors.Is(err, dyad.ErrInvalidInput):
		return &APIError{ErrBadData, err}
	case errors.Is(err, context.Canceled):
		return &APIError{ErrCanceled, err}
	case errors.Is(err, context.DeadlineExceeded):
		return &APIError{ErrTimeout, err}
	}
	return &APIError{ErrInternal, err}
}

// envelope is the JSON wrapper of every API answer.
type envelope struct {
	Status    string    `json:"status"`
	Data      any       `json:"data,omitempty"`
	ErrorType ErrorType `json:"errorType,omitempty"`
	Error     string    `json:"error,omitempty"`
}

// apiFunc is the shape of every API handler: a result or an error, never a
// write to the ResponseWriter.
type apiFunc func(r *http.Request) (any, error)

// writeJSON writes v with status code; HTML-significant characters are
// escaped (json.Encoder's default), so the answer is safe to embed.
func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		code = http.StatusInternalServerError
		b, _ = json.Marshal(envelope{Status: "error", ErrorType: ErrInternal, Error: "encoding the answer: " + err.Error()})
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	w.Write(b)
	w.Write([]byte{'\n'})
}

// writeError writes the error envelope for err.
func writeError(w http.ResponseWriter, err error) *APIError {
	ae := classify(err)
	writeJSON(w, ae.Type.status(), envelope{Status: "error", ErrorType: ae.Type, Error: ae.Error()})
	return ae
}
