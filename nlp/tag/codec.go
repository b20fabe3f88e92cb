package tag

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

// The model file is a compact binary encoding: after the magic string come
// uvarint-prefixed sections (classes, unambiguous words, ambiguity classes,
// feature weights) and a CRC-32 of everything before it. Keys are sorted and
// delta-encoded, so Save is deterministic.

const magic = "DYADTAG3"

// maxModelBytes bounds the decompressed size Read accepts.
const maxModelBytes = 64 << 20

// ErrFormat is wrapped by every error Read returns for malformed input.
var ErrFormat = errors.New("tag: bad model file")

type encoder struct {
	buf []byte
}

func (e *encoder) uvarint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }
func (e *encoder) varint(v int64)   { e.buf = binary.AppendVarint(e.buf, v) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.buf = append(e.buf, s...) }

// keys writes a sorted key list delta-encoded.
func (e *encoder) keys(ks []uint64) {
	e.uvarint(uint64(len(ks)))
	prev := uint64(0)
	for _, k := range ks {
		e.uvarint(k - prev)
		prev = k
	}
}

// weights writes one stage's features and their class weights.
func (e *encoder) weights(w *weights) {
	e.keys(w.keys)
	e.uvarint(uint64(w.nw))
	pos := 0
	var cls []int
	var codes []byte
	for range w.keys {
		cls, codes = cls[:0], codes[:0]
		if n := w.packed[pos]; n&denseFlag != 0 {
			for c, v := range w.packed[pos+1 : pos+1+w.nc] {
				if v != 0 {
					cls = append(cls, c)
					codes = append(codes, weightCode(int16(v)))
				}
			}
		} else {
			for _, v := range w.packed[pos+1 : pos+1+int(n)] {
				cls = append(cls, int(v>>8))
				codes = append(codes, byte(v))
			}
		}
		pos += w.blockLen(pos)
		e.uvarint(uint64(len(cls)))
		prev := -1
		for j, c := range cls {
			e.uvarint(uint64(c - prev - 1))
			prev = c
			e.buf = append(e.buf, codes[j])
		}
	}
}

// Save writes the model in its compact binary form.
func (m *Model) Save(w io.Writer) error {
	var e encoder
	e.buf = append(e.buf, magic...)
	e.uvarint(uint64(len(m.classes)))
	for _, c := range m.classes {
		e.str(c.UPOS)
		e.str(c.XPOS)
	}
	e.keys(m.uniqKeys)
	for _, v := range m.uniqVals {
		e.uvarint(uint64(v))
	}
	e.keys(m.lexKeys)
	for _, a := range m.ambs {
		e.buf = binary.LittleEndian.AppendUint64(e.buf, a)
	}
	e.weights(&m.stage1)
	e.weights(&m.stage2)
	e.buf = binary.LittleEndian.AppendUint32(e.buf, crc32.ChecksumIEEE(e.buf))
	if _, err := w.Write(e.buf); err != nil {
		return fmt.Errorf("tag: save: %w", err)
	}
	return nil
}

type decoder struct {
	buf []byte
	pos int
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: byte %d: %s", ErrFormat, d.pos, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.buf[d.pos:])
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.pos += n
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.buf[d.pos:])
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.pos += n
	return v
}

// count reads a length that must fit in the remaining bytes, each element
// taking at least minBytes.
func (d *decoder) count(minBytes int) int {
	v := d.uvarint()
	if d.err == nil && v > uint64((len(d.buf)-d.pos)/minBytes) {
		d.fail("count %d exceeds the remaining data", v)
		return 0
	}
	return int(v)
}

func (d *decoder) str() string {
	n := d.count(1)
	if d.err != nil {
		return ""
	}
	s := string(d.buf[d.pos : d.pos+n])
	d.pos += n
	return s
}

func (d *decoder) u64() uint64 {
	if d.err != nil {
		return 0
	}
	if len(d.buf)-d.pos < 8 {
		d.fail("truncated")
		return 0
	}
	v := binary.LittleEndian.Uint64(d.buf[d.pos:])
	d.pos += 8
	return v
}

// keys reads a delta-encoded, strictly increasing list of non-zero keys.
func (d *decoder) keys() []uint64 {
	n := d.count(1)
	ks := make([]uint64, 0, min(n, 1<<20))
	prev := uint64(0)
	for i := 0; i < n && d.err == nil; i++ {
		delta := d.uvarint()
		if delta == 0 || delta > key40Max || prev+delta > key40Max {
			d.fail("keys not strictly increasing 40-bit values")
			break
		}
		prev += delta
		ks = append(ks, prev)
	}
	return ks
}

