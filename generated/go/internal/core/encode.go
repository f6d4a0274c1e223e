package core

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"net/url"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Format renders a scalar (string, number, boolean, or a named type of one)
// the way it goes into a path, a query string, a header or a form field.
// Anything else is JSON-encoded.
func Format(v any) string {
	rv := reflect.ValueOf(v)
	for rv.IsValid() && rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return ""
		}
		rv = rv.Elem()
	}
	if !rv.IsValid() {
		return ""
	}
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(rv.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(rv.Float(), 'f', -1, 64)
	}
	data, err := json.Marshal(rv.Interface())
	if err != nil {
		return fmt.Sprint(rv.Interface())
	}
	var s string
	if json.Unmarshal(data, &s) == nil {
		return s
	}
	return string(data)
}

// PathParam escapes one path segment.
func PathParam(v any) string {
	return url.PathEscape(Format(v))
}

// isUnset reports a nil pointer, slice, map or interface.
func isUnset(rv reflect.Value) bool {
	if !rv.IsValid() {
		return true
	}
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		return rv.IsNil()
	}
	return false
}

// AddQuery adds one parameter to q: arrays repeat the key (explode) or join
// with commas, objects use key[sub]=value (deepObject), scalars are formatted.
// Unset values (nil pointers, slices, maps) add nothing.
func AddQuery(q url.Values, key string, v any, explode bool) {
	rv := reflect.ValueOf(v)
	for rv.IsValid() && (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface) {
		if rv.IsNil() {
			return
		}
		rv = rv.Elem()
	}
	if isUnset(rv) {
		return
	}
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		parts := make([]string, 0, rv.Len())
		for i := 0; i < rv.Len(); i++ {
			parts = append(parts, Format(rv.Index(i).Interface()))
		}
		if explode {
			for _, p := range parts {
				q.Add(key, p)
			}
		} else {
			q.Add(key, strings.Join(parts, ","))
		}
		return
	case reflect.Map, reflect.Struct:
		data, err := json.Marshal(rv.Interface())
		if err != nil {
			return
		}
		var obj map[string]any
		if json.Unmarshal(data, &obj) != nil {
			q.Add(key, string(data))
			return
		}
		addDeep(q, key, obj)
		return
	}
	q.Add(key, Format(rv.Interface()))
}

func addDeep(q url.Values, key string, v any) {
	switch val := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(val))
		for k := range val {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			addDeep(q, key+"["+k+"]", val[k])
		}
	case []any:
		for _, item := range val {
			addDeep(q, key+"[]", item)
		}
	case nil:
	case string:
		q.Add(key, val)
	default:
		data, _ := json.Marshal(val)
		q.Add(key, string(data))
	}
}

// SetHeader sets a header from a parameter value; unset values are skipped.
func SetHeader(h map[string][]string, key string, v any) {
	rv := reflect.ValueOf(v)
	if isUnset(rv) {
		return
	}
	textproto.MIMEHeader(h).Set(key, Format(v))
}

// Multipart writes multipart/form-data fields.
type Multipart struct {
	w *multipart.Writer
}

// EncodeMultipart runs fill against a fresh form and returns the encoded body
// (kept in memory so that retries can send it again) and its content type.
func EncodeMultipart(fill func(*Multipart) error) ([]byte, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if err := fill(&Multipart{w: w}); err != nil {
		return nil, "", err
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "%0D", "\n", "%0A")

// File writes an io.Reader as a file part; a reader with a Name() (an
// *os.File) gives its base name, and one with ContentType() its type.
func (m *Multipart) File(name string, r io.Reader) error {
	if r == nil {
		return nil
	}
	filename := "anonymous_file"
	if named, ok := r.(interface{ Name() string }); ok && named.Name() != "" {
		filename = filepath.Base(named.Name())
	}
	contentType := "application/octet-stream"
	if typed, ok := r.(interface{ ContentType() string }); ok && typed.ContentType() != "" {
		contentType = typed.ContentType()
	}
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`,
		quoteEscaper.Replace(name), quoteEscaper.Replace(filename)))
	h.Set("Content-Type", contentType)
	part, err := m.w.CreatePart(h)
	if err != nil {
		return err
	}
	_, err = io.Copy(part, r)
	return err
}

// Field writes a value: io.Readers as files, arrays as repeated fields,
// objects as JSON, scalars formatted. Unset values write nothing.
func (m *Multipart) Field(name string, v any) error {
	if r, ok := v.(io.Reader); ok {
		return m.File(name, r)
	}
	rv := reflect.ValueOf(v)
	for rv.IsValid() && (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface) {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	if isUnset(rv) {
		return nil
	}
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			return m.w.WriteField(name, string(rv.Bytes()))
		}
		for i := 0; i < rv.Len(); i++ {
			if err := m.Field(name, rv.Index(i).Interface()); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map, reflect.Struct:
		data, err := json.Marshal(rv.Interface())
		if err != nil {
			return err
		}
		return m.w.WriteField(name, string(data))
	}
	return m.w.WriteField(name, Format(rv.Interface()))
}

// JSONFields writes each top-level key of v's JSON object as a form field.
func (m *Multipart) JSONFields(v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return m.w.WriteField("body", string(data))
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var s string
		if json.Unmarshal(obj[k], &s) == nil {
			if err := m.w.WriteField(k, s); err != nil {
				return err
			}
			continue
		}
		if err := m.w.WriteField(k, string(obj[k])); err != nil {
			return err
		}
	}
	return nil
}
