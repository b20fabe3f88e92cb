//go:build !unix

package dictionary

import "time"

// cpuTime is not available here: timing checks are skipped.
func cpuTime() (time.Duration, bool) { return 0, false }
