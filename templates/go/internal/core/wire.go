package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// This file turns parameter and body values into wire text, one serializer
// per concern, as the SDK's wire rules say: every value and key is UTF-8,
// percent-encoded but for the unreserved characters (A-Z a-z 0-9 - . _ ~)
// with upper-case hex; the delimiters a style inserts are written literally.

// Param is how one parameter goes on the wire.
type Param struct {
	Name    string // wire name
	In      string // path, query, header or cookie
	Style   string // simple, label, matrix, form, spaceDelimited, pipeDelimited or deepObject
	Explode bool
}

// Field is how one property of a multipart or form body is sent.
type Field struct {
	Name        string // wire name
	File        bool   // binary content: a file part
	JSON        bool   // one part holding the value's JSON
	ContentType string // a file or JSON part's declared content type
	// a form field's encoding: form (the default), spaceDelimited,
	// pipeDelimited or deepObject, and explode
	Style   string
	Explode bool
}

// Pair is one percent-encoded key=value pair of a query, form or cookie.
type Pair struct {
	Key   string
	Value string
}

const upperHex = "0123456789ABCDEF"

func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// Escape percent-encodes s: every byte but the unreserved characters.
func Escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&15])
	}
	return b.String()
}

// Query is an ordered list of encoded pairs.
type Query []Pair

// Add appends key=value (both raw; they are encoded here).
func (q *Query) Add(key, value string) {
	*q = append(*q, Pair{Escape(key), Escape(value)})
}

// Set replaces every pair of key by one key=value, where the first was, or appends it.
func (q *Query) Set(key, value string) {
	k := Escape(key)
	out := (*q)[:0:0]
	done := false
	for _, p := range *q {
		if p.Key != k {
			out = append(out, p)
		} else if !done {
			out = append(out, Pair{k, Escape(value)})
			done = true
		}
	}
	if !done {
		out = append(out, Pair{k, Escape(value)})
	}
	*q = out
}

// Get is the decoded value of the first pair of key ("" when there is none).
func (q Query) Get(key string) string {
	k := Escape(key)
	for _, p := range q {
		if p.Key == k {
			return unescape(p.Value)
		}
	}
	return ""
}

// Has reports whether a pair of key is present.
func (q Query) Has(key string) bool {
	k := Escape(key)
	for _, p := range q {
		if p.Key == k {
			return true
		}
	}
	return false
}

// Del removes every pair of key.
func (q *Query) Del(key string) {
	k := Escape(key)
	out := (*q)[:0:0]
	for _, p := range *q {
		if p.Key != k {
			out = append(out, p)
		}
	}
	*q = out
}

// Clone copies the pairs.
func (q Query) Clone() Query { return append(Query(nil), q...) }

// Encode joins the pairs with & (a pair with an empty key is written bare).
func (q Query) Encode() string {
	parts := make([]string, 0, len(q))
	for _, p := range q {
		parts = append(parts, p.Key+"="+p.Value)
	}
	return strings.Join(parts, "&")
}

