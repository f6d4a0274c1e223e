package core

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
)

// NamedReader is binary content with a file name, for file fields.
type NamedReader struct {
	io.Reader
	Filename string
}

// Name is the file name sent with the content.
func (r *NamedReader) Name() string { return r.Filename }

// DefaultFilename is the file name of content that has none.
const DefaultFilename = "upload"

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "%0D", "\n", "%0A")

// MultipartBody encodes multipart/form-data fields, one part per field in
// order: scalars as text, files with their filename and content type, arrays
// as one part per item named name[], objects in bracket form name[key]
// (recursively; arrays inside as name[key][]), JSON fields as one part
// holding their JSON. It returns the body and its content type.
func MultipartBody(fields []fieldValue) ([]byte, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, f := range fields {
		if err := writeField(w, f.field, f.field.Name, f.value); err != nil {
			return nil, "", err
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

func writeField(w *multipart.Writer, f Field, name string, v any) error {
	if r, ok := readerOf(v); ok {
		return writeFile(w, f, name, r)
	}
	rv := reflect.ValueOf(v)
	for rv.IsValid() && (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface) && !rv.IsNil() {
		if _, ok := rv.Interface().(io.Reader); ok {
			break
		}
		rv = rv.Elem()
	}
	if isUnset(rv) {
		return nil
	}
	if held, ok := rv.Interface().(interface{ UnionValue() any }); ok && held.UnionValue() != nil {
		// a union made with a file (or files): the file goes as a file
		if _, isFile := readerOf(held.UnionValue()); isFile || reflect.ValueOf(held.UnionValue()).Kind() == reflect.Slice {
			return writeField(w, f, name, held.UnionValue())
		}
	}
	if f.JSON {
		data, err := jsonText(v)
		if err != nil {
			return err
		}
		contentType := "application/json"
		h := make(textproto.MIMEHeader)
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"`, quoteEscaper.Replace(name)))
		h.Set("Content-Type", contentType)
		part, err := w.CreatePart(h)
		if err != nil {
			return err
		}
		_, err = part.Write(data)
		return err
	}
	if rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() != reflect.Uint8 {
		// arrays of files: one file part per item
		if rv.Len() > 0 {
			if _, ok := readerOf(rv.Index(0).Interface()); ok {
				for i := 0; i < rv.Len(); i++ {
					if r, ok := readerOf(rv.Index(i).Interface()); ok {
						if err := writeFile(w, f, name+"[]", r); err != nil {
							return err
						}
					}
				}
				return nil
			}
		}
	}
	val, err := valueOf(v)
	if err != nil {
		return err
	}
	return writeValue(w, name, val)
}

func writeValue(w *multipart.Writer, name string, val value) error {
	switch val.kind {
	case 's':
		return w.WriteField(name, val.text)
	case 'a':
		for i, item := range val.items {
			key := name + "[]"
			if item.structured() {
				key = name + "[" + strconv.Itoa(i) + "]"
			}
			if err := writeValue(w, key, item); err != nil {
				return err
			}
		}
	case 'o':
		for i, item := range val.items {
			if err := writeValue(w, name+"["+val.keys[i]+"]", item); err != nil {
				return err
			}
		}
	}
	return nil
}

func writeFile(w *multipart.Writer, f Field, name string, r io.Reader) error {
	filename := DefaultFilename
	if named, ok := r.(interface{ Name() string }); ok && named.Name() != "" {
		filename = filepath.Base(named.Name())
	}
	contentType := f.ContentType
	if contentType == "" {
		if typed, ok := r.(interface{ ContentType() string }); ok && typed.ContentType() != "" {
			contentType = typed.ContentType()
		}
	}
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`,
		quoteEscaper.Replace(name), quoteEscaper.Replace(filename)))
	h.Set("Content-Type", contentType)
	part, err := w.CreatePart(h)
	if err != nil {
		return err
	}
	_, err = io.Copy(part, r)
	return err
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
