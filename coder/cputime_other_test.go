//go:build !unix

package coder_test

import "time"

// cpuTime is not available here: timing checks are skipped.
func cpuTime() (time.Duration, bool) { return 0, false }
