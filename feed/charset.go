package feed

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// win1252 maps bytes 0x80–0x9F of Windows-1252 to runes (0 = undefined,
// kept as the C1 control of the same value).
var win1252 = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

// charsetReader converts the single-byte encodings common in feeds
// (ISO-8859-1, Windows-1252, US-ASCII) to UTF-8 for encoding/xml. UTF-16
// documents were converted before decoding, so their declaration passes.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be", "unicode":
		return in, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "us-ascii", "ascii":
		return &byteReader{in: in}, nil
	case "windows-1252", "cp1252", "x-cp1252":
		return &byteReader{in: in, cp1252: true}, nil
	}
	return nil, fmt.Errorf("unsupported character encoding %q (want UTF-8, UTF-16, ISO-8859-1 or Windows-1252)", label)
}

// byteReader decodes a single-byte encoding to UTF-8.
type byteReader struct {
	in     io.Reader
	cp1252 bool
	buf    [1024]byte
	out    []byte
}

func (r *byteReader) Read(p []byte) (int, error) {
	for len(r.out) == 0 {
		n, err := r.in.Read(r.buf[:])
		for _, c := range r.buf[:n] {
			ru := rune(c)
			if r.cp1252 && c >= 0x80 && c <= 0x9F && win1252[c-0x80] != 0 {
				ru = win1252[c-0x80]
			}
			r.out = utf8.AppendRune(r.out, ru)
		}
		if n == 0 && err != nil {
			return 0, err
		}
	}
	n := copy(p, r.out)
	r.out = r.out[n:]
	return n, nil
}