// weight reads a one-byte weight code.
func (d *decoder) weight() (byte, bool) {
	if d.err != nil {
		return 0, false
	}
	if d.pos >= len(d.buf) {
		d.fail("truncated")
		return 0, false
	}
	c := d.buf[d.pos]
	d.pos++
	_, ok := codeWeight(c)
	return c, ok
}

// weights reads one stage's features and weights for nc classes.
func (d *decoder) weights(w *weights, nc int) {
	w.keys = d.keys()
	nw := d.count(2)
	if d.err == nil && len(w.keys)+nw > maxTableVal {
		d.fail("too many weights (%d)", nw)
	}
	if d.err != nil {
		return
	}
	w.nc = nc
	w.packed = make([]uint16, 0, len(w.keys)+nw)
	cls := make([]uint8, 0, nc)
	codes := make([]byte, 0, nc)
	for range w.keys {
		n := d.count(2)
		if d.err == nil && (n == 0 || n > nc) {
			d.fail("bad weight count %d", n)
		}
		if d.err != nil {
			return
		}
		cls, codes = cls[:0], codes[:0]
		prev := -1
		for j := 0; j < n && d.err == nil; j++ {
			c := int64(d.uvarint()) + int64(prev) + 1
			code, ok := d.weight()
			if d.err == nil && (c < 0 || c >= int64(nc) || !ok) {
				d.fail("weight (class %d, code %d) out of range", c, code)
			}
			prev = int(c)
			cls = append(cls, uint8(c))
			codes = append(codes, code)
		}
		if d.err != nil {
			return
		}
		w.appendBlock(cls, codes)
	}
	if d.err == nil && w.nw != nw {
		d.fail("weight count %d, header says %d", w.nw, nw)
	}
}

// Read reads a model written by Save. Malformed input yields an error
// wrapping ErrFormat that names the byte offset of the problem.
func Read(r io.Reader) (m *Model, err error) {
	defer func() {
		if p := recover(); p != nil {
			m, err = nil, fmt.Errorf("%w: %v", ErrFormat, p)
		}
	}()
	buf, err := io.ReadAll(io.LimitReader(r, maxModelBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	if len(buf) > maxModelBytes {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrFormat, maxModelBytes)
	}
	return decodeModel(buf)
}

// decodeModel decodes a model file held in memory; buf is not modified or
// retained.
func decodeModel(buf []byte) (m *Model, err error) {
	defer func() {
		if p := recover(); p != nil {
			m, err = nil, fmt.Errorf("%w: %v", ErrFormat, p)
		}
	}()
	if len(buf) < len(magic)+4 || string(buf[:len(magic)]) != magic {
		return nil, fmt.Errorf("%w: byte 0: missing %q header", ErrFormat, magic)
	}
	body := buf[:len(buf)-4]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(buf[len(buf)-4:]) {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrFormat)
	}
	d := &decoder{buf: body, pos: len(magic)}
	m = &Model{}
	nc := d.count(2)
	if d.err == nil && (nc == 0 || nc > 255) {
		d.fail("bad class count %d", nc)
	}
	for i := 0; i < nc && d.err == nil; i++ {
		m.classes = append(m.classes, class{UPOS: d.str(), XPOS: d.str()})
	}
	m.uniqKeys = d.keys()
	for range m.uniqKeys {
		v := d.uvarint()
		if d.err == nil && v >= uint64(nc) {
			d.fail("class %d out of range", v)
		}
		m.uniqVals = append(m.uniqVals, uint32(v))
	}
	m.lexKeys = d.keys()
	if d.err == nil && len(m.lexKeys) > (len(body)-d.pos)/8 {
		d.fail("ambiguity table truncated")
	}
	for range m.lexKeys {
		if d.err != nil {
			break
		}
		m.ambs = append(m.ambs, d.u64())
	}
	d.weights(&m.stage1, nc)
	d.weights(&m.stage2, nc)
	if d.err == nil && d.pos != len(body) {
		d.fail("%d trailing bytes", len(body)-d.pos)
	}
	if d.err != nil {
		return nil, d.err
	}
	m.buildDict()
	m.stage1.build()
	m.stage2.build()
	return m, nil
}
