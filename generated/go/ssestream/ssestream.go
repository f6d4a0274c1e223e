// Package ssestream reads text/event-stream responses.
package ssestream

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/sdkforge-examples/openai-go/internal/core"
)

// Event is one server-sent event.
type Event struct {
	Type string
	ID   string
	Data []byte
}

// Decoder splits a response body into events.
type Decoder struct {
	body    io.ReadCloser
	scanner *bufio.Scanner
	event   Event
	err     error
}

// NewDecoder reads events from body.
func NewDecoder(body io.ReadCloser) *Decoder {
	scanner := bufio.NewScanner(body)
	scanner.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	return &Decoder{body: body, scanner: scanner}
}

// Next reads the next event; it returns false at the end or on an error.
func (d *Decoder) Next() bool {
	if d.err != nil {
		return false
	}
	var (
		data    bytes.Buffer
		typ, id string
		any     bool
	)
	for d.scanner.Scan() {
		line := d.scanner.Text()
		if line == "" {
			if any {
				d.event = Event{Type: typ, ID: id, Data: bytes.TrimSuffix(data.Bytes(), []byte("\n"))}
				return true
			}
			continue
		}
		if strings.HasPrefix(line, ":") {
			continue
		}
		name, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch name {
		case "event":
			typ, any = value, true
		case "id":
			id, any = value, true
		case "data":
			data.WriteString(value)
			data.WriteByte('\n')
			any = true
		}
	}
	d.err = d.scanner.Err()
	if d.err == nil && any {
		d.event = Event{Type: typ, ID: id, Data: bytes.TrimSuffix(data.Bytes(), []byte("\n"))}
		return true
	}
	return false
}

// Event is the event read by the last successful Next.
func (d *Decoder) Event() Event { return d.event }

// Err is the read error that ended the stream, if any.
func (d *Decoder) Err() error { return d.err }

// Close closes the body.
func (d *Decoder) Close() error { return d.body.Close() }

// Stream decodes each event's data as a T. A "data: [DONE]" event ends the
// stream; an "event: error" event ends it with an error (*core.Error, the
// root package's Error).
type Stream[T any] struct {
	res     *http.Response
	decoder *Decoder
	current T
	err     error
	done    bool
}

// NewStream wraps a response (or the error of the request that made it). The
// call asked for events: any other answer ends the stream at once with an
// error (*core.Error), never decoded as events.
func NewStream[T any](res *http.Response, err error) *Stream[T] {
	s := &Stream[T]{res: res, err: err}
	if err == nil && res != nil {
		contentType := res.Header.Get("Content-Type")
		if !strings.HasPrefix(strings.ToLower(contentType), "text/event-stream") {
			body, _ := io.ReadAll(res.Body)
			_ = res.Body.Close()
			e := core.NewError(res.Request, res, body)
			e.Message = "the call asked for server-sent events, but the server answered " + strconv.Quote(contentType)
			s.err = e
		} else {
			s.decoder = NewDecoder(res.Body)
		}
	}
	if s.decoder == nil {
		s.done = true
	}
	return s
}

// Next advances to the next item; it returns false at the end or on an error.
func (s *Stream[T]) Next() bool {
	if s.done || s.err != nil {
		return false
	}
	for s.decoder.Next() {
		ev := s.decoder.Event()
		if bytes.Equal(bytes.TrimSpace(ev.Data), []byte("[DONE]")) {
			s.done = true
			_ = s.Close()
			return false
		}
		if ev.Type == "error" {
			s.err = core.NewError(s.res.Request, s.res, ev.Data)
			s.done = true
			_ = s.Close()
			return false
		}
		if len(bytes.TrimSpace(ev.Data)) == 0 {
			continue
		}
		var next T
		if err := json.Unmarshal(ev.Data, &next); err != nil {
			s.err = err
			s.done = true
			_ = s.Close()
			return false
		}
		s.current = next
		return true
	}
	s.err = s.decoder.Err()
	s.done = true
	_ = s.Close()
	return false
}

// Current is the item read by the last successful Next.
func (s *Stream[T]) Current() T { return s.current }

// Err is the error that ended the stream, if any.
func (s *Stream[T]) Err() error { return s.err }

// Response is the HTTP response being read (nil if the request failed).
func (s *Stream[T]) Response() *http.Response { return s.res }

// Close releases the connection; it is safe to call more than once.
func (s *Stream[T]) Close() error {
	if s.decoder == nil {
		return nil
	}
	d := s.decoder
	s.decoder = nil
	s.done = true
	return d.Close()
}