func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if hi, lo := unhex(s[i+1]), unhex(s[i+2]); hi >= 0 && lo >= 0 {
				b.WriteByte(byte(hi<<4 | lo))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// value is a parameter or field value as the wire sees it: unset, a scalar
// (its text), an array or an object (keys in order).
type value struct {
	kind  byte // 0 unset, 's' scalar, 'a' array, 'o' object
	text  string
	items []value
	keys  []string
}

// valueOf reads v through its JSON encoding (so named types, enums and
// models are written as they would be in a JSON body), keeping object keys
// in the order they are encoded. nil pointers, slices and maps are unset.
func valueOf(v any) (value, error) {
	rv := reflect.ValueOf(v)
	if isUnset(rv) {
		return value{}, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return value{}, err
	}
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	return readValue(dec)
}

func readValue(dec *json.Decoder) (value, error) {
	tok, err := dec.Token()
	if err != nil {
		return value{}, err
	}
	switch t := tok.(type) {
	case nil:
		return value{}, nil
	case string:
		return value{kind: 's', text: t}, nil
	case json.Number:
		return value{kind: 's', text: t.String()}, nil
	case bool:
		if t {
			return value{kind: 's', text: "true"}, nil
		}
		return value{kind: 's', text: "false"}, nil
	case json.Delim:
		out := value{kind: 'a'}
		if t == '{' {
			out.kind = 'o'
		}
		for dec.More() {
			if out.kind == 'o' {
				key, err := dec.Token()
				if err != nil {
					return value{}, err
				}
				out.keys = append(out.keys, key.(string))
			}
			item, err := readValue(dec)
			if err != nil {
				return value{}, err
			}
			out.items = append(out.items, item)
		}
		if _, err := dec.Token(); err != nil {
			return value{}, err
		}
		return out, nil
	}
	return value{}, errors.New("unexpected JSON token")
}

// scalars are the texts of an array's or object's set scalar members.
func (v value) scalars(escape func(string) string) []string {
	out := []string{}
	for _, item := range v.items {
		if item.kind == 's' {
			out = append(out, escape(item.text))
		} else if item.kind != 0 {
			data, _ := json.Marshal(item.plain())
			out = append(out, escape(string(data)))
		}
	}
	return out
}

// flat is an object's key,value texts ("a,1,b,2") or key=value texts ("a=1,b=2").
func (v value) flat(escape func(string) string, exploded bool, sep string) string {
	parts := []string{}
	for i, item := range v.items {
		if item.kind == 0 {
			continue
		}
		text := item.text
		if item.kind != 's' {
			data, _ := json.Marshal(item.plain())
			text = string(data)
		}
		if exploded {
			parts = append(parts, escape(v.keys[i])+"="+escape(text))
		} else {
			parts = append(parts, escape(v.keys[i]), escape(text))
		}
	}
	if exploded {
		return strings.Join(parts, sep)
	}
	return strings.Join(parts, ",")
}

// plain is the value as encoding/json types (for JSON-encoded nested values).
func (v value) plain() any {
	switch v.kind {
	case 's':
		return v.text
	case 'a':
		out := []any{}
		for _, item := range v.items {
			out = append(out, item.plain())
		}
		return out
	case 'o':
		out := map[string]any{}
		for i, item := range v.items {
			out[v.keys[i]] = item.plain()
		}
		return out
	}
	return nil
}

func isDots(s string) bool {
	return s != "" && strings.Trim(s, ".") == ""
}

func pathScalar(s string) string {
	if isDots(s) {
		return strings.Repeat("%2E", len(s))
	}
	return Escape(s)
}

// PathValue is a path parameter's text in its style; an empty value is refused.
func PathValue(p Param, v any) (string, error) {
	val, err := valueOf(v)
	if err != nil {
		return "", err
	}
	if val.kind == 0 || val.kind == 's' && val.text == "" {
		return "", errors.New("path parameter " + p.Name + " is empty: a value is required")
	}
	name := Escape(p.Name)
	switch val.kind {
	case 's':
		text := pathScalar(val.text)
		switch p.Style {
		case "label":
			return "." + text, nil
		case "matrix":
			return ";" + name + "=" + text, nil
		}
		return text, nil
	case 'a':
		items := val.scalars(pathScalar)
		switch p.Style {
		case "label":
			if p.Explode {
				return "." + strings.Join(items, "."), nil
			}
			return "." + strings.Join(items, ","), nil
		case "matrix":
			if p.Explode {
				out := ""
				for _, item := range items {
					out += ";" + name + "=" + item
				}
				return out, nil
			}
			return ";" + name + "=" + strings.Join(items, ","), nil
		}
		return strings.Join(items, ","), nil
	}
	switch p.Style {
	case "label":
		return "." + val.flat(Escape, p.Explode, "."), nil
	case "matrix":
		if p.Explode {
			return ";" + val.flat(Escape, true, ";"), nil
		}
		return ";" + name + "=" + val.flat(Escape, false, ""), nil
	}
	return val.flat(Escape, p.Explode, ","), nil
}

// QueryPairs are a query parameter's encoded pairs in its style.
func QueryPairs(p Param, v any) ([]Pair, error) {
	val, err := valueOf(v)
	if err != nil || val.kind == 0 {
		return nil, err
	}
	name := Escape(p.Name)
	switch val.kind {
	case 's':
		return []Pair{{name, Escape(val.text)}}, nil
	case 'a':
		if p.Style == "deepObject" && val.anyStructured() {
			var out []Pair
			bracketPairs(&out, name, val, "%5B%5D")
			return out, nil
		}
		items := val.scalars(Escape)
		if len(items) == 0 {
			return nil, nil
		}
		switch {
		case p.Style == "deepObject":
			return repeat(name+"%5B%5D", items), nil
		case p.Style == "spaceDelimited" && !p.Explode:
			return []Pair{{name, strings.Join(items, "%20")}}, nil
		case p.Style == "pipeDelimited" && !p.Explode:
			return []Pair{{name, strings.Join(items, "|")}}, nil
		case p.Explode:
			return repeat(name, items), nil
		}
		return []Pair{{name, strings.Join(items, ",")}}, nil
	}
	if p.Style == "deepObject" {
		var out []Pair
		bracketPairs(&out, name, val, "%5B%5D")
		return out, nil
	}
	if p.Explode {
		var out []Pair
		for i, item := range val.items {
			if item.kind == 's' {
				out = append(out, Pair{Escape(val.keys[i]), Escape(item.text)})
			} else if item.kind != 0 {
				data, _ := json.Marshal(item.plain())
				out = append(out, Pair{Escape(val.keys[i]), Escape(string(data))})
			}
		}
		return out, nil
	}
	text := val.flat(Escape, false, "")
	if text == "" {
		return nil, nil
	}
	return []Pair{{name, text}}, nil
}

func repeat(key string, items []string) []Pair {
	out := make([]Pair, 0, len(items))
	for _, item := range items {
		out = append(out, Pair{key, item})
	}
	return out
}

// structured is true for an object or an array.
func (v value) structured() bool {
	return v.kind == 'a' || v.kind == 'o'
}

// anyStructured is true when an item of the array val is an object or array.
func (v value) anyStructured() bool {
	for _, item := range v.items {
		if item.structured() {
			return true
		}
	}
	return false
}

// bracketPairs writes val under key in bracket form: objects key[sub] (the
// brackets encoded), arrays key+arraySuffix per scalar item and key[i] per
// object or array item.
func bracketPairs(out *[]Pair, key string, val value, arraySuffix string) {
	switch val.kind {
	case 's':
		*out = append(*out, Pair{key, Escape(val.text)})
	case 'a':
		for i, item := range val.items {
			if item.structured() {
				bracketPairs(out, key+"%5B"+strconv.Itoa(i)+"%5D", item, arraySuffix)
			} else {
				bracketPairs(out, key+arraySuffix, item, arraySuffix)
			}
		}
	case 'o':
		for i, item := range val.items {
			bracketPairs(out, key+"%5B"+Escape(val.keys[i])+"%5D", item, arraySuffix)
		}
	}
}

// HeaderValue is a header parameter's text (style simple, not encoded);
// CR and LF are refused. ok is false for an unset value.
func HeaderValue(p Param, v any) (text string, ok bool, err error) {
	val, err := valueOf(v)
	if err != nil || val.kind == 0 {
		return "", false, err
	}
	keep := func(s string) string { return s }
	switch val.kind {
	case 's':
		text = val.text
	case 'a':
		items := val.scalars(keep)
		if len(items) == 0 {
			return "", false, nil
		}
		text = strings.Join(items, ",")
	default:
		text = val.flat(keep, p.Explode, ",")
	}
	if strings.ContainsAny(text, "\r\n") {
		return "", false, errors.New("header parameter " + p.Name + " contains CR or LF")
	}
	return text, true, nil
}

// CookiePairs are a cookie parameter's pairs (style form, values encoded).
func CookiePairs(p Param, v any) ([]Pair, error) {
	val, err := valueOf(v)
	if err != nil || val.kind == 0 {
		return nil, err
	}
	name := p.Name
	switch val.kind {
	case 's':
		return []Pair{{name, Escape(val.text)}}, nil
	case 'a':
		items := val.scalars(Escape)
		if len(items) == 0 {
			return nil, nil
		}
		if p.Explode {
			return repeat(name, items), nil
		}
		return []Pair{{name, strings.Join(items, ",")}}, nil
	}
	if p.Explode {
		var out []Pair
		for i, item := range val.items {
			if item.kind == 's' {
				out = append(out, Pair{val.keys[i], Escape(item.text)})
			}
		}
		return out, nil
	}
	return []Pair{{name, val.flat(Escape, false, "")}}, nil
}

// fieldValue is one body field with how it is sent.
type fieldValue struct {
	field Field
	value any
}

// FormBody encodes application/x-www-form-urlencoded fields: scalars as
// name=v; arrays by the field's style and explode (repeated keys for form
// exploded, name=a,b not exploded, space or pipe delimited, name[]=v for
// deepObject); objects always in bracket form name[key]=v, nested
// name[a][b]=v, arrays inside name[key][]=v (brackets encoded).
func FormBody(fields []fieldValue) ([]byte, error) {
	var out []Pair
	for _, f := range fields {
		val, err := valueOf(f.value)
		if err != nil {
			return nil, err
		}
		name := Escape(f.field.Name)
		switch {
		case val.kind == 0:
		case f.field.JSON:
			data, err := jsonText(f.value)
			if err != nil {
				return nil, err
			}
			out = append(out, Pair{name, Escape(string(data))})
		case val.kind == 'a' && !val.anyStructured():
			style := f.field.Style
			if style == "" {
				style = "form"
			}
			pairs, err := QueryPairs(Param{Name: f.field.Name, In: "query", Style: style, Explode: f.field.Explode}, f.value)
			if err != nil {
				return nil, err
			}
			out = append(out, pairs...)
		default:
			bracketPairs(&out, name, val, "%5B%5D")
		}
	}
	return []byte(Query(out).Encode()), nil
}

// jsonText is v's compact JSON, HTML characters unescaped.
func jsonText(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// readerOf is v as a reader when it is binary content.
func readerOf(v any) (io.Reader, bool) {
	switch b := v.(type) {
	case io.Reader:
		return b, b != nil && !isUnset(reflect.ValueOf(b))
	case []byte:
		return bytes.NewReader(b), b != nil
	}
	return nil, false
}
