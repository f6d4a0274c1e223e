package core

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"sync"
)

var knownKeys sync.Map // reflect.Type -> map[string]bool

func jsonKeys(t reflect.Type) map[string]bool {
	if cached, ok := knownKeys.Load(t); ok {
		return cached.(map[string]bool)
	}
	keys := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		keys[name] = true
	}
	knownKeys.Store(t, keys)
	return keys
}

// ExtraFields returns the members of the JSON object raw that model (a
// struct) does not declare, plus the keys listed in declared.
func ExtraFields(raw []byte, model any, declared ...string) map[string]json.RawMessage {
	if len(raw) == 0 {
		return nil
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return nil
	}
	t := reflect.TypeOf(model)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	keys := jsonKeys(t)
	out := map[string]json.RawMessage{}
	for k, v := range obj {
		if keys[k] {
			continue
		}
		skip := false
		for _, d := range declared {
			if d == k {
				skip = true
				break
			}
		}
		if !skip {
			out[k] = v
		}
	}
	return out
}

// UnmarshalPath decodes the value at path (keys from the JSON object raw
// down) into dst when it is present.
func UnmarshalPath(raw []byte, path []string, dst any) error {
	if len(path) == 0 {
		return nil
	}
	for _, key := range path[:len(path)-1] {
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return nil
		}
		inner, ok := obj[key]
		if !ok {
			return nil
		}
		raw = inner
	}
	return UnmarshalField(raw, path[len(path)-1], dst)
}

// UnmarshalField decodes the member key of the JSON object raw into dst when
// it is present (for wire names a struct tag cannot express).
func UnmarshalField(raw []byte, key string, dst any) error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return err
	}
	if v, ok := obj[key]; ok {
		return json.Unmarshal(v, dst)
	}
	return nil
}

// Member is one extra object member for MergeFields.
type Member struct {
	Key       string
	Value     any
	OmitEmpty bool
}

// MergeFields adds members to the JSON object data (an encoded struct).
func MergeFields(data []byte, members ...Member) ([]byte, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return nil, err
	}
	for _, m := range members {
		rv := reflect.ValueOf(m.Value)
		if m.OmitEmpty && (isUnset(rv) || rv.IsZero()) {
			continue
		}
		encoded, err := json.Marshal(m.Value)
		if err != nil {
			return nil, err
		}
		obj[m.Key] = encoded
	}
	return json.Marshal(obj)
}

// CopyRaw keeps a private copy of a JSON document.
func CopyRaw(data []byte) json.RawMessage {
	return append(json.RawMessage(nil), data...)
}

// Union is the state shared by every union type: the raw JSON value.
type Union struct {
	Raw json.RawMessage
}

// MarshalUnion encodes a union's raw value (null when unset).
func MarshalUnion(raw json.RawMessage) ([]byte, error) {
	if len(raw) == 0 {
		return []byte("null"), nil
	}
	return raw, nil
}

// NewUnion encodes a variant value for a union.
func NewUnion(v any) json.RawMessage {
	data, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return data
}

// MarshalHeld encodes a file a union holds, for a JSON body (which has no
// files): its content as a string, a list of files as a list of strings.
func MarshalHeld(value any) ([]byte, error) {
	switch v := value.(type) {
	case io.Reader:
		data, err := io.ReadAll(v)
		if err != nil {
			return nil, err
		}
		return json.Marshal(string(data))
	case []io.Reader:
		texts := make([]string, 0, len(v))
		for _, r := range v {
			data, err := io.ReadAll(r)
			if err != nil {
				return nil, err
			}
			texts = append(texts, string(data))
		}
		return json.Marshal(texts)
	}
	return json.Marshal(value)
}

// Held is a union's variant as its constructor got it (a file, which has no
// JSON), or an error when the union holds another variant.
func Held[T any](value any) (T, error) {
	v, ok := value.(T)
	if !ok {
		return v, &json.UnmarshalTypeError{Value: "another variant", Type: reflect.TypeOf(&v).Elem()}
	}
	return v, nil
}

// As decodes a union's raw value as a variant.
func As[T any](raw json.RawMessage) (T, error) {
	var v T
	if len(raw) == 0 {
		return v, &json.UnmarshalTypeError{Value: "empty", Type: reflect.TypeOf(v)}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	err := dec.Decode(&v)
	return v, err
}

// Discriminator reads the string member key of the JSON object raw.
func Discriminator(raw json.RawMessage, key string) string {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return ""
	}
	var s string
	if json.Unmarshal(obj[key], &s) != nil {
		return ""
	}
	return s
}
