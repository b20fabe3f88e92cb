package parse

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
)

// The model file format (version 4) is:
//
//	magic "dyad-parse-4\n"
//	uvarint nlabels, then each label as uvarint length + bytes
//	uvarint nkeys, then per feature key in increasing order:
//	  uvarint key delta from the previous key, uvarint nentries,
//	  per entry: byte class, zigzag varint int16 weight
//
// Classes are 0 SHIFT, 1 REDUCE, 2+l LEFT-ARC(l), 2+nlabels+l RIGHT-ARC(l).
// Keys are written sorted and entries by class, so equal models serialize
// to identical bytes.
// The file is not compressed: DEFLATE saved only 15% and doubled the load
// time.
const magic = "dyad-parse-4\n"

// ErrBadModel is wrapped by errors about malformed model files.
var ErrBadModel = errors.New("parse: malformed model")

// Save writes the model to w.
func (m *Model) Save(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var buf [binary.MaxVarintLen64]byte
	putU := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	putI := func(v int64) { bw.Write(buf[:binary.PutVarint(buf[:], v)]) }
	bw.WriteString(magic)
	putU(uint64(len(m.labels)))
	for _, l := range m.labels {
		putU(uint64(len(l)))
		bw.WriteString(l)
	}
	idx := make([]int, 0, m.w.nkeys)
	for i := range m.w.slots {
		if m.w.slots[i].kn != 0 {
			idx = append(idx, i)
		}
	}
	keyOf := func(i int) uint64 { return m.w.slots[i].kn & keyMask }
	var rbuf [compactMax]uint32
	slices.SortFunc(idx, func(a, b int) int {
		switch ka, kb := keyOf(a), keyOf(b); {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return 0
	})
	putU(uint64(len(idx)))
	prev := uint64(0)
	for _, i := range idx {
		k := keyOf(i)
		putU(k - prev)
		prev = k
		row := m.w.row(&m.w.slots[i], &rbuf)
		putU(uint64(len(row)))
		for _, e := range row {
			bw.WriteByte(byte(e & 0xff))
			putI(int64(int16(e >> 16)))
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("parse: save: %w", err)
	}
	return nil
}

// maxModelBytes bounds the size of a model file.
const maxModelBytes = 1 << 30

// decoder reads varints from a model file, remembering the first
// error with its byte offset.
type decoder struct {
	b   []byte
	off int
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s at byte %d", ErrBadModel, what, d.off)
	}
}

func (d *decoder) uvarint(what string, max uint64) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 || v > max {
		d.fail(what)
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) varint(what string) int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b[d.off:])
	if n <= 0 {
		d.fail(what)
		return 0
	}
	d.off += n
	return v
}

// entries appends ne entries (class byte, zigzag varint weight) to ents.
func (d *decoder) entries(ne, nclass int, ents []uint32) []uint32 {
	b := d.b
	for j := 0; j < ne && d.err == nil; j++ {
		// Fast path: weights of one or two varint bytes.
		if off := d.off; off+3 <= len(b) && int(b[off]) < nclass {
			var u uint64
			if x := b[off+1]; x < 0x80 {
				u, d.off = uint64(x), off+2
			} else if y := b[off+2]; y < 0x80 {
				u, d.off = uint64(x&0x7f)|uint64(y)<<7, off+3
			}
			if d.off != off {
				v := int16(u>>1) ^ -int16(u&1)
				ents = append(ents, uint32(b[off])|uint32(uint16(v))<<16)
				continue
			}
		}
		c := d.bytes("entry class", 1)
		v := d.varint("entry weight")
		if d.err == nil && (int(c[0]) >= nclass || v < -32768 || v > 32767) {
			d.fail("entry")
		}
		if d.err == nil {
			ents = append(ents, uint32(c[0])|uint32(uint16(int16(v)))<<16)
		}
	}
	return ents
}

// key reads the i-th delta-coded key after prev.
func (d *decoder) key(prev *uint64, i uint64) uint64 {
	delta := d.uvarint("key", keyMask)
	key := *prev + delta
	if d.err == nil && ((i > 0 && delta == 0) || key > keyMask || key == 0) {
		d.fail("key")
	}
	*prev = key
	return key
}

func (d *decoder) bytes(what string, n int) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.b)-d.off {
		d.fail(what)
		return nil
	}
	d.off += n
	return d.b[d.off-n : d.off]
}

// Read loads a model written by Save. Errors about malformed input wrap
// ErrBadModel and name the offending byte offset.
func Read(r io.Reader) (m *Model, err error) {
	defer func() {
		if p := recover(); p != nil {
			m, err = nil, fmt.Errorf("%w: %v", ErrBadModel, p)
		}
	}()
	var raw []byte
	if br, ok := r.(*bytes.Reader); ok && br.Len() <= maxModelBytes {
		// The embedded model: read it in place, without a copy.
		raw = make([]byte, br.Len())
		if _, err := io.ReadFull(br, raw); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrBadModel, err)
		}
	} else if raw, err = io.ReadAll(io.LimitReader(r, maxModelBytes)); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadModel, err)
	}
	d := &decoder{b: raw}
	if string(d.bytes("header", len(magic))) != magic {
		return nil, fmt.Errorf("%w: bad header", ErrBadModel)
	}
	nl := d.uvarint("label count", 127)
	if nl == 0 {
		d.fail("label count")
	}
	labels := make([]string, 0, nl)
	for i := uint64(0); i < nl && d.err == nil; i++ {
		ln := d.uvarint("label length", 64)
		labels = append(labels, string(d.bytes("label", int(ln))))
	}
	nclass := 2 + 2*int(nl)
	nk := d.uvarint("key count", uint64(len(raw)))
	w := newWeights(int(nk), int(nl))
	prev := uint64(0)
	var ents []uint32
	for i := uint64(0); i < nk && d.err == nil; i++ {
		key := d.key(&prev, i)
		ne := d.uvarint("entry count", uint64(nclass))
		if ne == 0 {
			d.fail("entry count")
		}
		ents = d.entries(int(ne), nclass, ents[:0])
		if d.err == nil {
			w.insert(key, ents)
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	if d.off != len(raw) {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrBadModel, len(raw)-d.off)
	}
	w.buildHot()
	m = &Model{labels: labels, nclass: nclass, w: w}
	m.initRepairs()
	return m, nil
}

//go:embed model
var modelFS embed.FS

// defaultModelPath is the embedded model file.
const defaultModelPath = "model/parser.bin"

var defaultModel = sync.OnceValues(func() (*Model, error) {
	b, err := modelFS.ReadFile(defaultModelPath)
	if err != nil {
		return nil, fmt.Errorf("parse: embedded model: %w", err)
	}
	m, err := Read(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("parse: embedded model: %w", err)
	}
	return m, nil
})

// Default returns the embedded model trained on UD English EWT. It is loaded
// once; later calls return the same Model.
func Default() (*Model, error) { return defaultModel() }
