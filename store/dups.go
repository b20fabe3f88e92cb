package store

// DupKind says what a duplicate document shares with the document it
// duplicates. The kinds are tried in the order of their values: same id,
// then same content, then same URL.
type DupKind int

// Duplicate kinds; 0 means "not a duplicate".
const (
	DupByID DupKind = iota + 1
	DupByContent
	DupByURL
)

// Reason is the PutResult.Reason of a duplicate of this kind of the
// document dupOf, which Known returns too: "same id", "same content as
// dupOf" or "same url as dupOf".
func (k DupKind) Reason(dupOf string) string {
	switch k {
	case DupByID:
		return "same id"
	case DupByContent:
		return "same content as " + dupOf
	case DupByURL:
		return "same url as " + dupOf
	}
	return ""
}

// DupIndex finds, while PutBatch classifies a batch, the document that a
// document duplicates: a stored one or one accepted earlier in the batch,
// with the same id, else the same normalised content hash, else the same
// URL (empty hashes and URLs match nothing). R is what the store keeps of
// an indexed document (its row id, say). The zero DupIndex is not ready:
// use NewDupIndex.
type DupIndex[R any] struct {
	byID, byHash, byURL map[string]dupEntry[R]
}

type dupEntry[R any] struct {
	id  string
	ref R
}

// NewDupIndex returns an empty DupIndex.
func NewDupIndex[R any]() *DupIndex[R] {
	return &DupIndex[R]{byID: map[string]dupEntry[R]{}, byHash: map[string]dupEntry[R]{}, byURL: map[string]dupEntry[R]{}}
}

// Add indexes the document id by its id, hash and url.
func (x *DupIndex[R]) Add(id, hash, url string, ref R) {
	x.AddBy(DupByID, id, id, ref)
	x.AddBy(DupByContent, hash, id, ref)
	x.AddBy(DupByURL, url, id, ref)
}

// AddBy indexes the document id under one key of the given kind (its id,
// content hash or URL), for a store that looks its documents up one key
// at a time. An empty hash or URL is not indexed.
func (x *DupIndex[R]) AddBy(kind DupKind, key, id string, ref R) {
	e := dupEntry[R]{id, ref}
	switch kind {
	case DupByID:
		x.byID[key] = e
	case DupByContent:
		if key != "" {
			x.byHash[key] = e
		}
	case DupByURL:
		if key != "" {
			x.byURL[key] = e
		}
	}
}

// Find returns the indexed document that a document with this id, hash
// and url duplicates: what the store keeps of it, its id and the kind of
// duplicate (0 when there is none).
func (x *DupIndex[R]) Find(id, hash, url string) (ref R, dupOf string, kind DupKind) {
	if e, ok := x.byID[id]; ok {
		return e.ref, e.id, DupByID
	}
	if e, ok := x.byHash[hash]; ok { // "" is never indexed
		return e.ref, e.id, DupByContent
	}
	if e, ok := x.byURL[url]; ok {
		return e.ref, e.id, DupByURL
	}
	return ref, "", 0
}
