// Package shared locates the peer data folder (../shared/data) used by
// evaluation tests. Tests call Dir or Path; when the data is absent they skip
// with a clear message, unless DYAD_SHARED is set explicitly, in which case a
// missing folder is a failure (this is how .ci/run requires the suites).
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// ModuleRoot returns the directory holding go.mod, searching upward from the
// working directory, or "" when none is found.
func ModuleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Root returns the shared folder (the one holding data/) and whether it was
// named explicitly by DYAD_SHARED. A relative DYAD_SHARED is taken relative
// to the module root, so "../shared" works from every package directory.
func Root() (dir string, explicit bool) {
	if v := os.Getenv("DYAD_SHARED"); v != "" {
		if !filepath.IsAbs(v) {
			if root := ModuleRoot(); root != "" {
				v = filepath.Join(root, v)
			}
		}
		return v, true
	}
	if root := ModuleRoot(); root != "" {
		return filepath.Join(root, "..", "shared"), false
	}
	return "", false
}

// Path returns the path of rel (for example "data/ud-ewt/test.conllu") inside
// the shared folder. It skips the test when the file is absent, or fails it
// when DYAD_SHARED was set, so CI cannot silently skip the evaluations.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	dir, explicit := Root()
	p := filepath.Join(dir, rel)
	if _, err := os.Stat(p); err != nil {
		if explicit {
			tb.Fatalf("DYAD_SHARED is set but %s is missing: %v", p, err)
		}
		tb.Skipf("skipping: peer data %s not found (set DYAD_SHARED to the shared folder to run this test)", rel)
	}
	return p
}

// Optional returns the path of rel inside the shared folder and whether it
// exists, without skipping: for tests that use peer data when present and
// still have something to check without it.
func Optional(rel string) (string, bool) {
	dir, _ := Root()
	p := filepath.Join(dir, rel)
	_, err := os.Stat(p)
	return p, err == nil
}
